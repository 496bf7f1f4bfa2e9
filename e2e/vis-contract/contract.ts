/**
 * What the vis-fast contract page (`page.ts`) reports, shared with its spec
 * (`e2e/vis-contract.spec.ts`), which runs under Node and cannot import the page itself.
 */

/** What one drawing shows. */
export interface Seen {
  /** What vis-network counts as visible (the lists it draws from). */
  visibleNodes: string[]
  visibleEdges: string[]
  /** What its canvas shows: nodes whose centre and edges whose midpoint is painted. */
  paintedNodes: string[]
  paintedEdges: string[]
  /** Each painted edge's midpoint colour. */
  edgeColours: Record<string, [number, number, number]>
}

/** The result of one comparison. */
export interface Comparison {
  fast: Seen
  slow: Seen
  engaged: { batchEdges: boolean; drawInFrames: boolean; setVisibility: boolean[] }
  fallbacks: readonly string[]
}

/** The panel's own ties (own-ties.ts) against the same ties as vis-network edges. */
export interface OwnComparison {
  own: Seen
  slow: Seen
  /** Pixels that differ between the two canvases (by more than 32 in a channel). */
  differing: number
  /** The tie picked at each tie's middle: by the panel's ties, and by vis-network. */
  picked: string[]
  pickedBySlow: string[]
  /** By the panel's ties, 20 units below each middle (off every tie): '' for none. */
  pickedOff: string[]
  /** How many ties the panel drew. */
  ownTies: number
  /** The same after selecting e1 both ways. */
  selected: { own: Seen; slow: Seen; differing: number }
  fallbacks: readonly string[]
}

/** What the page exposes on `window`. */
export interface VisContract {
  /** Draws the graph both ways (once), applies the filter to both, reports what each shows. */
  compare(hiddenNodes: string[], hiddenEdges: string[]): Promise<Comparison>
  /**
   * Draws the graph both ways with half its edges and adds the others (`addEdges` against
   * `DataSet.add`); reports what each shows and whether `addEdges` took the fast way.
   */
  compareAdded(): Promise<Comparison & { added: boolean }>
  /**
   * Draws the graph both ways with half its edges, holds the others ahead hidden (`addEdges`
   * of hidden rows), then shows them as a filter change does; reports what the fast way
   * showed while they were held, and what each shows after.
   */
  compareHeld(): Promise<Comparison & { added: boolean; prepared: number; whileHeld: Seen }>
  /** Draws the ties the panel's own way and as vis-network edges; see `OwnComparison`. */
  compareOwn(): Promise<OwnComparison>
  /** Has the shortcuts meet a vis-network without their internals; what they answered. */
  breakInternals(): { setVisibility: boolean; drawInFrames: boolean; batch: boolean }
  pairs: number
}

declare global {
  interface Window {
    visContract: VisContract
  }
}
