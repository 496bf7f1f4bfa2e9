/**
 * The one normal form of imported text, shared by every importer so that the same words
 * give the same text (and hash) whatever the format. Paragraphs are separated by exactly
 * one blank line; inside a paragraph a single "\n" is a deliberate line break (a list item,
 * a verse, a `<br>`) and importers join soft-wrapped lines with spaces before calling this.
 * Each line has its whitespace runs collapsed to one space and no leading or trailing
 * space; the text is NFC, without control characters, soft hyphens or stray BOMs. The
 * function is pure and idempotent: normalising normalised text returns it unchanged.
 */

// C0/C1 controls other than tab, newline, vertical tab, form feed and carriage return
// (handled below), DEL, soft hyphen, BOM/zero-width no-break space.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\uFEFF]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// Every Unicode space except the line separators we turn into line breaks.
const SPACES = /[^\S\n]+/g

/** Returns `raw` in Casefile's normal text form (see the module comment). */
export function normaliseText(raw: string): string {
  // NFC comes after removing invisibles: one between a letter and its accent would
  // otherwise block composition now and let it happen on a second pass.
  const text = raw
    .replace(LONE_SURROGATE, '\uFFFD')
    // eslint-disable-next-line no-control-regex -- vertical tab is a line break here
    .replace(/\r\n?|[\u000B\u0085\u2028]/g, '\n')
    .replace(/[\f\u2029]/g, '\n\n')
    .replace(INVISIBLE, '')
    .normalize('NFC')
  const paragraphs: string[] = []
  let lines: string[] = []
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(SPACES, ' ').trim()
    if (line) {
      lines.push(line)
    } else if (lines.length) {
      paragraphs.push(lines.join('\n'))
      lines = []
    }
  }
  if (lines.length) paragraphs.push(lines.join('\n'))
  return paragraphs.join('\n\n')
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  euro: '€',
}

/** Decodes HTML/XML character references (numeric and the common named ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD'
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** Longest title kept; longer first lines are cut at a word boundary. */
export const MAX_TITLE_LENGTH = 200

/** Trims and collapses a metadata value; cuts it to at most `max` characters. */
export function cleanLabel(value: string | null | undefined, max = MAX_TITLE_LENGTH): string {
  const one = normaliseText(value ?? '').replace(/\s+/g, ' ')
  if (one.length <= max) return one
  const cut = one.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The first non-empty line of normalised text, as a title ('' when there is none). */
export function firstLineTitle(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')
  return cleanLabel(line)
}

/** The file name without its folder and last extension: "notes.final.txt" → "notes.final". */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/** The lower-case extension without its dot ('' when there is none). */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text` (Web Crypto). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
