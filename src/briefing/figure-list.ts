/**
 * The briefing's figures in print order, numbered once for the HTML/PDF and the Markdown
 * exports alike: the timeline, the relationship graph and the map (drawn by the composer's
 * hook and passed in as SVG), then one figure per version of the matrix of competing
 * hypotheses that a key judgement cites (drawn here from the composed snapshot by
 * `ach-svg.ts`). A judgement that cites a version points to its figure by number:
 * "see Figure 4: competing hypotheses, version of Sat 6 Dec 2026 08:12 UTC".
 */
import { achToSvg } from './ach-svg'
import type { AchFigureRef, BriefingDocument } from './compose'

/** The figures drawn outside the composer (SVG documents). */
export interface BriefingFigureSvgs {
  timelineSvg?: string
  graphSvg?: string
  mapSvg?: string
}

/** One numbered figure. */
export interface BriefingFigure {
  n: number
  /** The anchor id of the figure in the HTML. */
  anchor: string
  svg: string
  alt: string
  caption: string
}

/** The figure width of the matrix, in px (as the composer's other figures). */
const ACH_FIGURE_WIDTH = 1000

/** The caption of a version's figure. */
function achCaption(f: AchFigureRef): string {
  return `Competing hypotheses, version of ${f.when}${f.label ? ` (“${f.label}”)` : ''}.`
}

/** The figures of `doc` in print order, and the figure number of each cited matrix version. */
export function briefingFigures(
  doc: BriefingDocument,
  svgs: BriefingFigureSvgs = {},
): { figures: BriefingFigure[]; achFigureOf: Map<string, BriefingFigure> } {
  const figures: BriefingFigure[] = []
  const add = (anchor: string, svg: string, alt: string, caption: string) => {
    const figure = { n: figures.length + 1, anchor, svg, alt, caption }
    figures.push(figure)
    return figure
  }
  if (svgs.timelineSvg)
    add('figure-timeline', svgs.timelineSvg, 'Timeline', 'Timeline of the events.')
  if (svgs.graphSvg)
    add('figure-graph', svgs.graphSvg, 'Relationship graph', 'Relationships between the actors.')
  if (svgs.mapSvg) add('figure-map', svgs.mapSvg, 'Map', 'Where the events happened.')
  const achFigureOf = new Map<string, BriefingFigure>()
  doc.achFigures.forEach((f, i) => {
    const svg = achToSvg(f.snapshot, {
      width: ACH_FIGURE_WIDTH,
      title: 'Competing hypotheses',
      subtitle: `Version of ${f.when}${f.label ? `: ${f.label}` : ''}`,
    })
    achFigureOf.set(
      f.versionId,
      add(`figure-ach-${i + 1}`, svg, 'Matrix of competing hypotheses', achCaption(f)),
    )
  })
  return { figures, achFigureOf }
}

/** What a judgement's citation of a matrix version says: "see Figure 4: competing …". */
export function achCitation(figure: BriefingFigure, ref: AchFigureRef): string {
  return `see Figure ${figure.n}: competing hypotheses, version of ${ref.when}`
}
