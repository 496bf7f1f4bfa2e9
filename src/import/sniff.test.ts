import { describe, expect, it } from 'vitest'
import { ImportFailure } from './extract-types'
import { IMPORTABLE_KINDS, SUPPORTED_EXTENSIONS } from './extract'
import {
  chooseImporter,
  describeImportable,
  IMPORTER_BY_EXTENSION,
  looksLikeHtmlPage,
  sniffContent,
  type Sniffed,
} from './sniff'

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn()
  } catch (e) {
    if (e instanceof ImportFailure) return e.toImportError()
    throw e
  }
  throw new Error('expected an ImportFailure')
}

describe('sniffContent', () => {
  it('recognises PDFs, also after a little junk', () => {
    expect(sniffContent(ascii('%PDF-1.7\n')).kind).toBe('pdf')
    expect(
      sniffContent(ascii('Content-Type: application/pdf\r\n\r\n%PDF-1.4\n…\n%%EOF\n')).kind,
    ).toBe('pdf')
    expect(sniffContent(ascii('Save it as %PDF-1.4 if asked.\nThanks.')).kind).toBe('text')
  })

  it('recognises the images the OCR reads: PNG, JPEG and WebP', () => {
    const cases: [number[] | string, string, string][] = [
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png', 'a PNG image'],
      [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg', 'a JPEG image'],
      ['RIFF\0\0\0\0WEBPVP8', 'image/webp', 'a WebP image'],
    ]
    for (const [input, mime, description] of cases) {
      const sniffed = sniffContent(
        typeof input === 'string' ? ascii(input) : Uint8Array.from(input),
      )
      expect(sniffed).toEqual({ kind: 'image', mime, description })
    }
  })

  it('names TIFF as an image the OCR cannot decode, with what to do', () => {
    for (const head of ['II*\0', 'MM\0*']) {
      const sniffed = sniffContent(ascii(head + '\0'.repeat(8)))
      expect(sniffed.kind).toBe('other')
      expect(sniffed.description).toBe('a TIFF image')
      expect(sniffed.hint).toMatch(/cannot decode TIFF.*PNG or PDF/)
    }
  })

  it('names archives and other formats', () => {
    const cases: [number[] | string, string][] = [
      ['GIF89a', 'a GIF image'],
      ['{\\rtf1\\ansi', 'an RTF document'],
      [[0x1f, 0x8b, 8, 0], 'a gzip archive'],
      ['PK\x05\x06' + '\0'.repeat(18), 'a ZIP archive'],
      [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a Word 97–2003 document'],
    ]
    for (const [input, what] of cases) {
      const sniffed = sniffContent(
        typeof input === 'string' ? ascii(input) : Uint8Array.from(input),
      )
      expect(sniffed.kind).toBe('other')
      expect(sniffed.description).toContain(what)
    }
  })

  it('tells HTML pages from text that merely mentions tags', () => {
    expect(sniffContent(ascii('\xEF\xBB\xBF  <!DOCTYPE html><p>x')).kind).toBe('html')
    expect(sniffContent(ascii('<!-- saved --><html lang="en">')).kind).toBe('html')
    expect(sniffContent(ascii('Use <b>bold</b> sparingly.')).kind).toBe('text')
    expect(
      looksLikeHtmlPage('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'),
    ).toBe(true)
    expect(looksLikeHtmlPage('<htmlfoo>')).toBe(false)
  })

  it('calls control-heavy data binary but not UTF-16 text', () => {
    expect(sniffContent(Uint8Array.from([1, 2, 3, 0, 4, 5, 6, 7])).kind).toBe('binary')
    expect(sniffContent(Uint8Array.from([0xff, 0xfe, 0x41, 0, 0x42, 0])).kind).toBe('text')
  })
})

describe('chooseImporter', () => {
  const sniffed = (kind: Sniffed['kind'], extra: Partial<Sniffed> = {}): Sniffed => ({
    kind,
    ...extra,
  })

  it('uses the extension when the content agrees', () => {
    expect(chooseImporter('txt', sniffed('text'))).toEqual({ importer: 'text' })
    expect(chooseImporter('markdown', sniffed('text'))).toEqual({ importer: 'markdown' })
    expect(chooseImporter('htm', sniffed('html'))).toEqual({ importer: 'html' })
    expect(chooseImporter('html', sniffed('text'))).toEqual({ importer: 'html' })
    expect(chooseImporter('pdf', sniffed('pdf'))).toEqual({ importer: 'pdf' })
    expect(chooseImporter('docx', sniffed('docx'))).toEqual({ importer: 'docx' })
  })

  it('reads self-identifying formats as what they are, with a warning', () => {
    const choice = chooseImporter('txt', sniffed('pdf'))
    expect(choice.importer).toBe('pdf')
    expect(choice.warning).toContain('named .txt but is a PDF')
    expect(chooseImporter('pdf', sniffed('docx')).importer).toBe('docx')
    expect(chooseImporter('', sniffed('pdf')).warning).toContain('without an extension')
  })

  it('reads a whole HTML page named .txt or .md as HTML, with a warning', () => {
    expect(chooseImporter('txt', sniffed('html'))).toMatchObject({ importer: 'html' })
    expect(chooseImporter('md', sniffed('html')).warning).toContain('named .md')
  })

  it('refuses text or HTML named as a binary format', () => {
    expect(failure(() => chooseImporter('pdf', sniffed('html')))).toMatchObject({
      code: 'UNSUPPORTED_TYPE',
    })
    expect(failure(() => chooseImporter('docx', sniffed('text'))).message).toContain(
      'contains plain text, not a Word document',
    )
  })

  it('refuses unknown extensions and known non-documents, naming them', () => {
    expect(failure(() => chooseImporter('csv', sniffed('text'))).code).toBe('UNSUPPORTED_TYPE')
    const png = sniffed('other', { description: 'a PNG image', hint: 'No OCR.' })
    expect(failure(() => chooseImporter('pdf', png)).message).toBe(
      'This file is a PNG image, not a PDF. No OCR.',
    )
    expect(failure(() => chooseImporter('', png)).message).toBe('This file is a PNG image. No OCR.')
  })

  it('reads images with the image (OCR) importer under any image extension, only then', () => {
    const png = sniffed('image', { mime: 'image/png', description: 'a PNG image' })
    expect(chooseImporter('png', png)).toEqual({ importer: 'image' })
    expect(chooseImporter('jpg', png)).toEqual({ importer: 'image' })
    // Under another name it is refused, with what to do.
    expect(failure(() => chooseImporter('pdf', png))).toEqual({
      code: 'UNSUPPORTED_TYPE',
      message:
        'This file is a PNG image, not a PDF. To read its text with OCR, give it its image extension (.png, .jpg or .webp) and import it again.',
    })
    expect(failure(() => chooseImporter('png', sniffed('binary'))).code).toBe('PARSE_FAILED')
    expect(failure(() => chooseImporter('png', sniffed('text'))).code).toBe('UNSUPPORTED_TYPE')
  })

  it('reports password-protected Office files as ENCRYPTED', () => {
    expect(failure(() => chooseImporter('docx', sniffed('other', { encrypted: true }))).code).toBe(
      'ENCRYPTED',
    )
  })

  it('types binary junk by what the name promised', () => {
    expect(failure(() => chooseImporter('txt', sniffed('binary'))).code).toBe('INVALID_ENCODING')
    expect(failure(() => chooseImporter('md', sniffed('binary'))).code).toBe('INVALID_ENCODING')
    expect(failure(() => chooseImporter('pdf', sniffed('binary'))).code).toBe('PARSE_FAILED')
    expect(failure(() => chooseImporter('docx', sniffed('binary'))).code).toBe('PARSE_FAILED')
    expect(failure(() => chooseImporter('exe', sniffed('binary'))).code).toBe('UNSUPPORTED_TYPE')
  })
})

describe('describeImportable', () => {
  it('names every kind the import picker accepts, images included', () => {
    expect(IMPORTABLE_KINDS).toBe(
      '.txt, .md, .html, .pdf and .docx files, and PNG, JPEG and WebP images (read by OCR)',
    )
    // Every extension the picker offers is one the sniffer's importers take.
    for (const ext of SUPPORTED_EXTENSIONS) expect(IMPORTER_BY_EXTENSION[ext]).toBeDefined()
    expect(describeImportable(['pdf', 'jpeg'])).toBe('.pdf files, and JPEG images (read by OCR)')
  })
})
