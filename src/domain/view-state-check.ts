/**
 * The per-case view-state values (the graph's layout, the timeline's window, the pane sizes,
 * the document open in the reader) checked by hand, without zod: the panes read their saved
 * view while a case reopens, and loading zod (95 KB) for four small shapes would put it before
 * the window is usable. The
 * rules are those of the zod schemas in `record-schemas.ts` (`VIEW_STATE_SCHEMAS`), which
 * still check a backup's rows as it is restored; `view-state-check.test.ts` runs both on the
 * same generated good and bad values and requires the same verdict, so the two cannot drift.
 * The zod schemas read their bounds from here.
 */
import { LIMITS } from './limits'
import type { ViewStateKey, ViewStateValue } from './record-schemas'

/** The largest magnitude of a time in milliseconds since the epoch that a Date can hold. */
export const TIME_MS_MAX = 8.64e15

/** The largest pane size (CSS px) a saved layout may hold. */
export const PANE_SIZE_MAX = 20_000

/** What is wrong with a value, or undefined when nothing is. */
type Problem = string | undefined

// zod's `z.number()` takes finite numbers only; `z.int()` safe integers only.
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isInt = (v: unknown): v is number => Number.isSafeInteger(v)

/** zod's `isObject`: what a `z.strictObject` accepts before it looks at the keys. */
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** zod's `isPlainObject`: what a `z.record` accepts (not a Date, a Map, an array). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false
  const ctor: unknown = v.constructor
  if (ctor === undefined || typeof ctor !== 'function') return true
  const proto: unknown = (ctor as { prototype?: unknown }).prototype
  return isObject(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf')
}

/** A strict object's keys: every enumerable key must be one of `allowed` (as zod's `for…in`). */
function unknownKey(v: Record<string, unknown>, allowed: readonly string[]): Problem {
  for (const key in v) if (!allowed.includes(key)) return `has an unknown key "${key}"`
  return undefined
}

/** An `idSchema` string: 1 to LIMITS.id UTF-16 code units. */
const isId = (v: unknown): boolean =>
  typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.id

function graphLayoutProblem(v: unknown): Problem {
  if (!isObject(v)) return 'is not an object'
  const extra = unknownKey(v, ['positions', 'pinned', 'ties'])
  if (extra) return extra
  const positions = v.positions
  if (!isPlainObject(positions)) return 'has no positions'
  // As `z.record`: own enumerable keys, symbols included, and `__proto__` passed over.
  for (const key of Reflect.ownKeys(positions)) {
    if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(positions, key)) continue
    if (!isId(key)) return 'has a position under a key that is not an id'
    const at = positions[key as string]
    if (!isObject(at) || unknownKey(at, ['x', 'y']) || !isNumber(at.x) || !isNumber(at.y))
      return `has a position for "${String(key)}" that is not a finite { x, y }`
  }
  const pinned = v.pinned
  if (!Array.isArray(pinned) || pinned.length > LIMITS.list)
    return `has no list of pinned ids (at most ${LIMITS.list})`
  for (let i = 0; i < pinned.length; i++) {
    if (!isId(pinned[i])) return 'pins something that is not an id'
  }
  if (v.ties !== undefined && !(isInt(v.ties) && v.ties >= 0))
    return 'has a tie count that is not a whole number ≥ 0'
  return undefined
}

function timelineWindowProblem(v: unknown): Problem {
  if (!isObject(v)) return 'is not an object'
  const extra = unknownKey(v, ['start', 'end'])
  if (extra) return extra
  const inRange = (t: unknown) => isNumber(t) && t >= -TIME_MS_MAX && t <= TIME_MS_MAX
  if (!inRange(v.start) || !inRange(v.end)) return 'has a start or end that is not a time'
  if (!((v.start as number) < (v.end as number))) return 'must end after it starts'
  return undefined
}

const PANES = ['library', 'inspector', 'timeline', 'graph', 'map'] as const

function paneLayoutProblem(v: unknown): Problem {
  if (!isObject(v)) return 'is not an object'
  const extra = unknownKey(v, PANES)
  if (extra) return extra
  for (const pane of PANES) {
    const size = v[pane]
    if (size !== undefined && !(isInt(size) && size >= 0 && size <= PANE_SIZE_MAX))
      return `has a ${pane} size that is not a whole number of px from 0 to ${PANE_SIZE_MAX}`
  }
  return undefined
}

function readerDocumentProblem(v: unknown): Problem {
  if (!isObject(v)) return 'is not an object'
  const extra = unknownKey(v, ['docId'])
  if (extra) return extra
  if (!isId(v.docId)) return 'has a document id that is not an id'
  return undefined
}

const PROBLEMS: Record<ViewStateKey, (v: unknown) => Problem> = {
  'graph:layout': graphLayoutProblem,
  'timeline:window': timelineWindowProblem,
  'pane:layout': paneLayoutProblem,
  'reader:document': readerDocumentProblem,
}

/**
 * Why `value` is not a valid `key` view state (a short phrase: "has no positions"), or
 * undefined when it is — the verdict of `VIEW_STATE_SCHEMAS[key].safeParse(value).success`.
 */
export function viewStateProblem(key: ViewStateKey, value: unknown): string | undefined {
  return PROBLEMS[key](value)
}

/** True when `value` is a valid `key` view state (see `viewStateProblem`). */
export function isViewStateValue<K extends ViewStateKey>(
  key: K,
  value: unknown,
): value is ViewStateValue<K> {
  return viewStateProblem(key, value) === undefined
}
