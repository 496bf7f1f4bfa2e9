/**
 * The DOCX importer. mammoth converts the document body to simple, well-formed HTML
 * (its raw-text mode drops manual line breaks, which would glue words together), which is
 * turned into paragraphs here by a small tag walker — no DOM, so this also runs in a
 * worker: paragraphs and headings are paragraphs, `<br>` a line break, a list one paragraph
 * with a line per item (numbered lists numbered), a table one paragraph with a line per
 * row and " | " between cells. Images are dropped unconverted. Title, author, language and
 * creation date come from docProps/core.xml, read with the minimal ZIP reader in zip.ts
 * (mammoth does not expose document properties).
 */
import { formatBytes } from '../domain/format'
import type { ParsedDocument } from './extract-types'
import { ImportFailure } from './extract-types'
import { applyLabels, applyPublished, authorName, normaliseLanguage } from './metadata'
import { cleanLabel, decodeEntities, normaliseText } from './normalise'
import { listZipEntries, readZipEntryText } from './zip'

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
  const boundary = () => {
    if (lists.length + cells === 0) flush()
    else if (current.trim() && !/[\s|]$/.test(current)) current += ' '
  }
  const source = html
    .replace(/<img\b[^>]*>/gi, '')
    // footnote and endnote back-links ("↑")
    .replace(/<a\b[^>]*href="#(?:footnote|endnote)-ref-[^"]*"[^>]*>[\s\S]*?<\/a>/gi, '')
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>|([^<]+)/g
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[4] !== undefined) {
      current += decodeEntities(m[4])
      continue
    }
    const closing = m[1] === '/'
    const tag = m[2]!.toLowerCase()
    if (tag === 'br') {
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
      current = current.replace(/(?: \| )+$/, '') // empty cells at the end of a row
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

/** A package that declares more than this once unpacked is refused (a "ZIP bomb"). */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024

/** Extracts the text and core properties of a Word document. */
export async function extractDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  // mammoth unpacks every part it needs in memory; a tiny file can declare gigabytes.
  // 0xFFFFFFFF means "size in the ZIP64 record", which is not read here: not counted.
  const unpacked = (listZipEntries(bytes) ?? [])
    .filter((e) => e.size !== 0xffffffff)
    .reduce((sum, e) => sum + e.size, 0)
  if (unpacked > MAX_UNPACKED_BYTES) {
    throw new ImportFailure(
      'TOO_LARGE',
      `This Word document unpacks to ${formatBytes(unpacked)}, more than Casefile reads (${formatBytes(MAX_UNPACKED_BYTES)}). It may be damaged or hostile; open it in Word and save a copy.`,
    )
  }
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
  applyLabels(doc, {
    author: authorName(core.creator),
    language: normaliseLanguage(core.language),
  })
  applyPublished(doc, [core.created])
  return doc
}
