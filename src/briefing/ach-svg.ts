/**
 * Draws a matrix of competing hypotheses (ACH, domain/ach.ts) as a standalone SVG document
 * for print: the ACH dialog's "Print / Export SVG" and the briefing's figure for a judgement
 * that cites a saved version. Hypotheses are columns and evidence rows are rows, each cell
 * with its rating (CC … II, NA) on a tint from green (consistent) to red (inconsistent); beside
 * each row its weight, under each column its weighted inconsistency and rank, the leading
 * (least inconsistent) hypothesis's column outlined and named, and rows that rate every
 * hypothesis alike greyed and marked "non-diagnostic". The figure is drawn from a snapshot
 * (`AchSnapshot`: what a saved version keeps, weights included) and scored again here with
 * `analyseAch`, so the figure and the matrix cannot disagree. A matrix of more than
 * `MAX_FIGURE_ROWS` rows shows its most diagnostic rows and says how many it leaves out (the
 * scores count every row). Pure string building with the shared figure kit (escaping, text
 * widths, palette): the same input gives the same string; every text from the case is
 * XML-escaped.
 */
import { analyseAch, type AchRating, type AchResult, type AchSnapshot } from '../domain/ach'
import {
  DEFAULT_FONT_FAMILY,
  EDGE_COLOURS,
  TEXT_COLOUR,
  escapeXml,
  estimateTextWidth,
  fitText,
  num,
} from '../figures/figure-kit'

/** How `achToSvg` draws. */
export interface AchSvgOptions {
  /** Width in px (at least 480; wider when many hypotheses need room). */
  width?: number
  /** The figure's title, also its accessible name. */
  title: string
  /** A line under the title, e.g. "Version of Sat 6 Dec 2026 08:12 UTC: Before the briefing". */
  subtitle?: string
}

/** Rows drawn at most; the rest are counted in a note. */
export const MAX_FIGURE_ROWS = 80

/** Cell tints by rating: consistent green, inconsistent red (the graph's family hues, light). */
const CELL_FILL: Record<AchRating, string> = {
  CC: '#bbf7d0',
  C: '#dcfce7',
  N: '#ffffff',
  I: '#fee2e2',
  II: '#fca5a5',
  NA: '#f3f4f6',
}

const PAD = 12
const ROW_H = 22
const LABEL_FONT = 11
const HEAD_FONT = 11
const WEIGHT_W = 56
const MIN_COL_W = 64
const MUTED = '#6b7280'

/** The matrix `snapshot` scored as the figure shows it. */
export function scoreSnapshot(snapshot: AchSnapshot): AchResult {
  return analyseAch({
    hypotheses: snapshot.hypotheses,
    rows: snapshot.rows.map((r) => ({
      id: r.id,
      relevance: r.relevance,
      reliabilities: [],
      credibilities: [],
      origins: [],
      cells: r.cells,
      ...(r.weight !== undefined ? { weight: r.weight } : {}),
    })),
  })
}

/** Splits `text` into at most `max` lines of `width` px, the last shortened with "…". */
function wrap(text: string, width: number, fontSize: number, max: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ')
  const lines: string[] = []
  let line = ''
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!
    if (estimateTextWidth(next, fontSize) <= width || !line) {
      line = next
      continue
    }
    if (lines.length === max - 1) {
      line = `${line} ${words.slice(i).join(' ')}`
      break
    }
    lines.push(line)
    line = words[i]!
  }
  if (line) lines.push(line)
  return lines.slice(0, max).map((l) => fitText(l, width, fontSize) || '…')
}

const text = (
  x: number,
  y: number,
  body: string,
  attrs = '',
  size = LABEL_FONT,
  fill = TEXT_COLOUR,
) =>
  `<text x="${num(x)}" y="${num(y)}" font-size="${size}" fill="${fill}"${attrs}>${escapeXml(body)}</text>`

/** The matrix of `snapshot` as an SVG document (see the module comment). */
export function achToSvg(snapshot: AchSnapshot, options: AchSvgOptions): string {
  const result = scoreSnapshot(snapshot)
  const hypotheses = snapshot.hypotheses
  const n = Math.max(1, hypotheses.length)
  const width = Math.max(480, options.width ?? 1000, PAD * 2 + 220 + WEIGHT_W + n * MIN_COL_W)
  const labelW = Math.max(220, Math.min(360, Math.round(width * 0.34)))
  const colW = (width - PAD * 2 - labelW - WEIGHT_W) / n
  const gridX = PAD + labelW + WEIGHT_W

  // The rows drawn: all, or the most diagnostic ones kept in the matrix's order.
  let shown = snapshot.rows
  if (shown.length > MAX_FIGURE_ROWS) {
    const keep = new Set(result.rowOrder.slice(0, MAX_FIGURE_ROWS))
    shown = shown.filter((r) => keep.has(r.id))
  }
  const left = snapshot.rows.length - shown.length

  const heads = hypotheses.map((h) => wrap(h.text, colW - 8, HEAD_FONT, 3))
  const headLines = Math.max(1, ...heads.map((h) => h.length))
  const titleH = options.subtitle ? 44 : 28
  const headTop = PAD + titleH
  const headH = headLines * 14 + 22
  const bodyTop = headTop + headH
  const footTop = bodyTop + shown.length * ROW_H
  const noteLines = 3 + (left ? 1 : 0) + (shown.length === 0 ? 1 : 0)
  const height = footTop + ROW_H + 10 + noteLines * 15 + PAD
  const leaderIndex = result.leader ? hypotheses.findIndex((h) => h.id === result.leader) : -1
  const rankOf = new Map(result.ranking.map((r) => [r.hypothesisId, r]))

  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
      `viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(DEFAULT_FONT_FAMILY)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    text(PAD, PAD + 14, fitText(options.title, width - PAD * 2, 14), ' font-weight="bold"', 14),
  )
  if (options.subtitle)
    out.push(text(PAD, PAD + 32, fitText(options.subtitle, width - PAD * 2, 11), '', 11, MUTED))

  // The leader's column, behind everything else.
  if (leaderIndex >= 0)
    out.push(
      `<rect class="leader-column" x="${num(gridX + leaderIndex * colW)}" y="${num(headTop)}" width="${num(colW)}" height="${num(footTop + ROW_H - headTop)}" fill="#fef9c3" stroke="${TEXT_COLOUR}" stroke-width="2"/>`,
    )

  // Header: evidence, weight, one column per hypothesis.
  const headBase = headTop + headH - 8
  out.push(
    text(PAD + 4, headBase, 'Evidence', ' font-weight="bold"', HEAD_FONT),
    text(PAD + labelW + WEIGHT_W - 6, headBase, 'Weight', ' font-weight="bold" text-anchor="end"'),
  )
  hypotheses.forEach((h, i) => {
    const cx = gridX + i * colW + colW / 2
    const lines = heads[i]!
    const top = headBase - (lines.length - 1) * 14 - (i === leaderIndex ? 14 : 0)
    out.push(`<g class="hypothesis" data-id="${escapeXml(h.id)}">`)
    lines.forEach((line, k) =>
      out.push(text(cx, top + k * 14, line, ' font-weight="bold" text-anchor="middle"', HEAD_FONT)),
    )
    if (i === leaderIndex)
      out.push(text(cx, headBase, '★ leads', ' text-anchor="middle" font-weight="bold"', 10))
    out.push('</g>')
  })
  out.push(
    `<line x1="${num(PAD)}" y1="${num(bodyTop)}" x2="${num(width - PAD)}" y2="${num(bodyTop)}" stroke="${TEXT_COLOUR}" stroke-width="1"/>`,
  )

  // Rows.
  shown.forEach((row, r) => {
    const y = bodyTop + r * ROW_H
    const diagnostic = (result.diagnosticity[row.id] ?? 0) > 0
    const tag = diagnostic ? '' : ' (non-diagnostic)'
    const tagW = estimateTextWidth(tag, 9)
    out.push(`<g class="row${diagnostic ? '' : ' non-diagnostic'}">`)
    if (!diagnostic)
      out.push(
        `<rect x="${num(PAD)}" y="${num(y)}" width="${num(labelW + WEIGHT_W)}" height="${ROW_H}" fill="#f3f4f6"/>`,
      )
    out.push(
      text(
        PAD + 4,
        y + 15,
        fitText(row.label, labelW - 8 - tagW, LABEL_FONT) || '…',
        diagnostic ? '' : ' font-style="italic"',
        LABEL_FONT,
        diagnostic ? TEXT_COLOUR : MUTED,
      ),
    )
    if (!diagnostic)
      out.push(
        text(PAD + labelW - 4, y + 15, tag.trim(), ' text-anchor="end" class="tag"', 9, MUTED),
      )
    out.push(
      text(
        PAD + labelW + WEIGHT_W - 6,
        y + 15,
        (result.weights[row.id] ?? 0).toFixed(2),
        ' text-anchor="end"',
      ),
    )
    hypotheses.forEach((h, i) => {
      const rating = row.cells[h.id]
      const x = gridX + i * colW
      out.push(
        `<rect x="${num(x + 2)}" y="${num(y + 2)}" width="${num(colW - 4)}" height="${ROW_H - 4}" fill="${rating ? CELL_FILL[rating] : '#ffffff'}" stroke="#d1d5db" stroke-width="0.5"/>`,
        text(
          x + colW / 2,
          y + 15,
          rating ?? '·',
          ` text-anchor="middle"${rating === 'I' || rating === 'II' ? ' font-weight="bold"' : ''}`,
          LABEL_FONT,
          rating === 'I' || rating === 'II' ? EDGE_COLOURS.conflict : TEXT_COLOUR,
        ),
      )
    })
    out.push(
      `<line x1="${num(PAD)}" y1="${num(y + ROW_H)}" x2="${num(width - PAD)}" y2="${num(y + ROW_H)}" stroke="#e5e7eb" stroke-width="0.5"/>`,
      '</g>',
    )
  })

  // Scores: weighted inconsistency and rank per hypothesis.
  out.push(
    `<line x1="${num(PAD)}" y1="${num(footTop)}" x2="${num(width - PAD)}" y2="${num(footTop)}" stroke="${TEXT_COLOUR}" stroke-width="1"/>`,
    text(PAD + 4, footTop + 15, 'Weighted inconsistency (lower is better)', ' font-weight="bold"'),
  )
  hypotheses.forEach((h, i) => {
    const rank = rankOf.get(h.id)
    out.push(
      text(
        gridX + i * colW + colW / 2,
        footTop + 15,
        rank ? `${rank.inconsistency.toFixed(2)} · #${rank.rank}` : '–',
        ' text-anchor="middle" font-weight="bold" class="score"',
      ),
    )
  })

  // Notes: the leader in words, what was left out, the method.
  let y = footTop + ROW_H + 22
  const notes: string[] = []
  const leader = leaderIndex >= 0 ? hypotheses[leaderIndex]!.text : undefined
  notes.push(
    leader
      ? `Leading: ${leader} (the least inconsistent).`
      : hypotheses.length
        ? 'No single hypothesis leads: the top is tied.'
        : 'No hypotheses.',
  )
  if (shown.length === 0) notes.push('No evidence rows.')
  if (left)
    notes.push(
      `${left} less diagnostic row${left === 1 ? '' : 's'} not shown; the scores count every row.`,
    )
  notes.push(
    'Only inconsistency counts (Heuer): I adds the row’s weight, II twice it. Weight = relevance × source grade × credibility.',
    'CC very consistent · C consistent · N neutral · I inconsistent · II very inconsistent · NA not applicable. Grey rows rate every hypothesis alike (non-diagnostic).',
  )
  for (const [k, note] of notes.entries()) {
    out.push(
      text(
        PAD,
        y,
        fitText(note, width - PAD * 2, k === 0 ? 11 : 10) || '…',
        k === 0 ? ' font-weight="bold" class="leader"' : '',
        k === 0 ? 11 : 10,
        k === 0 ? TEXT_COLOUR : MUTED,
      ),
    )
    y += 15
  }
  out.push('</svg>')
  return out.join('\n')
}
