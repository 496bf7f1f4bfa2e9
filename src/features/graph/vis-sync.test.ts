import { describe, expect, it } from 'vitest'
import { emptyDrawn, hold, ShownIds, sync, type Row } from './vis-sync'

interface Item {
  id: string
  label?: string
  hidden?: boolean
}

/** A DataSet stand-in that records what it was handed. */
function fakeSet() {
  const held = new Map<string, Item>()
  const calls: { update: Item[][]; remove: string[][] } = { update: [], remove: [] }
  return {
    held,
    calls,
    update(rows: Item[]) {
      calls.update.push(rows)
      for (const r of rows) held.set(r.id, { ...held.get(r.id), ...r })
    },
    remove(ids: string[]) {
      calls.remove.push(ids)
      for (const id of ids) held.delete(id)
    },
  }
}

function rows(n: number, label = 'x'): { list: Row<Item>[]; made: () => number } {
  let made = 0
  const list = Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    make: () => {
      made++
      return { id: `e${i}`, label }
    },
  }))
  return { list, made: () => made }
}

describe('sync', () => {
  it('hands over only the rows shown, and makes no row that is never shown', () => {
    const set = fakeSet()
    const { list, made } = rows(1000)
    const shown = new Set(['e1', 'e2'])
    sync(set, list, emptyDrawn().edges, (id) => !shown.has(id))
    expect([...set.held.keys()].sort()).toEqual(['e1', 'e2'])
    expect(made()).toBe(2)
  })

  it('adds rows a filter shows for the first time, and only flips those held', () => {
    const set = fakeSet()
    const { list } = rows(10)
    let shown = new Set(['e1', 'e2'])
    let drawn = sync(set, list, emptyDrawn().edges, (id) => !shown.has(id))
    shown = new Set(['e2', 'e3'])
    drawn = sync(set, list, drawn, (id) => !shown.has(id))
    const [, second, third] = set.calls.update
    // e3 whole (new), then e1 hidden as a flip, e2 untouched.
    expect(second).toEqual([{ id: 'e3', label: 'x', hidden: false }])
    expect(third).toEqual([{ id: 'e1', hidden: true }])
    expect(set.held.get('e1')?.hidden).toBe(true)
    expect(drawn.items.size).toBe(3)
  })

  it('takes visibility flips through `fast` when it accepts them', () => {
    const set = fakeSet()
    const { list } = rows(3)
    let shown = new Set(['e0', 'e1'])
    const drawn = sync(set, list, emptyDrawn().edges, (id) => !shown.has(id))
    shown = new Set(['e0'])
    const fast: { id: string; hidden: boolean }[][] = []
    sync(
      set,
      list,
      drawn,
      (id) => !shown.has(id),
      (flips) => fast.push(flips) > 0,
    )
    expect(fast).toEqual([[{ id: 'e1', hidden: true }]])
    expect(set.calls.update).toHaveLength(1)
  })

  it('re-sends a held row that changed, removes rows gone, and leaves unchanged ones', () => {
    const set = fakeSet()
    const first = rows(3, 'a').list
    const drawn = sync(set, first, emptyDrawn().edges, () => false)
    const next: Row<Item>[] = [
      { id: 'e0', make: () => ({ id: 'e0', label: 'a' }) },
      { id: 'e1', make: () => ({ id: 'e1', label: 'b' }) },
    ]
    sync(set, next, drawn, () => false)
    expect(set.calls.remove).toEqual([['e2']])
    expect(set.calls.update[1]).toEqual([{ id: 'e1', label: 'b', hidden: false }])
  })
})

describe('sync given the shown ids', () => {
  it('hands over what the full walk hands over, visiting only rows shown before or now', () => {
    const { list } = rows(400)
    const plain = fakeSet()
    const quick = fakeSet()
    let drawnPlain = emptyDrawn().edges
    let drawnQuick = emptyDrawn().edges
    let asked = 0
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let change = 0; change < 12; change++) {
      const shown = new Set(list.filter(() => random() < 0.2).map((r) => r.id))
      const hidden = (id: string) => !shown.has(id)
      drawnPlain = sync(plain, list, drawnPlain, hidden)
      asked = 0
      drawnQuick = sync(
        quick,
        list,
        drawnQuick,
        (id) => {
          asked++
          return hidden(id)
        },
        undefined,
        shown,
      )
      expect([...quick.held.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...plain.held.values()].sort((a, b) => a.id.localeCompare(b.id)),
      )
      // After the first (full) walk, a change asks about no row one by one.
      if (change > 0) expect(asked).toBe(0)
    }
  })
})

describe('sync with `add` for rows the set does not hold', () => {
  it('hands only new rows to `add`, flips and changed rows the usual way', () => {
    const set = fakeSet()
    const { list } = rows(6)
    const added: string[][] = []
    const add = (r: Item[]) => {
      added.push(r.map((x) => x.id))
      // Stands in for vis-network taking the rows (the DataSet holds them too).
      for (const x of r) set.held.set(x.id, x)
      return true
    }
    let shown = new Set(['e0', 'e1'])
    let drawn = sync(set, list, emptyDrawn().edges, (id) => !shown.has(id), undefined, shown, add)
    shown = new Set(['e1', 'e2', 'e3'])
    drawn = sync(set, list, drawn, (id) => !shown.has(id), undefined, shown, add)
    expect(added).toEqual([
      ['e0', 'e1'],
      ['e2', 'e3'],
    ])
    // e0's flip went through the set, not `add`.
    expect(set.calls.update).toEqual([[{ id: 'e0', hidden: true }]])
    // Shown again: a flip, not a second add.
    shown = new Set(['e0'])
    sync(set, list, drawn, (id) => !shown.has(id), undefined, shown, add)
    expect(added).toHaveLength(2)
    expect(set.held.get('e0')?.hidden).toBe(false)
  })

  it('goes through the set when `add` declines', () => {
    const set = fakeSet()
    const { list } = rows(3)
    sync(
      set,
      list,
      emptyDrawn().edges,
      () => false,
      undefined,
      undefined,
      () => false,
    )
    expect(set.calls.update).toEqual([list.map((r) => ({ id: r.id, label: 'x', hidden: false }))])
  })

  it('turns no row into JSON on a filter change, only when rows of another making come', () => {
    let jsons = 0
    const make = (id: string, label: string) => () => ({
      id,
      label,
      toJSON() {
        jsons++
        return { id, label }
      },
    })
    const list: Row<Item>[] = ['e0', 'e1', 'e2'].map((id) => ({ id, make: make(id, 'a') }))
    const set = fakeSet()
    let shown = new Set(['e0'])
    let drawn = sync(set, list, emptyDrawn().edges, (id) => !shown.has(id), undefined, shown)
    for (const next of [['e1'], ['e0', 'e2'], ['e1', 'e2']]) {
      shown = new Set(next)
      drawn = sync(set, list, drawn, (id) => !shown.has(id), undefined, shown)
    }
    expect(jsons).toBe(0)
    // The case changed: e1 differs, e0 and e2 are made again the same.
    const again: Row<Item>[] = [
      { id: 'e0', make: make('e0', 'a') },
      { id: 'e1', make: make('e1', 'b') },
      { id: 'e2', make: make('e2', 'a') },
    ]
    const before = set.calls.update.length
    sync(set, again, drawn, (id) => !shown.has(id), undefined, shown)
    expect(jsons).toBeGreaterThan(0)
    const sent = set.calls.update.slice(before).flat()
    expect(sent.filter((r) => r.label !== undefined).map((r) => r.id)).toEqual(['e1'])
  })
})

describe('hold', () => {
  it('hands rows over hidden, once, and a change that shows them only flips them', () => {
    const set = fakeSet()
    const { list, made } = rows(10)
    let shown = new Set(['e0'])
    let drawn = sync(set, list, emptyDrawn().edges, (id) => !shown.has(id), undefined, shown)
    const added: string[][] = []
    const add = (r: Item[]) => {
      added.push(r.map((x) => x.id))
      for (const x of r) set.held.set(x.id, x)
      return true
    }
    // e0 is held already and `nope` is no row: only e3 and e4 are handed over, hidden.
    expect(hold(set, drawn, ['e0', 'e3', 'e4', 'nope'], add)).toBe(2)
    expect(added).toEqual([['e3', 'e4']])
    expect(set.held.get('e3')).toEqual({ id: 'e3', label: 'x', hidden: true })
    expect(hold(set, drawn, ['e3', 'e4'], add)).toBe(0)
    expect(made()).toBe(3)
    shown = new Set(['e3'])
    const flips: { id: string; hidden: boolean }[][] = []
    drawn = sync(
      set,
      list,
      drawn,
      (id) => !shown.has(id),
      (f) => flips.push(f) > 0,
      shown,
      add,
    )
    expect(added).toHaveLength(1)
    expect(flips.flat().sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'e0', hidden: true },
      { id: 'e3', hidden: false },
    ])
    expect(new Set(drawn.visible)).toEqual(new Set(['e3']))
  })

  it('goes through the set when `add` declines, and holds nothing before a first sync', () => {
    const set = fakeSet()
    const { list } = rows(3)
    expect(hold(set, emptyDrawn().edges, ['e0'])).toBe(0)
    const drawn = sync(set, list, emptyDrawn().edges, () => true, undefined, new Set())
    expect(hold(set, drawn, ['e1'], () => false)).toBe(1)
    expect(set.calls.update).toEqual([[{ id: 'e1', label: 'x', hidden: true }]])
  })

  it.each([
    ['a new Set each change', () => (ids: string[]) => new Set(ids)],
    [
      'one ShownIds marked each change',
      () => {
        const kept = new ShownIds()
        return (ids: string[]) => kept.mark(ids)
      },
    ],
  ])(
    'with rows held ahead at random, every change shows what a full sync from nothing shows (%s)',
    (_, makeShown) => {
      const shownOf = makeShown()
      let seed = 11
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
      const { list } = rows(300)
      // Each row's colour, so that a row shown with another's would be seen.
      for (const r of list) {
        const colour = `c${Number(r.id.slice(1)) % 7}`
        r.make = () => ({ id: r.id, label: colour })
      }
      const set = fakeSet()
      // Flips and adds applied to the set, as setVisibility and addEdges do to vis-network.
      const fast = (flips: { id: string; hidden: boolean }[]) => {
        for (const f of flips) set.held.set(f.id, { ...set.held.get(f.id)!, hidden: f.hidden })
        return true
      }
      const add = (r: Item[]) => {
        for (const x of r) set.held.set(x.id, x)
        return true
      }
      let drawn = emptyDrawn().edges
      for (let change = 0; change < 40; change++) {
        const ids = list.filter(() => random() < 0.15).map((r) => r.id)
        const shown = shownOf(ids)
        drawn = sync(set, list, drawn, (id) => !shown.has(id), fast, shown, add)
        // The full recomputation: the same change synced into an empty set.
        const fresh = fakeSet()
        sync(fresh, list, emptyDrawn().edges, (id) => !shown.has(id))
        const visible = (s: ReturnType<typeof fakeSet>) =>
          [...s.held.values()].filter((x) => !x.hidden).sort((a, b) => a.id.localeCompare(b.id))
        expect(visible(set)).toEqual(visible(fresh))
        expect(new Set(drawn.visible)).toEqual(new Set(ids))
        // What the set holds agrees with what `drawn` says it holds.
        for (const [id, item] of drawn.items) expect(set.held.get(id)?.hidden).toBe(item.hidden)
        expect(set.held.size).toBe(drawn.items.size)
        // Some rows a next change may show, held ahead.
        if (change % 3 === 0)
          hold(
            set,
            drawn,
            list.filter(() => random() < 0.1).map((r) => r.id),
            add,
          )
      }
    },
  )
})

describe('ShownIds', () => {
  it('is the ids of its last mark, in their order', () => {
    const shown = new ShownIds()
    shown.mark(['b', 'a', 'c'])
    expect([...shown]).toEqual(['b', 'a', 'c'])
    expect(['a', 'b', 'c', 'd'].map((id) => shown.has(id))).toEqual([true, true, true, false])
    expect(shown.mark(['c', 'd'])).toBe(shown)
    expect([...shown]).toEqual(['c', 'd'])
    expect(['a', 'b', 'c', 'd'].map((id) => shown.has(id))).toEqual([false, false, true, true])
    shown.mark([])
    expect([...shown]).toEqual([])
    expect(shown.has('c')).toBe(false)
  })
})
