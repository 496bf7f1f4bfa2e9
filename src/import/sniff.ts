/**
 * Decides which importer reads a file, from what the bytes are rather than only what the
 * name says. Self-identifying formats win over the extension: a file that starts with a PDF
 * header is read as a PDF, a ZIP holding `word/` parts as a Word document, whatever it is
 * called — the signature is unambiguous and the format's own parser validates the rest, so
 * this is safe, and the analyst gets a warning naming the mismatch. A .txt or .md file that
 * is plainly a whole HTML page is read as HTML, since reading it as text would put its
 * markup and scripts into the document. The reverse is refused: text or HTML named .pdf or
 * .docx (typically an error page a download saved in place of the document) is reported as
 * UNSUPPORTED_TYPE, as is any known non-document format (images, archives, legacy Office),
 * each with a message that names what the file really is.
 */
import type { ImporterName } from '../domain/types'
import { detectUtf16WithoutBom, looksBinary } from './decode'
import { ImportFailure } from './extract-types'
import { isZip, listZipEntries } from './zip'

/** What the bytes of a file are. */
export type ContentKind = 'pdf' | 'docx' | 'html' | 'text' | 'image' | 'binary' | 'other'

/** The result of sniffing: the kind, and for `other` what the file is in words. */
export interface Sniffed {
  kind: ContentKind
  /** For `other`: what the file is, e.g. "a PNG image". */
  description?: string
  /** For `other`: what the analyst can do instead. */
  hint?: string
  /** For `other`: a password-protected Office document. */
  encrypted?: boolean
  /** For `image`: its MIME type (an image the OCR reads: PNG, JPEG or WebP). */
  mime?: string
}

/** Which importer reads each supported extension. */
export const IMPORTER_BY_EXTENSION: Readonly<Record<string, ImporterName>> = {
  txt: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  webp: 'image',
}

/** How images are named in words, by extension. */
const IMAGE_WORDS: Readonly<Record<string, string>> = {
  png: 'PNG',
  jpg: 'JPEG',
  jpeg: 'JPEG',
  webp: 'WebP',
}

/**
 * The kinds of file `extensions` (without dots, as the import's file picker takes them) let
 * the analyst import, in words: ".txt, .md, .html, .pdf and .docx files, and PNG, JPEG and
 * WebP images (read by OCR)". One extension names each document importer; images are named
 * by their format. The library's empty state and the unsupported-type error both say this.
 */
export function describeImportable(extensions: readonly string[]): string {
  const docs = new Map<ImporterName, string>()
  const images = new Set<string>()
  for (const ext of extensions) {
    const importer = IMPORTER_BY_EXTENSION[ext]
    if (importer === 'image') images.add(IMAGE_WORDS[ext] ?? ext.toUpperCase())
    else if (importer && !docs.has(importer)) docs.set(importer, `.${ext}`)
  }
  const list = (items: string[]) =>
    items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '')
  const parts = []
  if (docs.size) parts.push(`${list([...docs.values()])} files`)
  if (images.size) parts.push(`${list([...images])} images (read by OCR)`)
  return parts.join(', and ')
}

/** The MIME type recorded for each importer's documents. */
export const MIME_BY_IMPORTER: Readonly<Record<ImporterName, string>> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  // The real type of an image is the sniffed one (`Sniffed.mime`); this is the fallback.
  image: 'image/png',
}

const WORDS: Record<ImporterName, string> = {
  text: 'plain text',
  markdown: 'Markdown text',
  html: 'a web page (HTML)',
  pdf: 'a PDF',
  docx: 'a Word document (.docx)',
  image: 'an image',
}

const IMAGE_HINT =
  'Casefile reads PNG, JPEG and WebP images and scanned PDFs with OCR; save it in one of those formats and import it again.'
const TIFF_HINT =
  'Casefile’s OCR cannot decode TIFF (neither its engine nor the browser reads it). Save or export the scan as PNG or PDF and import that.'

/** Images the OCR reads, by signature. */
const IMAGES: { bytes: (number | string)[]; offset?: number; mime: string; is: string }[] = [
  { bytes: [0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a], mime: 'image/png', is: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], mime: 'image/jpeg', is: 'a JPEG image' },
  { bytes: ['WEBP'], offset: 8, mime: 'image/webp', is: 'a WebP image' },
]
const ARCHIVE_HINT = 'Unpack it and import the documents inside.'

const SIGNATURES: { bytes: (number | string)[]; offset?: number; is: string; hint: string }[] = [
  { bytes: ['GIF8'], is: 'a GIF image', hint: IMAGE_HINT },
  { bytes: ['II*', 0], is: 'a TIFF image', hint: TIFF_HINT },
  { bytes: ['MM', 0, '*'], is: 'a TIFF image', hint: TIFF_HINT },
  { bytes: ['ftyp'], offset: 4, is: 'a video or HEIC image', hint: IMAGE_HINT },
  { bytes: ['{\\rtf'], is: 'an RTF document', hint: 'Save it as .docx from your word processor.' },
  { bytes: ['%!PS'], is: 'a PostScript file', hint: 'Convert it to PDF first.' },
  { bytes: [0x1f, 0x8b], is: 'a gzip archive', hint: ARCHIVE_HINT },
  { bytes: ['7z', 0xbc, 0xaf, 0x27, 0x1c], is: 'a 7-Zip archive', hint: ARCHIVE_HINT },
  { bytes: ['Rar!', 0x1a, 0x07], is: 'a RAR archive', hint: ARCHIVE_HINT },
  { bytes: [0x7f, 'ELF'], is: 'a program', hint: 'It holds no document text.' },
  { bytes: ['SQLite format 3', 0], is: 'a database file', hint: 'It holds no document text.' },
  { bytes: ['ID3'], is: 'an audio file', hint: 'Transcribe it elsewhere and import the text.' },
  { bytes: ['OggS'], is: 'an audio file', hint: 'Transcribe it elsewhere and import the text.' },
]

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, parts: (number | string)[], offset = 0): boolean {
  let at = offset
  for (const part of parts) {
    const codes = typeof part === 'number' ? [part] : Array.from(part, (c) => c.charCodeAt(0))
    for (const code of codes) if (bytes[at++] !== code) return false
  }
  return true
}

/** Index of `needle` in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]
  const last = haystack.length - needle.length
  outer: for (
    let i = haystack.indexOf(first!, from);
    i !== -1 && i <= last;
    i = haystack.indexOf(first!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const utf16le = (s: string) => Uint8Array.from(Array.from(s).flatMap((c) => [c.charCodeAt(0), 0]))

function sniffZip(bytes: Uint8Array): Sniffed {
  const entries = listZipEntries(bytes)
  // An unreadable directory (damaged, ZIP64): the local header names still show a Word file.
  const names = entries?.map((e) => e.name) ?? []
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix))
  if (has('word/') || (!entries && indexOfBytes(bytes, ascii('word/document.xml')) >= 0)) {
    return { kind: 'docx' }
  }
  const office = (is: string): Sniffed => ({
    kind: 'other',
    description: is,
    hint: 'Save it as .docx or PDF to import its text.',
  })
  if (has('xl/')) return office('an Excel workbook')
  if (has('ppt/')) return office('a PowerPoint presentation')
  if (names.includes('content.xml') && names.includes('mimetype'))
    return office('an OpenDocument file')
  if (names.includes('META-INF/container.xml')) {
    return {
      kind: 'other',
      description: 'an EPUB e-book',
      hint: 'Convert it to PDF or text first.',
    }
  }
  return { kind: 'other', description: 'a ZIP archive', hint: ARCHIVE_HINT }
}

/** The text at the start of a file, for spotting HTML. */
function headText(bytes: Uint8Array, utf16?: 'utf-16le' | 'utf-16be'): string {
  const head = bytes.subarray(0, 2048)
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head)
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head)
  if (utf16) return new TextDecoder(utf16).decode(head)
  return new TextDecoder('latin1').decode(head)
}

/** True when text starts (after a BOM, comments or an XML declaration) as an HTML page. */
export function looksLikeHtmlPage(text: string): boolean {
  const start = text.replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF|\s|<!--[\s\S]*?-->|<\?xml[^>]*>)+/, '')
  return /^<(?:!doctype\s+html|html|head|body)[\s>]/i.test(start)
}

/**
 * A PDF header at the start, or — as readers accept — after up to 1 KB of junk such as a
 * mail or HTTP header, in which case the file must also end like a PDF, so that a text that
 * merely mentions "%PDF-1.4" is not taken for one.
 */
function isPdf(bytes: Uint8Array): boolean {
  const at = indexOfBytes(bytes.subarray(0, 1024), ascii('%PDF-'))
  if (at === 0) return true
  return (
    at > 0 && indexOfBytes(bytes.subarray(Math.max(0, bytes.length - 1024)), ascii('%%EOF')) >= 0
  )
}

/** What the bytes of a file are (see the module comment). */
export function sniffContent(bytes: Uint8Array): Sniffed {
  if (isPdf(bytes)) return { kind: 'pdf' }
  if (isZip(bytes)) return sniffZip(bytes)
  if (startsWith(bytes, OLE2)) {
    // Word saves a password-protected .docx as an OLE2 compound file with these streams.
    if (indexOfBytes(bytes, utf16le('EncryptedPackage')) >= 0) {
      return { kind: 'other', description: 'a password-protected Office document', encrypted: true }
    }
    return {
      kind: 'other',
      description: 'a Word 97–2003 document or another legacy Office file',
      hint: 'Open it in Word and save it as .docx.',
    }
  }
  for (const image of IMAGES) {
    if (startsWith(bytes, image.bytes, image.offset)) {
      return { kind: 'image', mime: image.mime, description: image.is }
    }
  }
  for (const sig of SIGNATURES) {
    if (startsWith(bytes, sig.bytes, sig.offset)) {
      return { kind: 'other', description: sig.is, hint: sig.hint }
    }
  }
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  const wide = bom ? undefined : detectUtf16WithoutBom(bytes)
  if (!bom && !wide && looksBinary(bytes)) return { kind: 'binary' }
  return { kind: looksLikeHtmlPage(headText(bytes, wide)) ? 'html' : 'text' }
}

/** The importer chosen for a file, with a warning when its name and content disagree. */
export interface ImporterChoice {
  importer: ImporterName
  warning?: string
}

function named(ext: string): string {
  return ext ? `named .${ext}` : 'without an extension'
}

/**
 * Chooses the importer for a file from its extension and its sniffed content (policy in the
 * module comment). Throws `ImportFailure` when the file cannot be imported.
 */
export function chooseImporter(ext: string, sniffed: Sniffed): ImporterChoice {
  const claimed = IMPORTER_BY_EXTENSION[ext]
  const supported = `Casefile imports ${describeImportable(Object.keys(IMPORTER_BY_EXTENSION))}.`
  switch (sniffed.kind) {
    case 'image':
      // Read by OCR only under an image's own name: an image named .pdf or .txt is more
      // likely a mistake (a screenshot saved in place of a document) than a scan to read.
      if (claimed === 'image') return { importer: 'image' }
      throw new ImportFailure(
        'UNSUPPORTED_TYPE',
        `This file is ${sniffed.description ?? 'an image'}${claimed ? `, not ${WORDS[claimed]}` : ''}. To read its text with OCR, give it its image extension (.png, .jpg or .webp) and import it again.`,
      )
    case 'pdf':
    case 'docx': {
      const actual = sniffed.kind
      if (claimed === actual) return { importer: actual }
      return {
        importer: actual,
        warning: `The file is ${named(ext)} but is ${WORDS[actual]}; it was imported as ${WORDS[actual]}.`,
      }
    }
    case 'other':
      if (sniffed.encrypted) {
        throw new ImportFailure(
          'ENCRYPTED',
          'This is a password-protected Office document. Open it in Word, remove the password (File › Info › Protect Document), save it and import it again.',
        )
      }
      throw new ImportFailure(
        'UNSUPPORTED_TYPE',
        `This file is ${sniffed.description}${claimed ? `, not ${WORDS[claimed]}` : ''}. ${sniffed.hint ?? supported}`,
      )
    case 'binary':
      if (claimed === 'pdf') {
        throw new ImportFailure(
          'PARSE_FAILED',
          'This file is named .pdf but is not a PDF (it has no PDF header). It may be damaged or in another format.',
        )
      }
      if (claimed === 'docx') {
        throw new ImportFailure(
          'PARSE_FAILED',
          'This file is named .docx but is not a Word document (it is not a ZIP package). It may be damaged or in another format.',
        )
      }
      if (claimed === 'image') {
        throw new ImportFailure(
          'PARSE_FAILED',
          `This file is named .${ext} but is not a PNG, JPEG or WebP image. It may be damaged or in another format.`,
        )
      }
      if (claimed) {
        throw new ImportFailure(
          'INVALID_ENCODING',
          'This file does not contain readable text: it looks like binary data. If it is a document in another format, give it the right extension; if it is text in an unusual encoding, save it as UTF-8 and import it again.',
        )
      }
      throw new ImportFailure(
        'UNSUPPORTED_TYPE',
        `This file is not a document Casefile can read. ${supported}`,
      )
    case 'html':
    case 'text': {
      const actual: ImporterName = sniffed.kind === 'html' ? 'html' : 'text'
      if (claimed === 'pdf' || claimed === 'docx' || claimed === 'image') {
        throw new ImportFailure(
          'UNSUPPORTED_TYPE',
          `This file is named .${ext} but contains ${WORDS[actual]}, not ${WORDS[claimed]}. A download sometimes saves an error page in place of the document: open the file to check. If it is what you want, rename it to .${actual === 'html' ? 'html' : 'txt'} and import it again.`,
        )
      }
      if (!claimed) {
        throw new ImportFailure(
          'UNSUPPORTED_TYPE',
          `${supported} This file is ${named(ext)}; if it is plain text, rename it to .txt and import it again.`,
        )
      }
      if (actual === 'html' && claimed !== 'html') {
        return {
          importer: 'html',
          warning: `The file is named .${ext} but is a whole web page (HTML); it was imported as HTML so that its markup and scripts stay out of the text.`,
        }
      }
      return { importer: claimed }
    }
  }
}
