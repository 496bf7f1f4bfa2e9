/**
 * Renders a composed briefing as one standalone HTML document for printing to PDF (Electron's
 * `printToPDF`, or Chromium's print) and for the "standalone HTML" export. Standalone means:
 * no script, no external resource, one inline `<style>`, figures as data: images — so the
 * file opens the same anywhere, offline, and under the app's CSP (inline styles and data:
 * images are allowed; scripts are not needed).
 *
 * Running header and footer: the handling line goes in CSS page-margin boxes
 * (`@page { @top-center { content: "…" } }`), with the page number in `@bottom-right`
 * (`counter(page)` of `counter(pages)`). Chromium supports margin boxes since M131; checked
 * on Debian's Chromium 156 by printing with playwright-core and reading the PDF back
 * (scripts/briefing-print-check.mjs): the line and "Page n of m" appear on every page. This
 * beats the older `position: fixed` trick, which repeats on every page but overlaps the
 * body unless margins are faked, and cannot number pages. A browser without margin boxes
 * still prints the handling line in the title block and a banner at the end. Margin boxes
 * take only strings, not markup, so the handling line is written as a CSS string with every
 * character outside a small safe set hex-escaped: it cannot end the string or the `<style>`.
 *
 * Figures are embedded as `<img src="data:image/svg+xml;base64,…">`, not as inline SVG.
 * An SVG loaded as an image runs no script, loads nothing and cannot restyle the page (an
 * inline SVG's `<style>` would apply to the whole document, and its scripts would run in an
 * exported file opened in a browser). Chromium still prints an image SVG as vectors with
 * real text, so nothing is lost in the PDF.
 *
 * Every piece of text is HTML-escaped; URLs are printed as text, never as links, because a
 * document's URL came from an imported file.
 */
import { CREDIBILITY_LABELS, formatPublished, RELIABILITY_LABELS } from '../domain/format'
import type { Credibility, Reliability } from '../domain/types'
import { escapeHtml } from '../figures/figure-kit'
import type { BriefingDocument, Footnote } from './compose'
import { achCitation, briefingFigures, type BriefingFigureSvgs } from './figure-list'
import { CONFIDENCE_LEVELS, LIKELIHOOD_SCALE } from './likelihood'

/** Options of `renderBriefingHtml`. */
export interface BriefingHtmlOptions {
  pageSize: 'A4' | 'Letter'
  /**
   * SVG documents (strings) from the timeline and graph panels; the figures of the matrix of
   * competing hypotheses come from the composed briefing itself (figure-list.ts).
   */
  figures?: BriefingFigureSvgs
  /** When the file was made (ms since epoch); printed in the title block, in UTC. */
  generatedAt?: number
}

/**
 * `text` as a CSS string literal. Anything but letters, digits, space and plain punctuation
 * is written as a hex escape, so no quote, backslash, newline or "</style>" survives.
 */
export function cssString(text: string): string {
  let out = ''
  for (const ch of text) {
    if (/^[A-Za-z0-9 ,.;:!?()_+=-]$/.test(ch)) out += ch
    else out += `\\${ch.codePointAt(0)!.toString(16)} `
  }
  return `"${out}"`
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of the UTF-8 bytes of `text` (btoa takes only Latin-1). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]!
    out += c === undefined ? '=' : BASE64[n & 63]!
  }
  return out
}

/** Paragraph text with its line breaks kept. */
const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>')

/** Runs of three or more consecutive numbers, as [first, last] pairs: 1,2,3,5 → [1,3],[5,5]. */
export function noteRuns(notes: readonly number[]): [number, number][] {
  const runs: [number, number][] = []
  for (const n of [...new Set(notes)].sort((a, b) => a - b)) {
    const last = runs.at(-1)
    if (last && n === last[1] + 1) last[1] = n
    else runs.push([n, n])
  }
  // A run of two reads better as "4,5" than "4–5".
  return runs.flatMap(([a, b]): [number, number][] =>
    b === a + 1
      ? [
          [a, a],
          [b, b],
        ]
      : [[a, b]],
  )
}

function refs(notes: readonly number[]): string {
  if (notes.length === 0) return ''
  const link = (n: number) => `<a href="#note-${n}">${n}</a>`
  const links = noteRuns(notes)
    .map(([a, b]) => (a === b ? link(a) : `${link(a)}–${link(b)}`))
    .join(',')
  return `<sup class="refs">${links}</sup>`
}

const UNKNOWN_DATE = formatPublished(undefined, undefined)

/** A composed publication date as a phrase: "published Tue 24 Jun 2025" (or the bare date). */
export function publishedPhrase(published: string, withVerb = true): string {
  if (published === UNKNOWN_DATE) return 'publication date unknown'
  return withVerb ? `published ${published}` : published
}

/** "“quote” — Title, Publisher, published Tue 24 Jun 2025. Grade B2." as plain text parts. */
export function footnoteText(note: Footnote): { quote: string; citation: string } {
  const published = publishedPhrase(note.published)
  const where = [note.documentTitle, note.publisher, published].filter(Boolean).join(', ')
  return { quote: `“${note.quote}”`, citation: `${where}. Grade ${note.grade}.` }
}

const PAGE_MARGIN = '24mm 20mm 22mm 20mm'

function styles(doc: BriefingDocument, pageSize: 'A4' | 'Letter'): string {
  const handling = cssString(doc.handling)
  const marginFont = `font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #222;`
  return `
@page {
  size: ${pageSize === 'A4' ? 'A4' : 'letter'};
  margin: ${PAGE_MARGIN};
  @top-center { content: ${handling}; ${marginFont} font-weight: bold; letter-spacing: 0.04em; }
  @bottom-center { content: ${handling}; ${marginFont} font-weight: bold; letter-spacing: 0.04em; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${marginFont} }
}
html { font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.45; color: #111; }
body { margin: 0; }
h1, h2, h3, .title-block .handling, th, figcaption, .sans { font-family: 'DejaVu Sans', sans-serif; }
h1 { font-size: 18pt; line-height: 1.2; margin: 0.2em 0 0.3em; }
h2 { font-size: 12.5pt; margin: 1.4em 0 0.5em; border-bottom: 0.5pt solid #888; padding-bottom: 0.15em; }
h3 { font-size: 10.5pt; margin: 1em 0 0.3em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 0.55em; orphans: 3; widows: 3; }
.title-block { border-bottom: 1.5pt solid #111; padding-bottom: 0.6em; margin-bottom: 1em; }
.title-block .handling { font-size: 9pt; font-weight: bold; letter-spacing: 0.04em; margin: 0; }
.title-block .meta { margin: 0; color: #333; }
.bluf { font-size: 10.5pt; }
ol.judgements { padding-left: 1.6em; }
ol.judgements li { margin-bottom: 0.7em; break-inside: avoid; }
ol.judgements .confidence { font-style: italic; }
ol.judgements .ach-cite a { color: inherit; }
sup.refs { font-size: 7pt; line-height: 0; }
sup.refs a { color: inherit; text-decoration: none; }
table.chronology { width: 100%; border-collapse: collapse; }
table.chronology th { text-align: left; font-size: 8.5pt; border-bottom: 0.75pt solid #444; padding: 0.2em 0.5em 0.2em 0; }
table.chronology td { vertical-align: top; padding: 0.35em 0.5em 0.35em 0; border-bottom: 0.25pt solid #bbb; }
table.chronology td.when { width: 30%; }
table.chronology td.unknown { font-style: italic; }
table.chronology .detail { font-size: 8.5pt; color: #333; }
table.chronology .corroboration { font-size: 8pt; color: #555; }
table.chronology .contradiction { font-size: 8.5pt; color: #8a1c1c; font-weight: 600; }
thead { display: table-header-group; }
tr, figure, ol.notes li, .source, .key table { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 1em 0; }
figure img { display: block; box-sizing: border-box; width: 100%; height: auto; border: 0.25pt solid #bbb; }
figcaption { font-size: 8.5pt; margin-top: 0.3em; }
ol.notes { padding-left: 2em; font-size: 8.5pt; }
ol.notes li { margin-bottom: 0.35em; overflow-wrap: anywhere; }
.url { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; }
.source { margin-bottom: 0.6em; }
.source ul { margin: 0.2em 0 0; padding-left: 1.4em; font-size: 9pt; }
.key table { border-collapse: collapse; font-size: 8pt; margin-bottom: 0.8em; }
.key td, .key th { text-align: left; padding: 0.1em 0.8em 0.1em 0; vertical-align: top; }
.banner { font-family: 'DejaVu Sans', sans-serif; font-weight: bold; font-size: 9pt; text-align: center; letter-spacing: 0.04em; margin-top: 2em; }
@media print { .banner.screen { display: none; } }
@media screen {
  body { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
  .banner.screen { margin: 0 0 1em; }
}
`
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`
}

function figureHtml(svg: string, n: number, caption: string, alt: string, id: string): string {
  return (
    `<figure id="${escapeHtml(id)}">\n<img alt="${escapeHtml(alt)}" src="data:image/svg+xml;base64,${base64Utf8(svg)}">\n` +
    `<figcaption>Figure ${n}. ${escapeHtml(caption)}</figcaption>\n</figure>`
  )
}

function keyHtml(): string {
  const scale = LIKELIHOOD_SCALE.map(
    (s) => `<tr><td>${escapeHtml(s.term)}</td><td>${escapeHtml(s.range)}</td></tr>`,
  ).join('')
  const confidence = CONFIDENCE_LEVELS.map(
    (c) => `<tr><td>${escapeHtml(c.level)}</td><td>${escapeHtml(c.meaning)}</td></tr>`,
  ).join('')
  const rel = (Object.keys(RELIABILITY_LABELS) as Reliability[])
    .map((r) => `<tr><td>${r}</td><td>${escapeHtml(RELIABILITY_LABELS[r])}</td></tr>`)
    .join('')
  const cred = (Object.keys(CREDIBILITY_LABELS).map(Number) as Credibility[])
    .map((c) => `<tr><td>${c}</td><td>${escapeHtml(CREDIBILITY_LABELS[c])}</td></tr>`)
    .join('')
  return (
    `<div class="key">\n<h3>Likelihood (ICD 203)</h3>\n<table>${scale}</table>\n` +
    `<h3>Confidence</h3>\n<table>${confidence}</table>\n` +
    `<h3>Grades (Admiralty code): source reliability and information credibility</h3>\n` +
    `<table><tr><td><table>${rel}</table></td><td><table>${cred}</table></td></tr></table>\n</div>`
  )
}

/** The briefing as a complete standalone HTML document, ready to print to PDF. */
export function renderBriefingHtml(doc: BriefingDocument, options: BriefingHtmlOptions): string {
  const parts: string[] = []
  // Numbered first: a judgement's citation of a matrix of hypotheses names its figure.
  const { figures, achFigureOf } = briefingFigures(doc, options.figures)
  const achCite = (versionId: string | undefined): string => {
    const ref = versionId ? doc.achFigures.find((f) => f.versionId === versionId) : undefined
    const figure = versionId ? achFigureOf.get(versionId) : undefined
    if (!ref || !figure) return ''
    const words = achCitation(figure, ref)
    return ` <span class="ach-cite">(<a href="#${figure.anchor}">${escapeHtml(words)}</a>)</span>`
  }

  const meta = [
    doc.dateLine,
    doc.author,
    options.generatedAt !== undefined
      ? `Generated ${formatPublished(options.generatedAt, 'minute', 'UTC')}`
      : undefined,
  ].filter((x): x is string => Boolean(x))
  parts.push(
    `<header class="title-block">\n<p class="handling">${escapeHtml(doc.handling)}</p>\n` +
      `<h1>${escapeHtml(doc.title)}</h1>\n` +
      (meta.length ? `<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>\n` : '') +
      `</header>`,
  )

  parts.push(
    section(
      'bluf',
      'Bottom line up front',
      doc.bluf
        .split(/\n[ \t]*\n/)
        .filter((p) => p.trim())
        .map((p) => `<p class="bluf">${lines(p.trim())}</p>`)
        .join('\n') || '<p class="bluf"></p>',
    ),
  )

  if (doc.judgements.length > 0)
    parts.push(
      section(
        'judgements',
        'Key judgements',
        `<ol class="judgements">\n${doc.judgements
          .map(
            (j) =>
              `<li id="judgement-${j.n}"><p class="likelihood">${escapeHtml(j.sentences.likelihood)}${refs(j.notes)}${achCite(j.achVersionId)}</p>` +
              `<p class="confidence">${escapeHtml(j.sentences.confidence)}</p></li>`,
          )
          .join('\n')}\n</ol>`,
      ),
    )

  doc.sections.forEach((s, i) =>
    parts.push(
      section(
        `section-${i + 1}`,
        s.heading || 'Untitled section',
        s.paragraphs.map((p) => `<p>${lines(p)}</p>`).join('\n'),
      ),
    ),
  )

  if (doc.chronology.length > 0) {
    const rows = doc.chronology
      .map(
        (e) =>
          `<tr${e.contradictedBy.length ? ' class="contradicted"' : ''}><td class="when${e.dateUnknown ? ' unknown' : ''}">${escapeHtml(e.when)}</td>` +
          `<td><span class="title">${escapeHtml(e.title)}</span>${refs(e.notes)}` +
          (e.detail ? `<div class="detail">${escapeHtml(e.detail)}</div>` : '') +
          `<div class="corroboration">${escapeHtml(e.corroboration)}</div>` +
          (e.contradictedBy.length
            ? `<div class="contradiction">⚠ Contradicted by ${e.contradictedBy.length === 1 ? 'a passage' : `${e.contradictedBy.length} passages`}${refs(e.contradictedBy)}</div>`
            : '') +
          `</td></tr>`,
      )
      .join('\n')
    parts.push(
      section(
        'chronology',
        'Chronology',
        `<table class="chronology">\n<thead><tr><th>Date</th><th>Event</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`,
      ),
    )
  }

  if (figures.length > 0)
    parts.push(
      section(
        'figures',
        'Figures',
        figures.map((f) => figureHtml(f.svg, f.n, f.caption, f.alt, f.anchor)).join('\n'),
      ),
    )

  if (doc.footnotes.length > 0)
    parts.push(
      section(
        'notes',
        'Notes',
        `<ol class="notes">\n${doc.footnotes
          .map((note) => {
            const { quote, citation } = footnoteText(note)
            const url = note.url ? ` <span class="url">${escapeHtml(note.url)}</span>` : ''
            const against = note.contradicts ? ' <em class="contradicts">(contradicts)</em>' : ''
            return `<li id="note-${note.n}" value="${note.n}"><span class="quote">${escapeHtml(quote)}</span> — ${escapeHtml(citation)}${against}${url}</li>`
          })
          .join('\n')}\n</ol>`,
      ),
    )

  const sources = doc.sources
    .map(
      (s) =>
        `<div class="source"><p class="sans"><strong>${escapeHtml(s.name)}</strong> — ` +
        `${s.reliability}: ${escapeHtml(s.reliabilityLabel)}</p>\n<ul>${s.documents
          .map(
            (d) =>
              `<li>${escapeHtml(d.title)}, ${escapeHtml(publishedPhrase(d.published, false))}` +
              ` (${d.notes.length === 1 ? 'note' : 'notes'} ${d.notes.join(', ')})` +
              (d.url ? `. <span class="url">${escapeHtml(d.url)}</span>` : '') +
              `</li>`,
          )
          .join('')}</ul></div>`,
    )
    .join('\n')
  parts.push(section('sources', 'Sources', sources || '<p>No sources are cited.</p>'))
  parts.push(section('key', 'Key to terms and grades', keyHtml()))

  const banner = escapeHtml(doc.handling)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${styles(doc, options.pageSize)}</style>
</head>
<body>
<p class="banner screen">${banner}</p>
${parts.join('\n')}
<p class="banner end">${banner}</p>
</body>
</html>
`
}
