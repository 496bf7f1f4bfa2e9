import { describe, expect, it } from 'vitest'
import { LIMITS } from './limits'
import { VIEW_STATE_SCHEMAS, type ViewStateKey } from './record-schemas'
import { PANE_SIZE_MAX, TIME_MS_MAX, viewStateProblem } from './view-state-check'

/** Marks a key left out of a generated object (as opposed to present and undefined). */
const ABSENT = Symbol('absent')
type Slot = unknown

/** Builds an object from `entries`, leaving out those whose value is ABSENT. */
function object(entries: Record<string, Slot>, proto: object | null = Object.prototype): object {
  const o = Object.create(proto) as Record<string, unknown>
  for (const [k, v] of Object.entries(entries)) if (v !== ABSENT) o[k] = v
  return o
}

/** Every combination of one value per slot. */
function* combinations(slots: Record<string, readonly Slot[]>): Generator<Record<string, Slot>> {
  const keys = Object.keys(slots)
  const at = keys.map(() => 0)
  if (keys.some((k) => slots[k]!.length === 0)) return
  for (;;) {
    yield Object.fromEntries(keys.map((k, i) => [k, slots[k]![at[i]!]]))
    let i = keys.length - 1
    while (i >= 0 && ++at[i]! === slots[keys[i]!]!.length) at[i--] = 0
    if (i < 0) return
  }
}

// Values on both sides of every bound and of every type check in the schemas.
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  1.5,
  PANE_SIZE_MAX,
  PANE_SIZE_MAX + 1,
  PANE_SIZE_MAX - 0.5,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  TIME_MS_MAX,
  -TIME_MS_MAX,
  TIME_MS_MAX + 1024,
  -TIME_MS_MAX - 1024,
  NaN,
  Infinity,
  -Infinity,
]
const NOT_NUMBERS = ['1', null, true, [], {}, undefined, new Date(0)]
const SCALARS = [...NUMBERS, ...NOT_NUMBERS]
const IDS = ['a', '7', '', 'x'.repeat(LIMITS.id), 'x'.repeat(LIMITS.id + 1), 1, null]
/** Whole values that are not the object a shape needs, or are odd objects. */
const ODD_VALUES = [
  null,
  undefined,
  'x',
  7,
  [],
  [1, 2],
  new Date(0),
  new Map(),
  {},
  Object.create(null),
  JSON.parse('{"__proto__": {}}'),
]

/** Generated values of `key`: good ones and ones wrong in every way the schema names. */
function generated(key: ViewStateKey): unknown[] {
  const out: unknown[] = [...ODD_VALUES]
  if (key === 'timeline:window') {
    for (const extra of [ABSENT, 1]) {
      for (const w of combinations({ start: [...SCALARS, ABSENT], end: [...SCALARS, ABSENT] }))
        out.push(object({ ...w, zoom: extra }))
    }
    // Inherited keys: read like own ones, and an inherited unknown key is still unknown.
    out.push(object({}, { start: 1, end: 2 }), object({ start: 1, end: 2 }, { zoom: 1 }))
    out.push(object({ start: 1, end: 2 }, null))
  }
  if (key === 'pane:layout') {
    const panes = ['library', 'inspector', 'timeline', 'graph', 'map']
    const bases = [{}, Object.fromEntries(panes.map((p, i) => [p, 200 + i]))]
    for (const base of bases) {
      for (const pane of panes) {
        for (const v of [...SCALARS, ABSENT]) out.push(object({ ...base, [pane]: v }))
      }
    }
    const few = [ABSENT, undefined, 300, 1.5, '300']
    for (const p of combinations(Object.fromEntries(panes.slice(0, 3).map((p) => [p, few]))))
      out.push(object(p))
    out.push(object({ library: 300, width: 3 }), object({ library: 300 }, null))
  }
  if (key === 'reader:document') {
    for (const extra of [ABSENT, 'x'])
      for (const docId of [...IDS, ...SCALARS, ABSENT]) out.push(object({ docId, tab: extra }))
    // Inherited keys: read like own ones; and a null prototype is still an object.
    out.push(object({}, { docId: 'a' }), object({ docId: 'a' }, null), object({}, { docId: '' }))
  }
  if (key === 'graph:layout') {
    const points = [
      ...[...combinations({ x: SCALARS, y: [0, 2.5, NaN, '2', ABSENT] })].map((p) => object(p)),
      object({ x: 1, y: 2, z: 3 }),
      [1, 2],
      null,
      'x',
    ]
    const positions: unknown[] = [
      ...ODD_VALUES,
      ...points.map((p) => ({ a: p })),
      ...IDS.map((id) => ({ [String(id)]: { x: 1, y: 2 } })),
      { a: { x: 1, y: 2 }, b: { x: -3, y: 4 } },
      { a: { x: 1, y: 2 }, b: { x: 'far', y: 4 } },
      JSON.parse('{"__proto__": "not a point", "a": {"x": 1, "y": 2}}'),
      { [Symbol('s')]: { x: 1, y: 2 } },
      Object.defineProperty({}, 'hidden', { value: 'not a point', enumerable: false }),
    ]
    const sparse: unknown[] = ['a']
    sparse[2] = 'b'
    const pinned = [[], ['a', 'b'], IDS, ...IDS.map((id) => [id]), sparse, 'a', null, {}]
    const ties = [ABSENT, undefined, 0, 3, -1, 1.5, '3', NaN, 2 ** 53, null]
    // Each slot through all its values beside good others, then a few of each together.
    const good = { positions: [{}, { a: { x: 1, y: 2 } }], pinned: [[], ['a']], ties: [ABSENT, 3] }
    for (const slots of [
      { ...good, positions },
      { ...good, pinned },
      { ...good, ties },
      { positions: positions.slice(0, 8), pinned: pinned.slice(0, 5), ties },
      { ...good, extra: [1] },
    ])
      for (const g of combinations(slots)) out.push(object(g))
  }
  return out
}

describe('the hand-written view-state checks', () => {
  for (const key of Object.keys(VIEW_STATE_SCHEMAS) as ViewStateKey[]) {
    it(`give the zod schema's verdict on every generated ${key} value`, () => {
      const values = generated(key)
      const differ: string[] = []
      let good = 0
      for (const value of values) {
        const zod = VIEW_STATE_SCHEMAS[key].safeParse(value).success
        const problem = viewStateProblem(key, value)
        if (zod) good++
        if (zod !== (problem === undefined)) {
          differ.push(`${String(problem)} ← ${JSON.stringify(value)?.slice(0, 200)}`)
        }
      }
      expect(differ).toEqual([])
      // The generator makes plenty of both, so that agreement is not agreement on one side.
      expect(good).toBeGreaterThanOrEqual(3)
      expect(values.length - good).toBeGreaterThanOrEqual(30)
    })
  }

  it('agree on the longest list of pinned ids and one more', () => {
    const many = Array.from({ length: LIMITS.list }, (_, i) => `id${i}`)
    for (const pinned of [many, [...many, 'one more']]) {
      const value = { positions: {}, pinned }
      const zod = VIEW_STATE_SCHEMAS['graph:layout'].safeParse(value).success
      expect(viewStateProblem('graph:layout', value) === undefined).toBe(zod)
      expect(zod).toBe(pinned === many)
    }
  })

  it('say what is wrong in words', () => {
    expect(viewStateProblem('timeline:window', { start: 5, end: 1 })).toBe(
      'must end after it starts',
    )
    expect(viewStateProblem('pane:layout', { library: 1.5 })).toMatch(/library size/)
    expect(viewStateProblem('graph:layout', { positions: {}, pinned: [], zoom: 2 })).toMatch(
      /unknown key "zoom"/,
    )
    expect(viewStateProblem('graph:layout', { positions: {}, pinned: [] })).toBeUndefined()
  })
})
