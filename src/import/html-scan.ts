/**
 * The linear pre-pass that an HTML page must pass before linkedom's parser and Readability see
 * it (in the import worker: html.ts), and the page's time budget. One left-to-right scan counts the elements and estimates how deeply they nest,
 * skipping comments and the raw text of `<script>`, `<style>`, `<textarea>`, `<title>` and
 * `<xmp>`; a page over `MAX_HTML_ELEMENTS` or `MAX_HTML_DEPTH` is refused as `TOO_COMPLEX`
 * before any of that work starts. Elements whose end tag is optional (`<p>`, `<li>`, table
 * parts…) and void elements do not count towards the depth, so sloppy but ordinary pages are
 * not refused. No DOM and no parser library, so that the main thread's worker client can read
 * the time budget without loading any of them.
 */
import { ImportFailure } from './extract-types'

/** Most elements a page may have. A long Wikipedia article has about 30,000. */
export const MAX_HTML_ELEMENTS = 150_000

/**
 * Deepest nesting accepted, as estimated by `measureHtml`. Chromium's own parser stops
 * nesting at 512 levels, so nothing deeper is ever shown as written; the margin above that
 * is for pages that leave ordinary elements unclosed.
 */
export const MAX_HTML_DEPTH = 1000

const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr basefont bgsound frame keygen image isindex'.split(
    ' ',
  ),
)
const OPTIONAL_END = new Set(
  'p li dt dd option optgroup tr td th tbody thead tfoot colgroup caption rb rt rp rtc html head body'.split(
    ' ',
  ),
)
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes'])

/** What the pre-pass counted. */
export interface HtmlMeasure {
  elements: number
  /** Estimated greatest nesting depth (see the module comment). */
  depth: number
}

const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a
const endsName = (c: number) =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x2f || c === 0x3e

/** Counts the elements of a page and estimates their nesting depth, in linear time. */
export function measureHtml(html: string): HtmlMeasure {
  const n = html.length
  let elements = 0
  let depth = 0
  let maxDepth = 0
  let i = html.indexOf('<')
  while (i !== -1 && i + 1 < n) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4)
      if (end === -1) break
      i = html.indexOf('<', end + 3)
      continue
    }
    const closing = html[i + 1] === '/'
    const start = closing ? i + 2 : i + 1
    if (start >= n || !isLetter(html.charCodeAt(start))) {
      i = html.indexOf('<', i + 1)
      continue
    }
    let j = start
    while (j < n && !endsName(html.charCodeAt(j))) j++
    const name = html.slice(start, j).toLowerCase()
    const gt = html.indexOf('>', j)
    if (gt === -1) break
    const selfClosing = html[gt - 1] === '/'
    if (closing) {
      if (!VOID.has(name) && !OPTIONAL_END.has(name)) depth = Math.max(0, depth - 1)
      i = html.indexOf('<', gt + 1)
      continue
    }
    elements++
    if (!VOID.has(name) && !OPTIONAL_END.has(name) && !selfClosing) {
      depth++
      if (depth > maxDepth) maxDepth = depth
    }
    if (RAW_TEXT.has(name) && !selfClosing) {
      // Its text is not markup: skip to its end tag (case-insensitively, without copying).
      const end = indexOfEndTag(html, name, gt + 1)
      if (end === -1) break
      if (!VOID.has(name)) depth = Math.max(0, depth - 1)
      i = html.indexOf('<', end + 2)
      continue
    }
    i = html.indexOf('<', gt + 1)
  }
  return { elements, depth: maxDepth }
}

function indexOfEndTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at
  }
  return -1
}

/** Throws `TOO_COMPLEX` when the page is over the caps (see the module comment). */
export function checkHtmlComplexity(html: string): HtmlMeasure {
  const measure = measureHtml(html)
  if (measure.elements > MAX_HTML_ELEMENTS) {
    throw new ImportFailure(
      'TOO_COMPLEX',
      `This page has ${measure.elements.toLocaleString('en')} elements; Casefile reads pages of up to ${MAX_HTML_ELEMENTS.toLocaleString('en')}. Save only the article (for example with your browser's reader view) and import that.`,
    )
  }
  if (measure.depth > MAX_HTML_DEPTH) {
    throw new ImportFailure(
      'TOO_COMPLEX',
      `This page nests its elements ${measure.depth.toLocaleString('en')} levels deep; Casefile reads pages nested up to ${MAX_HTML_DEPTH} levels. It may be damaged or hostile; save the article again from your browser and import that.`,
    )
  }
  return measure
}

/**
 * How long one page may take in the import worker, from the job's posting to its text. Each
 * stage is bounded by the caps above, so this is a last resort: the worker client ends the
 * worker when it runs out (worker-client.ts), wherever the parser is; in-thread (the unit
 * tests) it is checked between stages.
 */
export const HTML_TIME_BUDGET_MS = 15_000

/** The failure of a page that outlasted `HTML_TIME_BUDGET_MS`. */
export function htmlTimeoutFailure(): ImportFailure {
  return new ImportFailure(
    'TOO_COMPLEX',
    `This page took more than ${HTML_TIME_BUDGET_MS / 1000} s to read and was given up. It may be damaged or hostile; save only the article and import that.`,
  )
}
