/**
 * The HTML importer, for pages saved from the web. It runs in the import worker (off-main.ts),
 * never on the window's main thread: the page is parsed with linkedom and stripped of what is
 * not visible text (html-page.ts); metadata is then read from its head — Open Graph, article
 * and Dublin Core meta tags, JSON-LD, the canonical link, `<time datetime>`, `<html lang>` —
 * and Mozilla's Readability picks the main article out of the navigation, adverts and comments
 * around it (the whole body is the fallback when it finds none). The article is turned into
 * paragraphs by walking its block elements: each block is a paragraph, `<br>` a line break, a
 * list one paragraph with a line per item, a table one paragraph with a line per row. What
 * comes out is plain text and metadata strings only, never markup. The linear pre-pass of
 * html-scan.ts first bounds the page's element count and depth; every later step is linear in
 * what it reads, and the whole page has a time budget: the worker is ended when it runs out,
 * or on Cancel (worker-client.ts), and in-thread (tests) it is checked between stages.
 */
import type { Readability } from '@mozilla/readability'
import { cancelledFailure, type ParsedDocument } from './extract-types'
import { readablePage } from './html-page'
import {
  checkHtmlComplexity,
  HTML_TIME_BUDGET_MS,
  htmlTimeoutFailure,
  MAX_HTML_ELEMENTS,
} from './html-scan'
import { applyLabels, applyPublished, authorName, httpUrl, normaliseLanguage } from './metadata'
import { cleanLabel, firstLineTitle, normaliseText } from './normalise'

export { HTML_TIME_BUDGET_MS } from './html-scan'

/** The warning when Readability found no article and the whole page was imported. */
export const WHOLE_PAGE_WARNING =
  'No main article was found on the page, so the text of the whole page was imported. It may include menus or comments.'

const BLOCKS = new Set(
  (
    'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY CAPTION CENTER DD DETAILS DIALOG DIR DIV DL DT ' +
    'FIELDSET FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HGROUP HR HTML LEGEND MAIN ' +
    'MENU NAV P SEARCH SECTION SUMMARY'
  ).split(' '),
)
// Never text, whether or not the sanitiser already removed them.
const SKIP = new Set(
  (
    'AUDIO BUTTON CANVAS EMBED HEAD IFRAME IMG INPUT LINK MATH META NOSCRIPT OBJECT OPTION ' +
    'SCRIPT SELECT STYLE SVG TEMPLATE TEXTAREA TITLE VIDEO'
  ).split(' '),
)

/**
 * A paragraph being built. Only its end is ever looked at, and whether it has any text yet,
 * both kept as it grows: testing the whole string each time (`trim()`, a regular expression
 * anchored with `$`) made a long list or table quadratic.
 */
class ParagraphBuilder {
  private parts: string[] = []
  /** The last character added ('' when empty). */
  last = ''
  /** True once anything but white space was added. */
  hasText = false

  add(s: string): void {
    if (!s) return
    this.parts.push(s)
    this.last = s[s.length - 1]!
    if (!this.hasText && /\S/.test(s)) this.hasText = true
  }

  /** Removes trailing " | " separators (empty cells at the end of a row). */
  dropTrailingCells(): void {
    while (this.parts.length && this.parts[this.parts.length - 1] === ' | ') this.parts.pop()
    const top = this.parts[this.parts.length - 1]
    this.last = top ? top[top.length - 1]! : ''
  }

  take(): string {
    const text = this.parts.join('')
    this.parts = []
    this.last = ''
    this.hasText = false
    return text
  }
}

/** Converts a page's content (html-page.ts) to normalised paragraphs of text. */
export function htmlToText(root: Node): string {
  const paragraphs: string[] = []
  const current = new ParagraphBuilder()
  // Inside a list item or table row, blocks do not end the paragraph.
  let lineDepth = 0

  const flush = () => {
    const hasText = current.hasText
    const text = current.take()
    if (hasText) paragraphs.push(text)
  }
  const boundary = () => {
    if (lineDepth === 0) flush()
    else if (current.hasText && !/[\s|]/.test(current.last)) current.add(' ')
  }
  const newLine = () => {
    if (current.hasText && current.last !== '\n') current.add('\n')
  }
  // The number of the next item of each ordered list, counted as the walk meets its items.
  const nextNumber = new Map<Element, number>()

  const walk = (node: Node, pre: boolean): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = child.nodeValue ?? ''
        current.add(pre ? t : t.replace(/[ \t\n\r\f]+/g, ' '))
        continue
      }
      if (child.nodeType !== 1) continue
      const el = child as Element
      const tag = el.tagName.toUpperCase()
      if (SKIP.has(tag)) continue
      if (tag === 'BR') {
        current.add('\n')
      } else if (tag === 'PRE') {
        boundary()
        walk(el, true)
        boundary()
      } else if (tag === 'UL' || tag === 'OL' || tag === 'TABLE') {
        if (lineDepth === 0) flush()
        else newLine()
        walk(el, pre)
        if (lineDepth === 0) flush()
      } else if (tag === 'LI' || tag === 'TR') {
        newLine()
        if (tag === 'LI' && el.parentElement?.tagName.toUpperCase() === 'OL') {
          const list = el.parentElement
          let number = nextNumber.get(list)
          if (number === undefined) {
            const start = Number.parseInt(list.getAttribute('start') ?? '1', 10)
            number = Number.isFinite(start) ? start : 1
          }
          nextNumber.set(list, number + 1)
          current.add(`${number}. `)
        }
        lineDepth++
        walk(el, pre)
        lineDepth--
        current.dropTrailingCells()
        newLine()
      } else if (tag === 'TD' || tag === 'TH') {
        if (current.hasText && current.last !== '\n') current.add(' | ')
        lineDepth++
        walk(el, pre)
        lineDepth--
      } else if (BLOCKS.has(tag)) {
        boundary()
        walk(el, pre)
        boundary()
      } else {
        walk(el, pre)
      }
    }
  }
  walk(root, false)
  flush()
  return normaliseText(paragraphs.join('\n\n'))
}

type Json = Record<string, unknown>

function jsonLdNodes(blocks: string[]): Json[] {
  const nodes: Json[] = []
  const visit = (value: unknown, depth: number) => {
    if (depth > 5 || value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1)
      return
    }
    nodes.push(value as Json)
    visit((value as Json)['@graph'], depth + 1)
  }
  for (const block of blocks) {
    try {
      visit(JSON.parse(block), 0)
    } catch {
      // invalid JSON-LD is common; skip it
    }
  }
  return nodes
}

/** A JSON-LD value as text: strings as they are, people and organisations by name. */
function ldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) {
    const parts = value.map(ldText).filter((v): v is string => !!v)
    return parts.length ? parts.join(', ') : undefined
  }
  if (value && typeof value === 'object') {
    const o = value as Json
    return ldText(o.name) ?? (typeof o['@id'] === 'string' ? o['@id'] : undefined)
  }
  return undefined
}

function articleNode(nodes: Json[]): Json | undefined {
  const types = (n: Json) => [n['@type']].flat().map(String).join(' ')
  return (
    nodes.find((n) => /Article|Posting|Report/i.test(types(n))) ??
    nodes.find((n) => 'headline' in n || 'datePublished' in n)
  )
}

/** Page metadata from a readable page (html-page.ts) and its JSON-LD. */
export interface PageMetadata {
  title: string
  author: string
  publisher: string
  url?: string
  language?: string
  dates: (string | undefined)[]
}

/** Reads metadata from the page's head (see the module comment for the sources). */
export function readPageMetadata(doc: Document, jsonLd: string[]): PageMetadata {
  const meta = new Map<string, string>()
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const content = m.getAttribute('content')?.trim()
    if (!content) continue
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = m.getAttribute(attr)?.trim().toLowerCase()
      if (key && !meta.has(key)) meta.set(key, content)
    }
  }
  const get = (...keys: string[]) => keys.map((k) => meta.get(k)).find(Boolean)
  const ld = articleNode(jsonLdNodes(jsonLd)) ?? {}
  const publisher = cleanLabel(
    get('og:site_name') ??
      ldText(ld.publisher) ??
      get('application-name', 'publisher', 'dc.publisher'),
  )
  // The first <title> anywhere, as `document.title` reads it in a browser.
  let pageTitle = cleanLabel(doc.querySelector('title')?.textContent)
  if (publisher) {
    // "Headline | Site" → "Headline"
    const suffix = new RegExp(
      `\\s+[|–—:-]\\s+${publisher.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
      'i',
    )
    pageTitle = pageTitle.replace(suffix, '')
  }
  const time = (selector: string) =>
    doc.querySelector(selector)?.getAttribute('datetime') ?? undefined
  const canonical = doc.querySelector('link[rel="canonical" i]')?.getAttribute('href')
  return {
    title: cleanLabel(
      get('og:title') ?? ldText(ld.headline) ?? get('twitter:title', 'dc.title') ?? pageTitle,
    ),
    author:
      authorName(get('author', 'article:author', 'dc.creator', 'byl', 'parsely-author')) ||
      authorName(ldText(ld.author)),
    publisher,
    url:
      httpUrl(canonical) ??
      httpUrl(get('og:url')) ??
      httpUrl(ldText(ld.url)) ??
      httpUrl(ldText(ld.mainEntityOfPage)),
    language:
      normaliseLanguage(doc.documentElement.getAttribute('lang')) ??
      normaliseLanguage(get('og:locale', 'dc.language', 'language')) ??
      normaliseLanguage(ldText(ld.inLanguage)),
    dates: [
      get('article:published_time'),
      ldText(ld.datePublished),
      get(
        'datepublished',
        'date',
        'pubdate',
        'publishdate',
        'publish-date',
        'dc.date.issued',
        'dc.date',
        'dcterms.issued',
        'dcterms.created',
        'citation_publication_date',
        'sailthru.date',
        'parsely-pub-date',
        'og:published_time',
      ),
      time('time[pubdate][datetime]'),
      time('[itemprop="datePublished" i][datetime]'),
      time('article time[datetime]'),
      time('time[datetime]'),
    ],
  }
}

type Article = ReturnType<Readability<Node>['parse']>

/**
 * Readability's main article of the page, or null (its errors included: we fall back).
 * Readability edits the document it reads; it gets the page itself, not a copy (a copy of a
 * large page costs as much again in time and memory), so read what else is needed first.
 */
async function findArticle(document: Document): Promise<Article> {
  const { Readability: Reader } = await import('@mozilla/readability')
  try {
    return new Reader<Node>(document, {
      serializer: (node) => node,
      // Refuses (throws, so the whole page is used) rather than work through more.
      maxElemsToParse: MAX_HTML_ELEMENTS,
    }).parse()
  } catch {
    return null
  }
}

/** Options of `extractHtml`. */
export interface HtmlOptions {
  /** Stops the extraction between stages with a `CANCELLED` failure. */
  signal?: AbortSignal
  /** The clock the time budget is read from (tests). */
  now?: () => number
}

/** Extracts the main article of an HTML page, with its metadata, as text (no DOM needed). */
export async function extractHtml(
  source: string,
  options: HtmlOptions = {},
): Promise<ParsedDocument> {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const checkpoint = async () => {
    // A macrotask, not a microtask: in-thread (tests), an abort is seen in between.
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    if (options.signal?.aborted) throw cancelledFailure()
    if (now() - started > HTML_TIME_BUDGET_MS) throw htmlTimeoutFailure()
  }
  checkHtmlComplexity(source)
  await checkpoint()
  const { document, jsonLd } = readablePage(source)
  await checkpoint()
  const meta = readPageMetadata(document, jsonLd)
  // Read before Readability edits the page.
  const heading = meta.title ? '' : cleanLabel(document.querySelector('h1')?.textContent)
  const warnings: string[] = []
  const article = await findArticle(document)
  await checkpoint()
  let text = article?.content ? htmlToText(article.content) : ''
  if (!text) {
    // Readability found nothing, and left the page edited: the whole page, parsed again.
    text = htmlToText(readablePage(source).document.body)
    if (text) warnings.push(WHOLE_PAGE_WARNING)
  }
  await checkpoint()
  const doc: ParsedDocument = {
    title: meta.title || cleanLabel(article?.title) || heading || firstLineTitle(text),
    text,
    warnings,
  }
  applyLabels(doc, {
    author: meta.author || authorName(article?.byline),
    publisher: meta.publisher || cleanLabel(article?.siteName),
    url: meta.url,
    language: meta.language ?? normaliseLanguage(article?.lang),
  })
  applyPublished(doc, [...meta.dates, article?.publishedTime])
  return doc
}
