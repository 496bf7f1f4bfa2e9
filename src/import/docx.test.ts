import { describe, expect, it } from 'vitest'
import { extractDocx, mammothHtmlToText, MAX_UNPACKED_BYTES, readCoreProperties } from './docx'
import { fixtureBytes } from './test-support'
import { listZipEntries, readZipEntryText } from './zip'

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
  it('refuses a package that declares more than it may unpack, before unpacking it', async () => {
    const bytes = fixtureBytes('good/council-minutes.docx')
    const entry = listZipEntries(bytes)!.find((e) => e.name === 'word/document.xml')!
    // Patch the uncompressed size in that entry's central directory record.
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    const at = findCentralRecord(bytes, entry.name)
    view.setUint32(at + 24, MAX_UNPACKED_BYTES + 1, true)
    await expect(extractDocx(bytes)).rejects.toMatchObject({ code: 'TOO_LARGE' })
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
