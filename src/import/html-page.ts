/**
 * An imported web page as a document tree, built in the import worker: linkedom parses the
 * text (no browser DOM, no DOMParser, nothing on the window's main thread), the tree is given
 * the html/head/body shape a browser would give it, and then one pass, linear in the number of
 * nodes, takes out everything that is not the page's visible text: scripts (the text of each
 * JSON-LD block is kept aside for the metadata), styles, templates, `<noscript>`, SVG and
 * MathML, forms and their controls, frames, objects, media, hidden elements (`hidden`, or an
 * inline `display: none` / `visibility: hidden`), `http-equiv` metas and every link but the
 * canonical one. Elements that are not HTML (custom elements, stray tags) are unwrapped: their
 * content stays where they were. That is what DOMPurify's profile did to a page before, so that
 * Readability and the text walker (html.ts) see the same tree and read the same paragraphs.
 *
 * Why no sanitiser: nothing made here is ever rendered or serialised as HTML. The worker hands
 * back TEXT ONLY — paragraphs of plain text and metadata strings (html.ts) — which the reader
 * shows as text nodes; linkedom runs no script and loads nothing, whatever the page says. A
 * sanitiser guards markup that will be rendered; there is none. (DOMPurify could not run here
 * anyway: it needs a browser window, and on linkedom it reports itself unsupported and hands
 * its input back unchanged.) The removal pass decides what counts as the page's text, not what
 * is safe; `sanitise.ts` stays the one place that makes HTML for rendering.
 */
import { parseHTML } from 'linkedom/worker'

/** A page ready to be read: its document and the text of its JSON-LD blocks. */
export interface ReadablePage {
  /** The page's tree (linkedom), with html, head and body, and only its visible content. */
  document: Document
  /** The text of each `<script type="application/ld+json">`, unparsed, in page order. */
  jsonLd: string[]
}

/** Removed with everything inside them: never part of the page's visible text. */
const DROP = new Set(
  (
    'script style template noscript noembed noframes xmp plaintext svg math annotation-xml ' +
    'desc foreignobject mi mn mo ms mtext selectedcontent form input button select option ' +
    'optgroup textarea datalist iframe frame frameset object embed audio video base source track'
  ).split(' '),
)

/** HTML's own elements (DOMPurify's list, plus the head's); any other element is unwrapped. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside b bdi bdo big blink blockquote body br canvas ' +
    'caption center cite code col colgroup content data dd decorator del details dfn dialog dir ' +
    'div dl dt element em fieldset figcaption figure font footer h1 h2 h3 h4 h5 h6 head header ' +
    'hgroup hr html i img ins kbd label legend li main map mark marquee menu menuitem meter nav ' +
    'nobr ol output p picture pre progress q rp rt ruby s samp search section shadow slot small ' +
    'spacer span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var ' +
    'wbr title meta link'
  ).split(' '),
)

/** Elements that belong in the head when they come before the body's content. */
const HEAD_ELEMENTS = new Set(
  'base basefont bgsound link meta noscript script style template title'.split(' '),
)

const ELEMENT = 1
const TEXT = 3
const COMMENT = 8

const isElement = (node: Node): node is Element => node.nodeType === ELEMENT
const nameOf = (el: Element) => el.localName.toLowerCase()
const isBlank = (node: Node) => node.nodeType === TEXT && !/\S/.test(node.nodeValue ?? '')

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true
  const style = el.getAttribute('style') ?? ''
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
}

/** The next node after `node` in document order, not inside it, staying within `root`. */
function following(node: Node, root: Node): Node | null {
  for (let at: Node | null = node; at && at !== root; at = at.parentNode) {
    if (at.nextSibling) return at.nextSibling
  }
  return null
}

/**
 * Gives the tree the shape a browser's parser gives it. linkedom keeps a page's top-level
 * nodes as written (a fragment's first element becomes the document element; content outside
 * `<head>`/`<body>` stays beside them), so: one `<html>` holding one `<head>` (the metadata
 * elements before the first content) and one `<body>` (everything else, in order). Each node
 * is moved at most once.
 */
function shapeDocument(document: Document): void {
  const top = Array.from(document.childNodes)
  const roots = top.filter(isElement)
  let html: Element
  let nodes: Node[]
  if (roots.length === 1 && nameOf(roots[0]!) === 'html') {
    html = roots[0]!
    nodes = Array.from(html.childNodes)
    const kinds = nodes.filter((n) => !isBlank(n) && n.nodeType !== COMMENT)
    const shaped =
      kinds.length === 2 &&
      isElement(kinds[0]!) &&
      nameOf(kinds[0]) === 'head' &&
      isElement(kinds[1]!) &&
      nameOf(kinds[1]) === 'body'
    if (shaped) return
  } else {
    html = document.createElement('html')
    nodes = top.filter((n) => n.nodeType !== 10) // all but the doctype
  }
  const head: Node[] = []
  const body: Node[] = []
  let inBody = false
  const place = (node: Node): void => {
    const tag = isElement(node) ? nameOf(node) : ''
    if (tag === 'html' && node !== html) {
      // Content before a page's <html>: its attributes (its lang) still count.
      for (const attr of Array.from((node as Element).attributes)) {
        if (!html.hasAttribute(attr.name)) html.setAttribute(attr.name, attr.value)
      }
      for (const child of Array.from(node.childNodes)) place(child)
    } else if (tag === 'head' || tag === 'body') {
      if (tag === 'body') inBody = true
      ;(tag === 'body' ? body : head).push(...Array.from(node.childNodes))
    } else if (!inBody && (isBlank(node) || node.nodeType === COMMENT)) {
      // Between the head and the body: dropped, as a browser's parser does.
    } else if (!inBody && HEAD_ELEMENTS.has(tag)) {
      head.push(node)
    } else {
      inBody = true
      body.push(node)
    }
  }
  for (const node of nodes) place(node)
  for (const node of Array.from(document.childNodes)) {
    if (node.nodeType !== 10 && node !== html) document.removeChild(node)
  }
  for (const node of Array.from(html.childNodes)) html.removeChild(node)
  const headEl = document.createElement('head')
  const bodyEl = document.createElement('body')
  for (const node of head) headEl.appendChild(node)
  for (const node of body) bodyEl.appendChild(node)
  if (html.parentNode !== document) document.appendChild(html)
  html.appendChild(headEl)
  html.appendChild(bodyEl)
}

/** Takes out what is not visible text (see the module comment); returns the JSON-LD blocks. */
function keepVisibleContent(root: Element): string[] {
  const jsonLd: string[] = []
  let node: Node | null = root.firstChild
  while (node) {
    if (!isElement(node)) {
      node = following(node, root)
      continue
    }
    const el: Element = node
    const tag = nameOf(el)
    if (tag === 'script' && /^\s*application\/ld\+json\s*$/i.test(el.getAttribute('type') ?? '')) {
      jsonLd.push(el.textContent ?? '')
    }
    const drop =
      DROP.has(tag) ||
      // Some pages hide the body until their scripts have run: the roots always stay.
      (tag !== 'html' && tag !== 'head' && tag !== 'body' && isHidden(el)) ||
      (tag === 'link' && (el.getAttribute('rel') ?? '').trim().toLowerCase() !== 'canonical') ||
      (tag === 'meta' && el.hasAttribute('http-equiv'))
    if (drop) {
      const next = following(el, root)
      el.remove()
      node = next
      continue
    }
    // Inline styles were read for hiding; Readability would read them again (differently).
    el.removeAttribute('style')
    if (!HTML_ELEMENTS.has(tag)) {
      const first = el.firstChild
      const next = following(el, root)
      const parent = el.parentNode!
      while (el.firstChild) parent.insertBefore(el.firstChild, el)
      el.remove()
      node = first ?? next
      continue
    }
    node = el.firstChild ?? following(el, root)
  }
  return jsonLd
}

/** Parses an untrusted page into a readable tree (see the module comment). No DOM needed. */
export function readablePage(html: string): ReadablePage {
  const { document } = parseHTML(html)
  shapeDocument(document)
  const jsonLd = keepVisibleContent(document.documentElement)
  return { document, jsonLd }
}
