/**
 * A draggable (and keyboard-operable) separator between two panes, side by side or one
 * above the other; the size is saved per case (view state) so the layout survives a restart.
 */
import { useEffect, useState } from 'react'
import { getDb } from '../db/db'
import { readSetting, writeSetting } from '../db/settings'
import { readViewState, writeViewState } from '../db/view-state'
import type { ViewStateValue } from '../domain/record-schemas'
import { useNotices } from '../ui/stores/notices'
import { useSelection } from '../ui/stores/selection'
import { errorMessage } from '../ui/errors'

type PaneName = keyof ViewStateValue<'pane:layout'>

// Pane sizes are saved one read-modify-write at a time, so that two panes keep both sizes.
let saving = Promise.resolve()

/** The panes' sizes in px: the library and inspector columns, the views row, the graph. */
export interface PaneSizes {
  library: number
  inspector: number
  timeline: number
  graph: number
  /** The map beside the reader, when shown. */
  map: number
}

/**
 * The first layout, for a window `width` × `height` px (until the analyst drags a separator,
 * which is remembered). The timeline and the graph get about half the height below the
 * reader and share the centre column about 55 : 45, so that at 1440 × 900 the timeline is
 * ~490 × 420 px rather than ~450 × 240 with its labels cut; the side columns stay narrow.
 */
export function defaultPaneSizes(
  width = window.innerWidth,
  height = window.innerHeight,
): PaneSizes {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)))
  const library = clamp(width * 0.17, 220, 300)
  const inspector = clamp(width * 0.19, 240, 320)
  const centre = width - library - inspector - 12
  return {
    library,
    inspector,
    timeline: clamp(height * 0.48, 330, 700),
    graph: clamp(centre * 0.45, 300, 900),
    map: clamp(centre * 0.5, 320, 900),
  }
}

/**
 * A pane width that is loaded and saved per case (the case's `pane:layout` view state), with
 * the last width set in any case (a setting) as the default for a case that has none.
 */
export function usePaneWidth(
  key: `pane:${PaneName}`,
  initial: number,
): [number, (w: number) => void] {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  const name = key.slice('pane:'.length) as PaneName
  const [width, setWidth] = useState(initial)
  useEffect(() => {
    let live = true
    void (async () => {
      const fallback = await readSetting<number>(key, initial)
      const own = caseId
        ? await readViewState(getDb(), caseId, 'pane:layout').catch(() => undefined)
        : undefined
      if (live) setWidth(own?.[name] ?? (Number.isFinite(fallback) ? fallback : initial))
    })()
    return () => {
      live = false
    }
  }, [key, initial, caseId, name])
  return [
    width,
    (w: number) => {
      setWidth(w)
      void writeSetting(key, w)
      if (!caseId) return
      saving = saving.then(async () => {
        try {
          const db = getDb()
          const layout = (await readViewState(db, caseId, 'pane:layout')) ?? {}
          await writeViewState(db, caseId, 'pane:layout', { ...layout, [name]: Math.round(w) })
        } catch (e) {
          notify(`The pane layout was not saved: ${errorMessage(e)}`, 'error')
        }
      })
    },
  ]
}

export function PaneResizer({
  width,
  onChange,
  label,
  min = 220,
  max = 900,
  invert = false,
  axis = 'x',
}: {
  width: number
  onChange(w: number): void
  label: string
  min?: number
  max?: number
  /** True for a pane right of (or below) the separator: dragging right makes it narrower. */
  invert?: boolean
  /** 'x' between columns (drag sideways), 'y' between rows (drag up and down). */
  axis?: 'x' | 'y'
}) {
  const sign = invert ? -1 : 1
  const less = axis === 'x' ? 'ArrowLeft' : 'ArrowUp'
  const more = axis === 'x' ? 'ArrowRight' : 'ArrowDown'
  const at = (e: { clientX: number; clientY: number }) => (axis === 'x' ? e.clientX : e.clientY)
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)))
  return (
    <div
      className={axis === 'x' ? 'resizer' : 'resizer resizer-y'}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === less) onChange(clamp(width - 20 * sign))
        if (e.key === more) onChange(clamp(width + 20 * sign))
      }}
      onPointerDown={(e) => {
        const startX = at(e)
        const startW = width
        const el = e.currentTarget
        el.setPointerCapture(e.pointerId)
        const move = (ev: PointerEvent) => onChange(clamp(startW + sign * (at(ev) - startX)))
        const up = () => {
          el.removeEventListener('pointermove', move)
          el.removeEventListener('pointerup', up)
        }
        el.addEventListener('pointermove', move)
        el.addEventListener('pointerup', up)
      }}
    />
  )
}
