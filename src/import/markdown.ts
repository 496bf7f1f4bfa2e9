/**
 * The Markdown importer: a small, line-based stripper that turns CommonMark/GFM into the
 * plain text a reader sees, with no parser dependency. Headings, paragraphs, block quotes,
 * code blocks and tables become paragraphs; a list becomes one paragraph with one line per
 * item (ordered items keep their numbers); soft-wrapped lines are joined with a space and
 * hard breaks kept; inline syntax is removed (emphasis, code spans keep their text, links
 * and images keep their text, autolinks their URL, HTML tags and comments go). YAML front
 * matter is read for metadata — only flat `key: value` pairs and simple lists, which is
 * what front matter uses — and never becomes text. Deliberately not a full CommonMark
 * implementation: the aim is readable, stable text, not rendering.
 */
import type { ParsedDocument } from './extract-types'
import { applyLabels, applyPublished, authorName, httpUrl, normaliseLanguage } from './metadata'
import { cleanLabel, decodeEntities, firstLineTitle, normaliseText } from './normalise'

type FrontMatter = Record<string, string | string[]>

/** Splits YAML front matter off the top of a Markdown file. */
export function splitFrontMatter(source: string): { data: FrontMatter; body: string } {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/)
  if (lines[0]?.trim() !== '---') return { data: {}, body: source }
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l))
  if (close < 0 || close > 200) return { data: {}, body: source }
  const data: FrontMatter = {}
  let listKey: string | undefined
  for (const line of lines.slice(1, close)) {
    const item = /^\s+-\s+(.*)$/.exec(line)
    if (item && listKey) {
      const list = data[listKey]
      data[listKey] = [...(Array.isArray(list) ? list : []), yamlScalar(item[1]!)]
      continue
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line)
    listKey = undefined
    if (!pair) continue
    const key = pair[1]!.toLowerCase()
    const value = pair[2]!.trim()
    if (value === '') {
      listKey = key
    } else if (value.startsWith('[') && value.endsWith(']')) {
      data[key] = value
        .slice(1, -1)
        .split(',')
        .map((v) => yamlScalar(v))
        .filter(Boolean)
    } else {
      data[key] = yamlScalar(value)
    }
  }
  return { data, body: lines.slice(close + 1).join('\n') }
}

function yamlScalar(raw: string): string {
  const v = raw.trim()
  if (v.startsWith('"')) {
    const end = v.lastIndexOf('"')
    return end > 0 ? v.slice(1, end).replace(/\\(["\\])/g, '$1') : v.slice(1)
  }
  if (v.startsWith("'")) {
    const end = v.lastIndexOf("'")
    return end > 0 ? v.slice(1, end).replace(/''/g, "'") : v.slice(1)
  }
  const comment = v.search(/\s#/) // a comment after a plain value
  return comment === -1 ? v : v.slice(0, comment).trimEnd()
}

function first(data: FrontMatter, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = data[key]
    const s = Array.isArray(v) ? v.filter(Boolean).join(', ') : v
    if (s) return s
  }
  return undefined
}

/**
 * Sets code spans aside (CommonMark: a run of N backticks up to the next run of exactly N),
 * in one pass: the runs are listed once and each opener finds its closer through a per-length
 * cursor that only moves forward. A lazy regular expression did this in quadratic time when
 * many runs had no closer.
 */
function setAsideCodeSpans(text: string, keep: (s: string) => string): string {
  const runs: { at: number; length: number }[] = []
  for (let i = text.indexOf('`'); i !== -1;) {
    let j = i
    while (text[j] === '`') j++
    runs.push({ at: i, length: j - i })
    i = text.indexOf('`', j)
  }
  if (runs.length < 2) return text
  const byLength = new Map<number, number[]>()
  runs.forEach((r, k) => {
    const list = byLength.get(r.length)
    if (list) list.push(k)
    else byLength.set(r.length, [k])
  })
  const cursor = new Map<number, number>()
  let out = ''
  let copied = 0
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k]!
    if (open.at < copied) continue
    const list = byLength.get(open.length)!
    let c = cursor.get(open.length) ?? 0
    while (c < list.length && list[c]! <= k) c++
    cursor.set(open.length, c)
    if (c >= list.length) continue
    const close = runs[list[c]!]!
    const code = text.slice(open.at + open.length, close.at)
    out += text.slice(copied, open.at) + keep(code.trim())
    copied = close.at + close.length
    k = list[c]!
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/** Removes `<!-- … -->` comments (an unclosed one runs to the end), in one pass. */
function removeComments(text: string): string {
  let out = ''
  let copied = 0
  for (let i = text.indexOf('<!--'); i !== -1; i = text.indexOf('<!--', copied)) {
    const end = text.indexOf('-->', i + 4)
    out += text.slice(copied, i)
    copied = end === -1 ? text.length : end + 3
    if (end === -1) break
  }
  return copied === 0 ? text : out + text.slice(copied)
}

const URL_AUTOLINK = /^(?:https?|ftp|mailto):/i

/** True for "name@host.tld" without spaces or angle brackets (checked without backtracking). */
function isEmailAutolink(s: string): boolean {
  const at = s.indexOf('@')
  if (at <= 0 || s.indexOf('@', at + 1) !== -1) return false
  const dot = s.lastIndexOf('.')
  return dot > at + 1 && /^[a-z]{2,}$/i.test(s.slice(dot + 1))
}

/**
 * Strips inline Markdown from one line or paragraph of text. Every pattern here runs in
 * time linear in the text: a span never scans past the next opener of its own kind (the
 * classes exclude it), and code spans and comments are found by hand (see above), because a
 * lazy `[\s\S]*?` span with no closer made a 400 KB paragraph take minutes.
 */
export function stripInline(text: string): string {
  // Code spans and backslash escapes are set aside first so that nothing inside them is
  // read as markup; private-use characters mark their places.
  const kept: string[] = []
  const keep = (s: string) => `\uE000${kept.push(s) - 1}\uE001`
  let s = setAsideCodeSpans(text, keep).replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => keep(ch))
  s = removeComments(s)
    .replace(/<([^\s<>]+)>/g, (whole, inner: string) =>
      URL_AUTOLINK.test(inner) || isEmailAutolink(inner) ? inner : whole,
    )
    .replace(/!\[([^\][]*)\]\([^()]*\)/g, '$1')
    .replace(/!\[([^\][]*)\]\[[^\][]*\]/g, '$1')
    .replace(/\[\^[^\][\s]+\]/g, '') // footnote references
    .replace(
      /\[([^\][]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g,
      '$1',
    )
    .replace(/\[([^\][]+)\]\[[^\][]*\]/g, '$1')
    .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, '')
  // Emphasis spans exclude their own delimiter character, so nested emphasis is removed
  // from the inside out, one level per round.
  for (let i = 0; i < 3; i++) {
    s = s
      .replace(/\*\*\*(?=\S)([^*]*?\S)\*\*\*/g, '$1')
      .replace(/___(?=\S)([^_]*?\S)___/g, '$1')
      .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '$1')
      .replace(/__(?=\S)([^_]*?\S)__/g, '$1')
      .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1')
      .replace(/(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1$2')
      .replace(/~~(?=\S)([^~]*?\S)~~/g, '$1')
  }
  s = decodeEntities(s)
  return s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => kept[+i] ?? '')
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)/
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*\S+/
// Tested on a trimmed line: no two white-space runs stand side by side, so no backtracking.
const TABLE_RULE_TRIMMED = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/
const isTableRule = (line: string) => TABLE_RULE_TRIMMED.test(line.trim())
const QUOTES = /^(?: {0,3}> ?)*/

/**
 * An ATX heading's level and text, or undefined. Read by hand rather than with one pattern:
 * `(.*?)(?:[ \t]+#+)?[ \t]*$` backtracks quadratically over a long run of spaces.
 */
function atxHeading(line: string): { level: number; text: string } | undefined {
  const open = ATX_OPEN.exec(line)
  if (!open) return undefined
  let text = line.slice(open[0].length).trim()
  // A closing sequence: a run of # at the end, after white space (or the whole text).
  let end = text.length
  while (end > 0 && text[end - 1] === '#') end--
  if (end < text.length && (end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t')) {
    text = text.slice(0, end).trimEnd()
  }
  return { level: open[1]!.length, text }
}

function tableCells(row: string): string {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => stripInline(cell.trim()))
    .join(' | ')
}

/** Converts a Markdown body (front matter removed) to paragraphs of plain text. */
export function markdownToText(body: string): {
  text: string
  headings: { level: number; text: string }[]
} {
  const out: string[] = []
  const headings: { level: number; text: string }[] = []
  let para: { text: string; hard: boolean }[] = []
  let list: string[] = []
  let rows: string[] = []
  let fence: { marker: string; lines: string[] } | undefined
  let inComment = false
  let inRawBlock: string | undefined

  const flush = () => {
    if (para.length) {
      let joined = ''
      para.forEach((l, i) => {
        joined += l.text + (i < para.length - 1 ? (l.hard ? '\n' : ' ') : '')
      })
      out.push(stripInline(joined))
      para = []
    }
    if (list.length) out.push(list.join('\n'))
    if (rows.length) out.push(rows.join('\n'))
    list = []
    rows = []
  }
  const heading = (level: number, text: string) => {
    flush()
    const plain = stripInline(text.trim())
    headings.push({ level, text: plain })
    out.push(plain)
  }

  for (const rawLine of body.split(/\r\n?|\n/)) {
    if (fence) {
      if (new RegExp(`^ {0,3}${fence.marker[0]}{${fence.marker.length},}\\s*$`).test(rawLine)) {
        out.push(fence.lines.join('\n'))
        fence = undefined
      } else {
        fence.lines.push(rawLine)
      }
      continue
    }
    if (inComment) {
      if (rawLine.includes('-->')) inComment = false
      continue
    }
    if (inRawBlock) {
      if (new RegExp(`</${inRawBlock}>`, 'i').test(rawLine)) inRawBlock = undefined
      continue
    }
    let line = rawLine.slice(QUOTES.exec(rawLine)![0].length)
    if (line.trim() === '') {
      flush()
      continue
    }
    const fenceOpen = FENCE.exec(line)
    if (fenceOpen) {
      flush()
      fence = { marker: fenceOpen[1]!, lines: [] }
      continue
    }
    if (/^\s*<!--/.test(line)) {
      if (!line.includes('-->')) inComment = true
      const rest = line.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim()
      if (!rest) continue
      line = rest
    }
    const raw = /^\s*<(script|style|textarea|pre)[\s>]/i.exec(line)
    if (raw) {
      flush()
      if (!new RegExp(`</${raw[1]}>`, 'i').test(line)) inRawBlock = raw[1]
      continue
    }
    const atx = atxHeading(line)
    if (atx) {
      heading(atx.level, atx.text)
      continue
    }
    if (SETEXT.test(line) && para.length && !list.length) {
      const text = para.map((l) => l.text).join(' ')
      para = []
      heading(line.trim()[0] === '=' ? 1 : 2, text)
      continue
    }
    if (RULE.test(line)) {
      flush()
      continue
    }
    if (REFERENCE.test(line) && !para.length) continue
    if (/^\s*\|/.test(line) || (rows.length && line.includes('|'))) {
      if (para.length || list.length) flush()
      if (!isTableRule(line)) rows.push(tableCells(line))
      continue
    }
    if (isTableRule(line) && para.length === 1 && para[0]!.text.includes('|')) {
      // A table without leading pipes: its header row was read as a paragraph line.
      rows.push(tableCells(para[0]!.text))
      para = []
      continue
    }
    const item = LIST_ITEM.exec(line)
    if (item) {
      if (para.length || rows.length) flush()
      const marker = item[2]!
      const content = stripInline((item[3] ?? '').trim())
      list.push(/\d/.test(marker) ? `${marker} ${content}`.trim() : content)
      continue
    }
    if (list.length) {
      // A continuation of the last item (indented or lazy).
      list[list.length - 1] = `${list[list.length - 1]} ${stripInline(line.trim())}`.trim()
      continue
    }
    const hard = line.endsWith('  ') || line.endsWith('\\')
    para.push({ text: (line.endsWith('\\') ? line.slice(0, -1) : line).trim(), hard })
  }
  if (fence) out.push(fence.lines.join('\n'))
  flush()
  return { text: normaliseText(out.join('\n\n')), headings }
}

/** Extracts a Markdown document: front-matter metadata and plain text. */
export function extractMarkdown(source: string): ParsedDocument {
  const { data, body } = splitFrontMatter(source)
  const { text, headings } = markdownToText(body)
  const topHeading = headings.find((h) => h.level === 1) ?? headings[0]
  const doc: ParsedDocument = {
    title: cleanLabel(first(data, 'title')) || cleanLabel(topHeading?.text) || firstLineTitle(text),
    text,
    warnings: [],
  }
  applyLabels(doc, {
    author: authorName(first(data, 'author', 'authors', 'byline', 'creator')),
    publisher: cleanLabel(first(data, 'publisher', 'source', 'site', 'site_name')),
    url: httpUrl(first(data, 'url', 'canonical_url', 'canonical', 'link', 'source_url')),
    language: normaliseLanguage(first(data, 'lang', 'language', 'locale')),
  })
  applyPublished(doc, [first(data, 'date', 'published', 'publishedat', 'pubdate')])
  return doc
}
