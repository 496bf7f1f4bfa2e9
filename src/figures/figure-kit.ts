/**
 * What the two printed figures share — the briefing's timeline (`briefing/timeline-svg.ts`)
 * and the actor graph's export (`features/graph/export/graph-svg.ts`) — so that they agree
 * and neither reaches into the other's layer: the palette (node fills by entity kind, ties and
 * events by family, the font stack and text colour), the escapers that keep case text from
 * ever becoming markup (XML for SVG, HTML for the printed page), SVG number formatting, and
 * the two text-width estimators (a careful one from DejaVu Sans's advance widths, for the
 * timeline's label stacking, and a rough one, 0.6 em a character, for the graph's label room).
 * Pure TypeScript: no DOM, no canvas, no clock, no locale, so it runs in Node tests, in a worker
 * and on the main thread alike.
 */
import type { EventFamily } from '../domain/event-types'
import type { EntityKind } from '../domain/types'

/**
 * Node fills by entity kind, from the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies, and away from the edges' red and green). Shared with the
 * on-screen panel so the export and the screen agree.
 */
export const NODE_COLOURS: Readonly<Record<EntityKind, string>> = {
  state: '#0072b2',
  organisation: '#e69f00',
  person: '#cc79a7',
  group: '#d55e00',
  location: '#009e73',
  other: '#999999',
}

/** Edge (and timeline mark) colours by event family. */
export const EDGE_COLOURS: Readonly<Record<EventFamily, string>> = {
  conflict: '#b91c1c',
  cooperation: '#15803d',
  neutral: '#6b7280',
}

/** The font stack: DejaVu Sans is on the CI machines and embeds well in PDFs. */
export const DEFAULT_FONT_FAMILY = "'DejaVu Sans', Arial, sans-serif"

/** The colour of the figures' text. */
export const TEXT_COLOUR = '#111827'

/** Removes what XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  )
}

/**
 * Escapes text for XML character data and attribute values (`&`, `<`, `>`, `"`, `'`), after
 * removing characters XML cannot hold at all.
 */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A number for SVG markup: rounded to one decimal, never `NaN`, `Infinity` or `-0`. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0'
  const rounded = Math.round(value * 10) / 10
  return rounded === 0 ? '0' : String(rounded)
}

/** Rough advance of one character in DejaVu Sans, per px of font size. */
export const ROUGH_CHAR_WIDTH = 0.6

/**
 * A rough width in px of `text` at `fontSize` px: `ROUGH_CHAR_WIDTH` em per character (code
 * point). The graph export uses it to leave room for node labels and legend entries.
 */
export function roughTextWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * ROUGH_CHAR_WIDTH
}

/**
 * DejaVu Sans (Book) advance widths of U+0020 … U+007E, in thousandths of an em (read from
 * DejaVuSans.ttf's `hmtx`, 2048 units per em). The Oblique face has the same advances.
 */
const ASCII_WIDTHS: readonly number[] = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
  636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
  575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
  611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
  278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
]

/** DejaVu Sans advances of common typographic characters, thousandths of an em. */
const PUNCTUATION_WIDTHS: ReadonlyMap<number, number> = new Map([
  [0x2013, 500], // –
  [0x2014, 1000], // —
  [0x2018, 318], // ‘
  [0x2019, 318], // ’
  [0x201c, 518], // “
  [0x201d, 518], // ”
  [0x2026, 1000], // …
  [0x00a0, 318], // no-break space
])

/** Other scripts average 550–715 in DejaVu Sans (Latin-1 629, Cyrillic 715); err wide. */
const OTHER_WIDTH = 750
/** CJK, Hangul, full-width forms and emoji come from fallback fonts about an em wide. */
const WIDE_WIDTH = 1000

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  )
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

function charWidth(cp: number): number {
  if (cp >= 0x20 && cp <= 0x7e) return ASCII_WIDTHS[cp - 0x20] ?? OTHER_WIDTH
  const known = PUNCTUATION_WIDTHS.get(cp)
  if (known !== undefined) return known
  if (isZeroWidth(cp)) return 0
  return isWide(cp) ? WIDE_WIDTH : OTHER_WIDTH
}

/**
 * The estimated width in px of `text` set in DejaVu Sans at `fontSize` px (the first font of
 * `DEFAULT_FONT_FAMILY`; Arial and most fallbacks are narrower, so it errs towards room to
 * spare): a careful estimate, for the timeline figure's label stacking and shortening; tests
 * use it to check for overlaps.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let units = 0
  for (const ch of text) units += charWidth(ch.codePointAt(0) ?? 0x20)
  return (units / 1000) * fontSize
}

/**
 * `text` shortened with "…" to at most `maxWidth` px by `estimateTextWidth`; '' when not even
 * "x…" fits.
 */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= maxWidth) return text
  const ellipsis = estimateTextWidth('…', fontSize)
  let width = ellipsis
  let out = ''
  for (const ch of text) {
    const w = (charWidth(ch.codePointAt(0) ?? 0x20) / 1000) * fontSize
    if (width + w > maxWidth) break
    out += ch
    width += w
  }
  out = out.trimEnd()
  return out ? out + '…' : ''
}
