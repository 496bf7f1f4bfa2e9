// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { ImportErrorCode } from './extract'
import { extractDocument, MAX_IMPORT_BYTES, SUPPORTED_EXTENSIONS } from './extract'
import expectedJson from './fixtures/expected.json'
import { IMPORTER_VERSIONS } from './importer-versions'
import { normaliseText } from './normalise'
import { IMPORTER_BY_EXTENSION } from './sniff'
import { fakeFile, fixtureBytes, fixtureFile, listFixtures, nodeSha256 } from './test-support'

interface ExpectedOk {
  ok: true
  importer: string
  mime: string
  title: string
  author?: string
  publisher?: string
  url?: string
  language?: string
  publishedAt?: string
  publishedPrecision?: 'day' | 'minute'
  warnings: string[]
  startsWith?: string
  contains?: string[]
  notContains?: string[]
  pageStartsWith?: string[]
  textSha256: string
}
interface ExpectedError {
  ok: false
  code: ImportErrorCode
  messageIncludes: string[]
}

const expected = Object.fromEntries(
  Object.entries(expectedJson).filter(([key]) => !key.startsWith('$')),
) as Record<string, ExpectedOk | ExpectedError>

// Markup or script that must never reach an imported text, whatever the page.
const NEVER_IN_TEXT = ['<script', 'javascript:', 'onerror', 'onclick', 'onload', '</']

describe('extractDocument over the fixtures (fixtures/expected.json)', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(Object.keys(expected).sort()).toEqual(listFixtures().sort())
  })

  for (const [path, want] of Object.entries(expected)) {
    it(`${path} → ${want.ok ? `ok (${want.importer})` : want.code}`, async () => {
      const file = fixtureFile(path)
      // The fixtures pin the born-digital pipeline; OCR (which needs Node, not jsdom, to run
      // tesseract.js in-thread) has its own tests in ocr/ocr.test.ts.
      const outcome = await extractDocument(file, { ocr: false })
      if (!want.ok) {
        expect(outcome.ok ? outcome.doc.text : outcome.error, path).toMatchObject({
          code: want.code,
        })
        if (outcome.ok) return
        for (const words of want.messageIncludes) expect(outcome.error.message).toContain(words)
        return
      }
      if (!outcome.ok) throw new Error(`${path}: ${outcome.error.code} ${outcome.error.message}`)
      const doc = outcome.doc
      expect({
        title: doc.title,
        importer: doc.importer,
        importerVersion: doc.importerVersion,
        mime: doc.mime,
        fileName: doc.fileName,
        fileSize: doc.fileSize,
        author: doc.author,
        publisher: doc.publisher,
        url: doc.url,
        language: doc.language,
        publishedAt:
          doc.publishedAt === undefined ? undefined : new Date(doc.publishedAt).toISOString(),
        publishedPrecision: doc.publishedPrecision,
      }).toEqual({
        title: want.title,
        importer: want.importer,
        importerVersion: IMPORTER_VERSIONS[doc.importer],
        mime: want.mime,
        fileName: path.split('/')[1],
        fileSize: fixtureBytes(path).length,
        author: want.author,
        publisher: want.publisher,
        url: want.url,
        language: want.language,
        publishedAt: want.publishedAt,
        publishedPrecision: want.publishedPrecision,
      })
      expect(doc.warnings).toHaveLength(want.warnings.length)
      want.warnings.forEach((w, i) => expect(doc.warnings[i]).toContain(w))
      if (want.startsWith) expect(doc.text.startsWith(want.startsWith)).toBe(true)
      for (const s of want.contains ?? []) expect(doc.text).toContain(s)
      for (const s of want.notContains ?? []) expect(doc.text).not.toContain(s)
      if (doc.importer === 'html') {
        for (const s of NEVER_IN_TEXT) expect(doc.text.toLowerCase()).not.toContain(s)
      }
      if (want.pageStartsWith) {
        expect(doc.pageStarts).toHaveLength(want.pageStartsWith.length)
        want.pageStartsWith.forEach((start, i) =>
          expect(doc.text.slice(doc.pageStarts![i])).toMatch(new RegExp(`^${escapeRegExp(start)}`)),
        )
      } else {
        expect(doc.pageStarts).toBeUndefined()
      }
      expect(doc.text).toBe(normaliseText(doc.text))
      expect(doc.textHash).toBe(nodeSha256(doc.text))
      // Pinned: a change here changes stored hashes — bump the importer's MAJOR version.
      expect(doc.textHash, `${path}: text changed`).toBe(want.textSha256)
    })
  }

  it('keeps every marker of the hostile page out of every field, not only the text', async () => {
    const outcome = await extractDocument(fixtureFile('bad/hostile.html'))
    if (!outcome.ok) throw new Error(outcome.error.message)
    const all = JSON.stringify(outcome.doc)
    const markers = (expected['bad/hostile.html'] as ExpectedOk).notContains!.filter(
      (m) => m !== '<' && /^[A-Z_]+$/.test(m),
    )
    expect(markers.length).toBeGreaterThan(30)
    for (const marker of markers) expect(all).not.toContain(marker)
  })

  it('gives the same document for the same file every time', async () => {
    for (const path of listFixtures()) {
      const [a, b] = await Promise.all([
        extractDocument(fixtureFile(path)),
        extractDocument(fixtureFile(path)),
      ])
      expect(b, path).toEqual(a)
    }
  })
})

describe('pageStarts', () => {
  it('index the start of each page in the text, after a paragraph break', async () => {
    const outcome = await extractDocument(fixtureFile('good/crane-findings.pdf'))
    if (!outcome.ok) throw new Error(outcome.error.message)
    const { text, pageStarts } = outcome.doc
    expect(pageStarts![0]).toBe(0)
    for (const start of pageStarts!.slice(1)) {
      expect(start).toBeGreaterThan(0)
      expect(start).toBeLessThan(text.length)
      expect(text.slice(start - 2, start)).toBe('\n\n')
    }
  })
})

describe('size cap', () => {
  const huge = (overrides = {}) =>
    fakeFile('huge.pdf', new Uint8Array(0), { size: MAX_IMPORT_BYTES + 1, ...overrides })

  it('refuses a file over 50 MB without reading it', async () => {
    const file = huge()
    const outcome = await extractDocument(file)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } })
    expect(file.reads).toBe(0)
    if (!outcome.ok) expect(outcome.error.message).toContain('50.0 MB')
  })

  it('accepts a file of exactly the cap as far as size goes', async () => {
    const file = fakeFile('a.txt', new TextEncoder().encode('Hello'), { size: MAX_IMPORT_BYTES })
    expect((await extractDocument(file)).ok).toBe(true)
  })

  it('refuses a file the platform flags as too large, without reading it', async () => {
    const file = fakeFile('a.txt', new TextEncoder().encode('small'), { tooLarge: true })
    expect(await extractDocument(file)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } })
    expect(file.reads).toBe(0)
  })

  it('applies a smaller cap passed as an option', async () => {
    const file = fixtureFile('good/wire-report.txt')
    expect(await extractDocument(file, { maxBytes: 100 })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })
    expect(file.reads).toBe(0)
  })

  it('checks the bytes actually read when the announced size was wrong', async () => {
    const file = fakeFile('a.txt', new TextEncoder().encode('x'.repeat(200)), { size: 10 })
    expect(await extractDocument(file, { maxBytes: 100 })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })
  })
})

describe('reading', () => {
  it('reports READ_FAILED when the file cannot be read', async () => {
    const file = fakeFile('gone.txt', new Uint8Array(), {
      size: 10,
      read: () => Promise.reject(new Error('ENOENT: no such file')),
    })
    const outcome = await extractDocument(file)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'READ_FAILED' } })
    if (!outcome.ok) expect(outcome.error.message).toContain('ENOENT')
  })

  it('reports READ_FAILED when read() throws instead of rejecting', async () => {
    const file = fakeFile('gone.txt', new Uint8Array(), {
      read: () => {
        throw new Error('boom')
      },
    })
    expect(await extractDocument(file)).toMatchObject({ ok: false, error: { code: 'READ_FAILED' } })
  })
})

describe('never throws', () => {
  const seeded = (seed: number, length: number) => {
    let a = seed
    return Uint8Array.from({ length }, () => {
      a = (a * 1103515245 + 12345) >>> 0
      return a >>> 24
    })
  }

  it('resolves for truncated copies of every good fixture under every extension', async () => {
    const codes = new Set<string>()
    for (const path of listFixtures().filter((p) => p.startsWith('good/'))) {
      const bytes = fixtureBytes(path)
      for (const cut of [1, 5, 64, Math.floor(bytes.length / 3), bytes.length - 1]) {
        for (const ext of SUPPORTED_EXTENSIONS) {
          const outcome = await extractDocument(fakeFile(`cut.${ext}`, bytes.subarray(0, cut)))
          codes.add(outcome.ok ? 'ok' : outcome.error.code)
          if (!outcome.ok) expect(outcome.error.message.length).toBeGreaterThan(10)
        }
      }
    }
    expect(codes).toContain('ok')
    expect(codes).toContain('PARSE_FAILED')
  })

  it('resolves for random bytes and for odd read results', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const ext of [...SUPPORTED_EXTENSIONS, 'bin', '']) {
        const outcome = await extractDocument(fakeFile(`junk.${ext}`, seeded(seed, 300 * seed)))
        expect(outcome.ok).toBe(false)
      }
    }
    for (const value of [null, undefined, 'text', 42, {}]) {
      const file = fakeFile('odd.txt', new Uint8Array(), {
        read: () => Promise.resolve(value as unknown as ArrayBuffer),
      })
      await expect(extractDocument(file)).resolves.toHaveProperty('ok')
    }
  })

  it('resolves when called with nonsense options', async () => {
    const file = fixtureFile('good/wire-report.txt')
    const call = extractDocument as (f: unknown, o: unknown) => ReturnType<typeof extractDocument>
    await expect(call(file, null)).resolves.toMatchObject({ ok: true })
    await expect(call(file, { maxBytes: -1 })).resolves.toMatchObject({ ok: true })
  })

  it('resolves for a file object with nonsense fields', async () => {
    const file = { name: undefined, size: Number.NaN, type: '', read: undefined }
    const outcome = await extractDocument(file as unknown as Parameters<typeof extractDocument>[0])
    expect(outcome.ok).toBe(false)
  })
})

describe('the language of an import', () => {
  const extractText = async (name: string, text: string) => {
    const outcome = await extractDocument(fakeFile(name, new TextEncoder().encode(text)))
    if (!outcome.ok) throw new Error(outcome.error.message)
    return outcome.doc
  }

  it('is detected from the text when the file declares none', async () => {
    const fa = await extractText(
      'fa.txt',
      'وزیر امور خارجه ایران در مسکو با رئیس جمهور روسیه دیدار کرد و درباره مذاکرات گفت‌وگو کرد.',
    )
    expect(fa.language).toBe('fa')
    const ru = await extractText(
      'ru.txt',
      'Президент встретился с министрами, чтобы обсудить положение в регионе и новые санкции.',
    )
    expect(ru.language).toBe('ru')
  })

  it('is left unknown for a text too short to tell', async () => {
    const doc = await extractText('short.txt', 'Москва, 23 июня')
    expect(doc.language).toBeUndefined()
    expect('language' in doc).toBe(false)
  })

  it('keeps the language an HTML page declares', async () => {
    const doc = await extractText(
      'page.html',
      '<!doctype html><html lang="fa"><head><title>t</title></head><body><p>Iran said that the talks were over and that the delegation has left the city.</p></body></html>',
    )
    expect(doc.language).toBe('fa')
  })
})

describe('constants', () => {
  it('lists exactly the extensions that have an importer', () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual(Object.keys(IMPORTER_BY_EXTENSION).sort())
  })

  it('gives each importer a semver version', () => {
    for (const v of Object.values(IMPORTER_VERSIONS)) expect(v).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
