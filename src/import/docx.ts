/**
 * The DOCX importer. mammoth converts the document body to simple, well-formed HTML
 * (its raw-text mode drops manual line breaks, which would glue words together), which is
 * turned into paragraphs here by a small tag walker — no DOM, so this also runs in a
 * worker: paragraphs and headings are paragraphs, `<br>` a line break, a list one paragraph
 * with a line per item (numbered lists numbered), a table one paragraph with a line per
 * row and " | " between cells. Images are dropped unconverted. Comments are kept: each is
 * marked where it applies ("[AB1]", as Word prints them) and listed in a section headed
 * "Comments" at the end of the text, one paragraph each, and the import report says so.
 * Before mammoth unpacks anything, what the package really unpacks to is counted (zip.ts):
 * a "ZIP bomb" is refused as TOO_LARGE. Title, author, language and
 * creation date come from docProps/core.xml, read with the minimal ZIP reader in zip.ts
 * (mammoth does not expose document properties).
 */
import type { ParsedDocument } from './extract-types'
import { ImportFailure, throwIfCancelled } from './extract-types'
import { applyLabels, applyPublished, authorName, normaliseLanguage } from './metadata'
import { cleanLabel, decodeEntities, normaliseText } from './normalise'
import { listZipEntries, measureUnpacked, readZipEntryText, unpackLimit } from './zip'

/** The paragraph that opens the section of a document's comments, at the end of its text. */
export const COMMENTS_HEADING = 'Comments'

const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre'])

/** Converts mammoth's HTML output to normalised paragraphs (see the module comment). */
export function mammothHtmlToText(html: string): string {
  const paragraphs: string[] = []
  let current = ''
  const lists: { ordered: boolean; n: number }[] = []
  let cells = 0
  const flush = () => {
    if (current.trim()) paragraphs.push(current)
    current = ''
  }
  const newLine = () => {
    if (current.trim() && !current.endsWith('\n')) current += '\n'
  }
  // Inside one comment (a <dd>), its paragraphs are joined into one.
  let inComment = false
  const boundary = () => {
    if (lists.length + cells === 0 && !inComment) flush()
    else if (current.trim() && !/[\s|]/.test(current[current.length - 1]!)) current += ' '
  }
  const source = html
    .replace(/<img\b[^<>]*>/gi, '')
    // footnote, endnote and comment back-links ("↑")
    .replace(/<a\b[^<>]*href="#(?:footnote|endnote|comment)-ref-[^"<>]*"[^<>]*>[^<]*<\/a>/gi, '')
  // `[^<>]` keeps every match within one tag, so a stray "<" cannot make the scan quadratic.
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(\/?)>|([^<]+)/g
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[4] !== undefined) {
      current += decodeEntities(m[4])
      continue
    }
    const closing = m[1] === '/'
    const tag = m[2]!.toLowerCase()
    if (tag === 'dl') {
      // mammoth lists the comments at the end as <dl><dt>Comment [AB1]</dt><dd>…</dd></dl>.
      flush()
      if (!closing) {
        current = COMMENTS_HEADING
        flush()
      }
    } else if (tag === 'dt') {
      if (!closing) flush()
    } else if (tag === 'dd') {
      inComment = !closing
      if (closing) flush()
      else current = current.replace(/^\s*Comment\s+/, '') + ' '
    } else if (tag === 'br') {
      current += '\n'
    } else if (PARAGRAPH_TAGS.has(tag)) {
      boundary()
    } else if (tag === 'ul' || tag === 'ol' || tag === 'table') {
      if (closing) {
        if (tag !== 'table') lists.pop()
        if (lists.length + cells === 0) flush()
        else newLine()
      } else {
        if (lists.length + cells === 0) flush()
        else newLine()
        if (tag !== 'table') lists.push({ ordered: tag === 'ol', n: 0 })
      }
    } else if (tag === 'li') {
      newLine()
      const list = lists[lists.length - 1]
      if (!closing && list) {
        list.n++
        if (list.ordered) current += `${list.n}. `
      }
    } else if (tag === 'tr') {
      while (current.endsWith(' | ')) current = current.slice(0, -3) // empty cells at the end
      newLine()
    } else if (tag === 'td' || tag === 'th') {
      if (closing) {
        cells = Math.max(0, cells - 1)
      } else {
        if (current.trim() && !current.endsWith('\n')) current += ' | '
        cells++
      }
    }
  }
  flush()
  return normaliseText(paragraphs.join('\n\n'))
}

/** Document properties from docProps/core.xml, when present and readable. */
export interface CoreProperties {
  title?: string
  creator?: string
  created?: string
  language?: string
}

/** Reads docProps/core.xml from the DOCX package (no ZIP library; see zip.ts). */
export async function readCoreProperties(bytes: Uint8Array): Promise<CoreProperties> {
  const entry = listZipEntries(bytes)?.find((e) => e.name === 'docProps/core.xml')
  const xml = entry ? await readZipEntryText(bytes, entry, 256 * 1024) : undefined
  if (!xml) return {}
  const field = (name: string) => {
    const m = new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(
      xml,
    )
    return m ? decodeEntities(m[1]!).trim() || undefined : undefined
  }
  return {
    title: field('title'),
    creator: field('creator'),
    created: field('created'),
    language: field('language'),
  }
}

/** Options of `extractDocx`. */
export interface DocxOptions {
  signal?: AbortSignal
}

/** Extracts the text and core properties of a Word document. */
export async function extractDocx(
  bytes: Uint8Array,
  options: DocxOptions = {},
): Promise<ParsedDocument> {
  // mammoth unpacks every part it reads in memory, and a tiny file can unpack to gigabytes
  // whatever sizes it declares: what the parts really inflate to is counted first.
  await measureUnpacked(bytes, unpackLimit(bytes.length), options.signal)
  throwIfCancelled(options.signal)
  const mammoth = (await import('mammoth')).default
  const arrayBuffer = bytes.slice().buffer
  let html: string
  try {
    // `arrayBuffer` is mammoth's browser input and `buffer` its Node input (tests); which
    // one is read depends on the build mammoth resolves to, and both accept an ArrayBuffer.
    const input = { arrayBuffer, buffer: arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer }
    const result = await mammoth.convertToHtml(input, {
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      ignoreEmptyParagraphs: true,
      // Comments are dropped unless their references have a style; then mammoth marks each
      // reference ("[AB1]") and lists the comments at the end.
      styleMap: ['comment-reference => sup'],
    })
    html = result.value
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ImportFailure(
      'PARSE_FAILED',
      `This Word document is damaged and cannot be read (${detail}). Open it in Word, save it again and import the new copy.`,
    )
  }
  const text = mammothHtmlToText(html)
  const core = await readCoreProperties(bytes)
  const doc: ParsedDocument = { title: cleanLabel(core.title), text, warnings: [] }
  const comments = html.split('<dt id="comment-').length - 1
  if (comments > 0) {
    doc.warnings.push(
      `The document's ${comments === 1 ? 'comment was' : `${comments} comments were`} kept: marked in the text (such as “[AB1]”) and listed under “${COMMENTS_HEADING}” at the end.`,
    )
  }
  applyLabels(doc, {
    author: authorName(core.creator),
    language: normaliseLanguage(core.language),
  })
  applyPublished(doc, [core.created])
  return doc
}
