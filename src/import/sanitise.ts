/**
 * The only module that makes HTML for rendering from untrusted markup, and the only one that
 * imports DOMPurify (CONVENTIONS.md, enforced by ESLint): an HTML-only profile (no SVG or
 * MathML) without scripts, styles, event handlers, frames, objects, forms and their controls,
 * `javascript:` URLs, remote images or hidden elements. DOMPurify needs a browser window, so
 * this runs on the main thread, and only for markup that will be rendered. Importing a page
 * does not come here: the import worker parses it with linkedom and hands back plain text
 * only (html-page.ts says why that needs no sanitiser), so no imported page is parsed on the
 * main thread.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify'

const FORM_AND_EMBEDS = [
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'audio',
  'video',
]

const PROFILE: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'base', 'template', 'source', 'track', ...FORM_AND_EMBEDS],
  // The content of these would be junk in the text (button labels, option lists, fallbacks).
  ADD_FORBID_CONTENTS: FORM_AND_EMBEDS,
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'ping', 'background', 'poster'],
  ALLOW_DATA_ATTR: false,
}

let purifier: Purifier | undefined

const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a
// Tab, line feed, form feed, carriage return, space: what separates attributes in HTML.
const isTagSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d

/**
 * Chromium applies the page's CSP to documents made by DOMParser and logs a (blocked)
 * violation for every inline event handler and `<base>` it parses, although such a
 * document never runs them. Removing them textually first keeps a hostile import from
 * flooding the console. This is noise reduction only: DOMPurify remains the sanitiser.
 *
 * One left-to-right pass over the text, each character looked at once, so the time is
 * linear whatever the input (the regular expressions this replaces were quadratic on
 * whitespace inside an unclosed tag: 400 KB took 99 s). Tags are read as the HTML tokenizer
 * reads them: a name, then attributes (name, optional `=` and a quoted or bare value) up to
 * `>`; an attribute whose name starts with `on` is dropped with the space before it, and a
 * `<base>` tag is dropped whole. A tag left open at the end of the text is kept as it is.
 */
export function stripInertHazards(html: string): string {
  const n = html.length
  const parts: string[] = []
  let copied = 0
  const drop = (from: number, to: number) => {
    parts.push(html.slice(copied, from))
    copied = to
  }
  let i = html.indexOf('<')
  while (i !== -1 && i + 1 < n) {
    if (!isAsciiLetter(html.charCodeAt(i + 1))) {
      i = html.indexOf('<', i + 1)
      continue
    }
    let j = i + 1
    while (j < n && !isTagSpace(html.charCodeAt(j)) && html[j] !== '/' && html[j] !== '>') j++
    const isBase = html.slice(i + 1, j).toLowerCase() === 'base'
    const drops: [number, number][] = []
    let closed = false
    while (j < n) {
      const spaceStart = j
      while (j < n && (isTagSpace(html.charCodeAt(j)) || html[j] === '/')) j++
      if (j >= n) break
      if (html[j] === '>') {
        closed = true
        j++
        break
      }
      const nameStart = j
      j++ // an attribute name may start with "=" (the tokenizer allows it)
      while (j < n && !isTagSpace(html.charCodeAt(j)) && !'/>='.includes(html[j]!)) j++
      const name = html.slice(nameStart, j)
      let k = j
      while (k < n && isTagSpace(html.charCodeAt(k))) k++
      if (html[k] === '=') {
        k++
        while (k < n && isTagSpace(html.charCodeAt(k))) k++
        const quote = html[k]
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, k + 1)
          k = close === -1 ? n : close + 1
        } else {
          while (k < n && !isTagSpace(html.charCodeAt(k)) && html[k] !== '>') k++
        }
        j = k
      }
      if (/^on[a-z]/i.test(name) && spaceStart < nameStart) drops.push([spaceStart, j])
    }
    if (!closed) break // an unclosed tag at the end: left as it is
    if (isBase) drop(i, j)
    else for (const [from, to] of drops) drop(from, to)
    i = html.indexOf('<', j)
  }
  if (copied === 0) return html
  parts.push(html.slice(copied))
  return parts.join('')
}
const isElement = (node: Node): node is Element => node.nodeType === 1

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true
  const style = el.getAttribute('style') ?? ''
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
}

function getPurifier(): Purifier {
  if (purifier) return purifier
  const p = DOMPurify(window)
  p.addHook('uponSanitizeElement', (node, data) => {
    if (!isElement(node)) return
    const tag = data.tagName
    // Hidden content is not part of what the page shows. The root elements are kept: some
    // pages hide the body until their scripts have run.
    if (tag !== 'html' && tag !== 'head' && tag !== 'body' && isHidden(node)) node.remove()
  })
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!isElement(node)) return
    // No remote images: only inline data survives.
    if (node.tagName === 'IMG' && !/^data:/i.test(node.getAttribute('src') ?? '')) {
      node.removeAttribute('src')
    }
  })
  purifier = p
  return p
}

/** Sanitises untrusted HTML into a safe body fragment (HTML string) for rendering. */
export function sanitiseHtml(html: string): string {
  return getPurifier().sanitize(stripInertHazards(html), PROFILE)
}
