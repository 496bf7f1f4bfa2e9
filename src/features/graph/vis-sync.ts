/**
 * How the actor graph's rows reach vis-network's DataSets: as a diff. The panel holds the
 * rows of the whole case's graph (every actor and tie, drawn as the whole case has them) and
 * a filter or the time window only decides which are shown; `sync` hands vis-network only
 * what changed since the last time — rows shown for the first time, rows that differ,
 * visibility flips — and never the rows nobody has been shown yet. Pure apart from the set
 * it is given (a fake in tests).
 */

/**
 * What a DataSet holds: by row id, the `Row` that made what was handed over and whether it is
 * hidden; and the rows it was last synced from (the same rows again can only differ in what
 * is hidden, or in rows not handed over yet). A held row is turned into JSON only when rows
 * of another making are compared with it (a change of the case), never on a filter change.
 */
export interface Drawn {
  rows?: readonly unknown[]
  items: Map<string, { row: Row<unknown>; hidden: boolean }>
  /**
   * The ids held and shown (not hidden), kept when `sync` is given the shown ids: a list made
   * again by each sync (a Set kept and changed in place reallocated its tables as thousands
   * of ids left and joined it, on every change).
   */
  visible?: readonly string[]
  /** `rows` by id, made when first needed. */
  byId?: Map<string, Row<unknown>>
}

/** The ids shown now, as `sync` reads them: asked one by one, and walked in order. */
export interface Shown extends Iterable<string> {
  has(id: string): boolean
}

/**
 * A `Shown` kept from change to change (one per DataSet): `mark(ids)` makes it those ids,
 * each stamped with the change's number in a map that only grows to the ids ever shown. A
 * new Set of thousands of ids per change allocated its hash tables anew every time, and at
 * 2,000 actors and 5,000 ties those tables lived just long enough to be moved to the old
 * generation (scripts/bench/profile-graph.mjs), bringing on its major collections.
 */
export class ShownIds implements Shown {
  private readonly stamps = new Map<string, number>()
  private stamp = 0
  private ids: readonly string[] = []

  /** Makes this the ids `ids` (in that order); returns it. */
  mark(ids: readonly string[]): this {
    const stamp = ++this.stamp
    for (const id of ids) this.stamps.set(id, stamp)
    this.ids = ids
    return this
  }

  has(id: string): boolean {
    return this.stamps.get(id) === this.stamp
  }

  [Symbol.iterator](): Iterator<string> {
    return this.ids[Symbol.iterator]()
  }
}

export function emptyDrawn(): { nodes: Drawn; edges: Drawn } {
  return { nodes: { items: new Map() }, edges: { items: new Map() } }
}

/**
 * A vis row of the whole graph, made (and turned into JSON, what `sync` compares) only when
 * it is handed to vis-network: most ties of a big case are never drawn. `make` makes it anew
 * each time (the set keeps what it is handed; a row kept here as well was one more object for
 * each of the thousands of ties held). A class with `make` on its prototype serves: one object
 * a row, where a closure per row was three (the row, the function, its scope), 48,000 times.
 */
export interface Row<T> {
  id: string
  make(): T
  key?: string
}

/** The row `r` makes, as handed to a set: with its visibility. */
function handed<T>(r: Row<T>, hidden: boolean): T {
  const row = r.make() as T & { hidden?: boolean }
  row.hidden = hidden
  return row
}

export function keyOf<T>(r: Row<T>): string {
  return (r.key ??= JSON.stringify(r.make()))
}

/** The minimal part of a DataSet `sync` uses (a fake in tests). */
export interface RowSet<T> {
  update(rows: T[]): unknown
  remove(ids: string[]): unknown
}

/**
 * Puts `rows` into `set` with `hidden(id)` applied, as a diff against what `drawn` says the
 * set holds: a row shown for the first time is handed over whole (through `add` when it
 * takes them: rows the set does not hold yet); a row never shown is not
 * handed over at all (vis-network builds an object for every row it holds, ~0.05 ms each,
 * and a big case has tens of thousands of ties that are never drawn); a held row goes
 * again only when it differs, `{ id, hidden }` when its visibility alone flips (through
 * `fast` when it takes them); rows gone from `rows` are removed. Returns the new `drawn`.
 * The same rows as last time (a filter or window change) only flip and add, in place:
 * thousands of rows are compared on every change, and allocating for each shows in the frame.
 * Given `shown` (the ids `hidden` does not hide), such a change visits only the rows shown
 * before or now, not every row.
 */
export function sync<T extends { id?: unknown }>(
  set: RowSet<T>,
  rows: Row<T>[],
  drawn: Drawn,
  hidden: (id: string) => boolean,
  fast?: (flips: { id: string; hidden: boolean }[]) => boolean,
  shown?: Shown,
  add?: (rows: T[]) => boolean,
): Drawn {
  const flipped: { id: string; hidden: boolean }[] = []
  const changed: T[] = []
  // Rows the set does not hold yet (kept apart from `changed`, rows it holds in another form).
  const added: T[] = []
  const handOver = () => {
    if (added.length && !(add && add(added))) set.update(added)
    if (changed.length) set.update(changed)
    if (flipped.length && !(fast && fast(flipped))) set.update(flipped as unknown as T[])
  }
  if (drawn.rows === rows && shown && drawn.visible) {
    // Only the rows shown before or now can change (`hidden` must be "not in `shown`"): at
    // 2,000 actors that is a few thousand of the case's 48,000 ties, not all of them.
    const byId = (drawn.byId ??= new Map(rows.map((r) => [r.id, r as Row<unknown>])))
    for (const id of drawn.visible) {
      if (shown.has(id)) continue
      const item = drawn.items.get(id)
      if (!item || item.hidden) continue
      item.hidden = true
      flipped.push({ id, hidden: true })
    }
    const visible: string[] = []
    for (const id of shown) {
      const r = byId.get(id) as Row<T> | undefined
      if (!r) continue
      const item = drawn.items.get(id)
      if (!item) {
        drawn.items.set(id, { row: r, hidden: false })
        added.push(handed(r, false))
      } else if (item.hidden) {
        item.hidden = false
        flipped.push({ id, hidden: false })
      }
      visible.push(id)
    }
    drawn.visible = visible
    handOver()
    return drawn
  }
  if (drawn.rows === rows) {
    for (const r of rows) {
      const hide = hidden(r.id)
      const item = drawn.items.get(r.id)
      if (!item) {
        if (hide) continue
        drawn.items.set(r.id, { row: r, hidden: false })
        added.push(handed(r, false))
      } else if (item.hidden !== hide) {
        item.hidden = hide
        flipped.push({ id: r.id, hidden: hide })
      }
    }
    handOver()
    if (shown) drawn.visible = visibleOf(drawn)
    return drawn
  }
  const next: Drawn = { rows, items: new Map() }
  for (const r of rows) {
    const hide = hidden(r.id)
    const was = drawn.items.get(r.id)
    if (!was && hide) continue
    next.items.set(r.id, { row: r, hidden: hide })
    if (!was) added.push(handed(r, hide))
    else if (was.row !== r && keyOf(was.row) !== keyOf(r)) changed.push(handed(r, hide))
    else if (was.hidden !== hide) flipped.push({ id: r.id, hidden: hide })
  }
  const gone = [...drawn.items.keys()].filter((id) => !next.items.has(id))
  if (gone.length) set.remove(gone)
  handOver()
  if (shown) next.visible = visibleOf(next)
  return next
}

/**
 * Hands `set` ahead of time, hidden, the rows of `ids` it does not hold yet (ids not among
 * `drawn.rows`, or held already, are skipped): rows a likely next change will show, made
 * while the analyst looks, so that the change only flips their visibility (`sync`'s fast
 * path finds them held). Through `add` when it takes them (vis-fast `addEdges`), else the
 * set's `update`. Returns how many rows were handed over; `drawn` records them as held and
 * hidden (its `visible` is left as it is).
 */
export function hold<T extends { id?: unknown }>(
  set: RowSet<T>,
  drawn: Drawn,
  ids: Iterable<string>,
  add?: (rows: T[]) => boolean,
): number {
  const rows = drawn.rows as readonly Row<T>[] | undefined
  if (!rows) return 0
  const byId = (drawn.byId ??= new Map(rows.map((r) => [r.id, r as Row<unknown>])))
  const added: T[] = []
  for (const id of ids) {
    if (drawn.items.has(id)) continue
    const r = byId.get(id) as Row<T> | undefined
    if (!r) continue
    drawn.items.set(id, { row: r, hidden: true })
    added.push(handed(r, true))
  }
  if (added.length && !(add && add(added))) set.update(added)
  return added.length
}

function visibleOf(drawn: Drawn): string[] {
  const visible: string[] = []
  for (const [id, item] of drawn.items) if (!item.hidden) visible.push(id)
  return visible
}
