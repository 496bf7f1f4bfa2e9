import { describe, expect, it } from 'vitest'
import { COMMENTS_HEADING, extractDocx, mammothHtmlToText, readCoreProperties } from './docx'
import { fixtureBytes, makeDocx, makeZip } from './test-support'
import {
  countInflated,
  listZipEntries,
  measureUnpacked,
  readZipEntryText,
  unpackLimit,
} from './zip'

const MB = 1024 * 1024
const PARAGRAPH = '<w:p><w:r><w:t>Harbour report</w:t></w:r></w:p>'

describe('mammothHtmlToText', () => {
  it('makes paragraphs and headings paragraphs and keeps manual line breaks', () => {
    expect(
      mammothHtmlToText('<h1>Title</h1><p>a<br />b</p><p><strong>c</strong> &amp; d</p>'),
    ).toBe('Title\n\na\nb\n\nc & d')
  })

  it('makes lists one paragraph with numbered or plain lines', () => {
    expect(
      mammothHtmlToText(
        '<ol><li>one</li><li>two<ul><li>sub</li></ul></li></ol><ul><li>x</li></ul>',
      ),
    ).toBe('1. one\n2. two\nsub\n\nx')
  })

  it('makes tables one paragraph with a line per row and cells joined by " | "', () => {
    expect(
      mammothHtmlToText(
        '<table><tr><td><p>a</p><p>a2</p></td><td><p>b</p></td></tr><tr><td><p>c</p></td><td></td></tr></table><p>after</p>',
      ),
    ).toBe('a a2 | b\nc\n\nafter')
  })

  it('drops images and footnote back-links', () => {
    expect(
      mammothHtmlToText(
        '<p>Text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup><img src="" alt="x" /></p><ol><li id="footnote-1"><p>Note <a href="#footnote-ref-1">↑</a></p></li></ol>',
      ),
    ).toBe('Text[1]\n\n1. Note')
  })
})

describe('zip reading', () => {
  it('lists the parts of the fixture and inflates one', async () => {
    const bytes = fixtureBytes('good/council-minutes.docx')
    const entries = listZipEntries(bytes)!
    expect(entries.map((e) => e.name)).toContain('word/document.xml')
    const core = entries.find((e) => e.name === 'docProps/core.xml')!
    expect(await readZipEntryText(bytes, core)).toContain(
      '<dc:creator>Council Secretariat</dc:creator>',
    )
    expect(await readZipEntryText(bytes, core, 10)).toBeUndefined()
  })

  it('returns undefined for damaged archives instead of throwing', async () => {
    const bytes = fixtureBytes('good/council-minutes.docx')
    expect(listZipEntries(bytes.subarray(0, 100))).toBeUndefined()
    const entry = listZipEntries(bytes)!.find((e) => e.name === 'docProps/core.xml')!
    const broken = bytes.slice()
    broken.fill(0xff, entry.localHeaderOffset + 40, entry.localHeaderOffset + 60)
    expect(await readZipEntryText(broken, entry)).toBeUndefined()
  })
})

describe('readCoreProperties', () => {
  it('reads title, creator, language and created, decoding entities', async () => {
    expect(await readCoreProperties(fixtureBytes('good/council-minutes.docx'))).toEqual({
      title: 'Kessby Harbour Council: minutes of 14 March 2025 & berth allocation',
      creator: 'Council Secretariat',
      created: '2025-03-15T10:00:00Z',
      language: 'en-GB',
    })
  })

  it('gives nothing for a package without core properties', async () => {
    expect(await readCoreProperties(fixtureBytes('bad/corrupt.docx'))).toEqual({})
  })
})

describe('extractDocx', () => {
  it('refuses a package whose parts really unpack past the limit, whatever they declare', async () => {
    // 20 MB of zeros deflate to ~20 KB: a small bomb that declares 100 bytes.
    const bomb = { name: 'word/media/pad.bin', data: new Uint8Array(20 * MB), declaredSize: 100 }
    const bytes = await makeDocx(PARAGRAPH, undefined, [bomb])
    expect(bytes.length).toBeLessThan(200_000)
    expect(unpackLimit(bytes.length)).toBe(16 * MB)
    await expect(extractDocx(bytes)).rejects.toMatchObject({ code: 'TOO_LARGE' })
  })

  it('does not refuse a small package for the sizes it declares (the parser finds it damaged)', async () => {
    const bytes = fixtureBytes('good/council-minutes.docx')
    const entry = listZipEntries(bytes)!.find((e) => e.name === 'word/document.xml')!
    // Patch the uncompressed size in that entry's central directory record.
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    view.setUint32(findCentralRecord(bytes, entry.name) + 24, 0xfffffff0, true)
    await expect(extractDocx(bytes)).rejects.toMatchObject({ code: 'PARSE_FAILED' })
  })

  it('stops counting with CANCELLED when the import is cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const bytes = await makeDocx(PARAGRAPH)
    await expect(extractDocx(bytes, { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    })
  })

  it('reports a damaged document as PARSE_FAILED', async () => {
    await expect(extractDocx(fixtureBytes('bad/corrupt.docx'))).rejects.toMatchObject({
      code: 'PARSE_FAILED',
    })
  })
})

function findCentralRecord(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue
    const length = view.getUint16(i + 28, true)
    if (new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + length)) === name) return i
  }
  throw new Error(`no central record for ${name}`)
}

describe('measureUnpacked', () => {
  it('counts what the entries really inflate to and stops past the limit', async () => {
    const zip = await makeZip([
      { name: 'a.txt', data: 'x'.repeat(1000), declaredSize: 1 },
      { name: 'b.bin', data: new Uint8Array(8 * MB), declaredSize: 1 },
    ])
    expect(await measureUnpacked(zip, 9 * MB)).toBe(1000 + 8 * MB)
    await expect(measureUnpacked(zip, 4 * MB)).rejects.toMatchObject({ code: 'TOO_LARGE' })
  })

  it('stops inflating one entry as soon as it passes the limit', async () => {
    const zip = await makeZip([{ name: 'z', data: new Uint8Array(8 * MB) }])
    const entry = listZipEntries(zip)![0]!
    const data = zip.subarray(30 + 1, 30 + 1 + entry.compressedSize)
    expect(await countInflated(data, MB)).toBe(Infinity)
    expect(await countInflated(data, 9 * MB)).toBe(8 * MB)
  })

  it('scales the limit with the file: 100 times, at least 16 MB, at most 200 MB', () => {
    expect(unpackLimit(10_000)).toBe(16 * MB)
    expect(unpackLimit(MB)).toBe(100 * MB)
    expect(unpackLimit(50 * MB)).toBe(200 * MB)
  })
})

describe('DOCX comments', () => {
  it('keeps comments as a marked section at the end and says so', async () => {
    const bytes = await makeDocx(
      '<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>the berth</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> after.</w:t></w:r></w:p>',
      '<w:comment w:id="0" w:author="Ann Lee" w:initials="AL"><w:p><w:r><w:t>Check this &amp; that.</w:t></w:r></w:p><w:p><w:r><w:t>Second line.</w:t></w:r></w:p></w:comment>',
    )
    const doc = await extractDocx(bytes)
    expect(doc.text).toBe(
      `Before the berth[AL1] after.\n\n${COMMENTS_HEADING}\n\n[AL1] Check this & that. Second line.`,
    )
    expect(doc.warnings.join(' ')).toMatch(/comment was kept/)
  })
})
