/**
 * Turns the bytes of a text file (txt, md, html) into a string, in this order: a UTF-16
 * byte-order mark is obeyed; UTF-16 without one is recognised by its zero bytes (and
 * flagged); bytes that are clearly not text are refused; strict UTF-8 (a
 * UTF-8 BOM is dropped); for HTML, the charset its `<meta>` (or XML declaration) declares;
 * and last windows-1252, which maps every byte to a character and is what most non-UTF-8
 * Western text is. Anything other than UTF-8 is flagged in `warnings`, because the analyst
 * should check accented letters and quotation marks in such a file.
 */
import { ImportFailure } from './extract-types'

/** The result of decoding: the text and the notes about how it was decoded. */
export interface DecodedText {
  text: string
  /** WHATWG name of the encoding used, e.g. "utf-8", "windows-1252". */
  encoding: string
  warnings: string[]
}

/** The warning for a file that was not UTF-8 and declared nothing. */
export const WINDOWS_1252_WARNING =
  'The file is not valid UTF-8 and was decoded as windows-1252. Check accented letters and quotation marks.'

// windows-1252 differs from Latin-1 only in 0x80–0x9F. Decoded here rather than by
// TextDecoder because Node 20's decoder (used by the unit tests) treats the label as
// Latin-1 and yields C1 controls there; this way every runtime gives the same text.
// The five bytes windows-1252 leaves undefined map to the C1 controls, as WHATWG says.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178'

/** Decodes windows-1252 (what WHATWG also uses for "iso-8859-1", "latin1" and "ascii"). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b),
    )
    out += chunk.join('')
  }
  return out
}

/** How much of the start of a file is examined for binary content. */
const SAMPLE_BYTES = 64 * 1024

/**
 * True when `bytes` are not text: more than 1% of the sample are NUL or other control bytes
 * (tab, line ends, form feed and escape excepted). Text in a legacy single-byte encoding has
 * none; compressed or binary data has about 10%.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE_BYTES)
  if (n === 0) return false
  let controls = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if (
      (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) ||
      b === 0x7f
    )
      controls++
  }
  return controls / n > 0.01
}

/**
 * 'utf-16le' or 'utf-16be' when `bytes` look like UTF-16 text without a byte-order mark: in
 * the sample, at least 30% of the bytes at one parity (odd for little-endian, even for
 * big-endian) are zero — the high byte of Latin, Greek, Cyrillic, digits and punctuation —
 * and almost none (under 2%) at the other, which no 8-bit text and no binary format shows;
 * and the sample decodes as strict UTF-16. Undefined otherwise (CJK-only UTF-16, with few
 * zero bytes, is not recognised; it needs its byte-order mark).
 */
export function detectUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1
  if (n < 4) return undefined
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const half = n / 2
  const guess =
    oddZeros / half >= 0.3 && evenZeros / half < 0.02
      ? 'utf-16le'
      : evenZeros / half >= 0.3 && oddZeros / half < 0.02
        ? 'utf-16be'
        : undefined
  if (!guess) return undefined
  try {
    // A cut in the middle of a surrogate pair at the sample's end is not damage.
    new TextDecoder(guess, { fatal: true }).decode(bytes.subarray(0, n - 2))
    return guess
  } catch {
    return undefined
  }
}

/** The warning for UTF-16 text found without a byte-order mark. */
export const UTF16_NO_BOM_WARNING =
  'The file has no byte-order mark; its zero bytes show it is UTF-16, and it was decoded as such. Check the text.'

/** The charset an HTML document declares in its first 1024 bytes, if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 keeps every ASCII byte in place, which is all the declaration uses.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  const m =
    /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)
  return m?.[1]
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label)
  } catch {
    return undefined // an unknown label: ignore the declaration
  }
}

/**
 * Decodes a text file. Throws `ImportFailure('INVALID_ENCODING')` when the bytes are not
 * text at all; never otherwise.
 */
export function decodeText(bytes: Uint8Array, options: { html?: boolean } = {}): DecodedText {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined
  const guessed = utf16 ? undefined : detectUtf16WithoutBom(bytes)
  const wide = utf16 ?? guessed
  if (wide) {
    const notes = guessed ? [UTF16_NO_BOM_WARNING] : []
    try {
      return {
        text: new TextDecoder(wide, { fatal: true }).decode(bytes),
        encoding: wide,
        warnings: notes,
      }
    } catch {
      return {
        text: new TextDecoder(wide).decode(bytes),
        encoding: wide,
        warnings: [...notes, 'The file is damaged UTF-16: some characters were replaced with �.'],
      }
    }
  }
  if (looksBinary(bytes)) {
    throw new ImportFailure(
      'INVALID_ENCODING',
      'This file does not contain readable text: it looks like binary data. If it is a document in another format, give it the right extension; if it is text in an unusual encoding, save it as UTF-8 and import it again.',
    )
  }
  try {
    // fatal: any invalid sequence throws instead of turning into U+FFFD; the BOM is dropped.
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'utf-8',
      warnings: [],
    }
  } catch {
    // not UTF-8: try what the page declares, then windows-1252
  }
  if (options.html) {
    const label = declaredHtmlCharset(bytes)
    const decoder = label ? decoderFor(label) : undefined
    // A page that declares UTF-8 (or UTF-16, which a byte stream without a BOM cannot be)
    // but is not valid UTF-8 falls through to windows-1252.
    if (decoder && !/^utf-(8|16)/.test(decoder.encoding)) {
      return {
        text:
          decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes),
        encoding: decoder.encoding,
        warnings: [
          `The file is not UTF-8 and was decoded as ${decoder.encoding}, as the page declares (${label}). Check accented letters and quotation marks.`,
        ],
      }
    }
  }
  return {
    text: decodeWindows1252(bytes),
    encoding: 'windows-1252',
    warnings: [WINDOWS_1252_WARNING],
  }
}
