/**
 * Exports the actor graph as SVG or PNG. The figure is drawn off screen from the model and
 * the saved positions (export/graph-svg.ts) at a fixed print size with every node in view —
 * not a capture of the panel's viewport — so it is the same figure a briefing will use.
 */
import { useNotices } from '../../ui/stores/notices'
import { errorMessage } from '../../ui/errors'
import type { GraphModel } from '../../domain/graph-model'
import type { Positions } from '../../graph-layout/layout'
import { getPlatform } from '../../platform'
import { graphSvgSize, graphToSvg } from './export/graph-svg'

/** The exported figure's size in CSS pixels (A4 landscape-ish; PNG is drawn at 2×). */
export const FIGURE_SIZE = { width: 1600, height: 1000 }
/** The exported figure's names are sized for this printed width: A4 landscape's text column. */
const FIGURE_PRINT_WIDTH_MM = 257

export function GraphExportButtons({
  model,
  positions,
  caseTitle,
}: {
  /** Undefined while the graph loads: the buttons are shown, disabled. */
  model: GraphModel | undefined
  /** The positions at the time of the export (they change as the analyst drags nodes). */
  positions: () => Positions
  caseTitle: string
}) {
  const notify = useNotices((s) => s.notify)
  async function save(format: 'svg' | 'png') {
    if (!model) return
    try {
      const svg = graphToSvg(model, positions(), {
        ...FIGURE_SIZE,
        title: `${caseTitle}: actors`,
        printWidthMm: FIGURE_PRINT_WIDTH_MM,
        // A file, not a page: it may grow taller than one page to keep every name clear.
        maxHeight: FIGURE_SIZE.height * 4,
      })
      let data: Uint8Array
      if (format === 'svg') data = new TextEncoder().encode(svg)
      else {
        const { svgToPngBlob } = await import('./export/graph-png')
        // The figure may have grown taller to make room for the names.
        const size = graphSvgSize(svg)
        const blob = await svgToPngBlob(svg, size.width, size.height, 2)
        data = new Uint8Array(await blob.arrayBuffer())
      }
      const name = `${caseTitle.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'case'} actors.${format}`
      const saved = await getPlatform().saveFile({
        title: `Export the actor graph as ${format.toUpperCase()}`,
        suggestedName: name,
        mime: format === 'svg' ? 'image/svg+xml' : 'image/png',
        data,
      })
      if (saved) notify(`Actor graph exported as ${format.toUpperCase()}.`, 'success')
    } catch (e) {
      notify(`The actor graph was not exported: ${errorMessage(e)}`, 'error')
    }
  }
  const disabled = !model || model.nodes.length === 0
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => void save('svg')}>
        SVG
      </button>
      <button type="button" disabled={disabled} onClick={() => void save('png')}>
        PNG
      </button>
    </>
  )
}
