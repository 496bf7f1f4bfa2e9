/**
 * A pane docked at the right of a row of the workbench (the map beside the reader, the actor
 * graph beside the timeline): the separator that resizes it, then the pane itself, loaded
 * lazily, with an empty, busy section of the pane's own class and name in its place until its
 * code has arrived, so that the layout does not jump when it does.
 */
import { Suspense, type ReactNode } from 'react'
import { PaneResizer } from './PaneResizer'

/** What a docked pane needs: its size, its separator's name and limits, its stand-in. */
export interface LazyDockedPaneProps {
  /** The pane's width in px (from `usePaneWidth`). */
  width: number
  onChange(width: number): void
  /** The separator's accessible name, e.g. "Resize the map". */
  resizeLabel: string
  /** The narrowest and widest the separator lets the pane be, in px. */
  min: number
  max: number
  /** The class of the pane's own section (e.g. `map-pane`), given to the stand-in too. */
  paneClass: string
  /** The pane's accessible name (e.g. "Map"), given to the stand-in. */
  paneLabel: string
  /** The lazily loaded pane. */
  children: ReactNode
}

/** A separator and, right of it, a lazily loaded pane (see the module comment). */
export function LazyDockedPane({
  width,
  onChange,
  resizeLabel,
  min,
  max,
  paneClass,
  paneLabel,
  children,
}: LazyDockedPaneProps) {
  return (
    <>
      <PaneResizer
        width={width}
        onChange={onChange}
        label={resizeLabel}
        min={min}
        max={max}
        invert
      />
      <Suspense fallback={<section className={paneClass} aria-busy aria-label={paneLabel} />}>
        {children}
      </Suspense>
    </>
  )
}
