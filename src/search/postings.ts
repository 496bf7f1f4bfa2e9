/**
 * The inverted lists of the case search index: for each key, the documents (internal ids)
 * that hold it with the score slot of its first occurrence. Lists come in two layers: a
 * frozen base, read back from a saved index as it was stored — sorted keys and one string of
 * variable-length gaps, decoded only for the keys a query asks for, so that opening a saved
 * index costs one `JSON.parse` of the keys and no per-posting work — and a mutable layer of
 * the documents added since. `serialise` merges both (leaving out documents no longer held)
 * into a new base. Each posting is `id * 4 + slot`, so that a list sorted by id is sorted by
 * posting and a document's slot travels with it. Pure; used by `search-core.ts`.
 */

/** The saved form of the lists: sorted keys (JSON), and the packed offsets and postings. */
export interface PostingParts {
  keys: string
  offsets: string
  data: string
}

/** A posting: the internal document id and its score slot. */
export function posting(id: number, slot: number): number {
  return id * 4 + slot
}

/** The internal document id of a posting. */
export function postingId(p: number): number {
  return p < 0x80000000 ? p >>> 2 : Math.floor(p / 4)
}

/** The score slot of a posting. */
export function postingSlot(p: number): number {
  return p < 0x80000000 ? p & 3 : p % 4
}

/** A growing byte buffer for varints. */
class Bytes {
  buf = new Uint8Array(1 << 16)
  length = 0

  /** Appends `value` (a non-negative integer below 2^53) as a little-endian base-128 varint. */
  varint(value: number): void {
    if (this.length + 8 > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2)
      grown.set(this.buf)
      this.buf = grown
    }
    let v = value
    while (v >= 0x80) {
      this.buf[this.length++] = (v < 0x80000000 ? v & 0x7f : v % 0x80) | 0x80
      v = v < 0x80000000 ? v >>> 7 : Math.floor(v / 0x80)
    }
    this.buf[this.length++] = v
  }

  /** The bytes (0–255) as a one-byte string, in chunks (argument lists have a limit). */
  toString(): string {
    const chunks: string[] = []
    for (let i = 0; i < this.length; i += 8192) {
      const part = this.buf.subarray(i, Math.min(this.length, i + 8192))
      chunks.push(String.fromCharCode.apply(null, part as unknown as number[]))
    }
    return chunks.join('')
  }
}

/** Decodes the varint gaps of `data` from `from` to `to` into ascending values. */
function readGaps(data: string, from: number, to: number, out: number[]): void {
  let value = 0
  let i = from
  while (i < to) {
    let gap = 0
    let scale = 1
    let byte: number
    do {
      byte = data.charCodeAt(i++)
      gap += (byte & 0x7f) * scale
      scale *= 0x80
    } while (byte & 0x80 && i < to)
    value += gap
    out.push(value)
  }
}

/** Why saved lists could not be read. */
export class PostingsError extends Error {}

/** The inverted lists of one index. */
export class Postings {
  private baseKeys: string[] = []
  /** Byte offset of each base key's list in `baseData`, and the end (length keys + 1). */
  private baseOffsets: number[] = [0]
  private baseData = ''
  /**
   * The postings added since the base, as chains in flat arrays (no array per key): entry
   * `i` is `addedValues[i]`, and `addedPrevious[i]` the entry before it under the same key
   * (-1 for none); `addedLast` the last entry of each added key, by its number in `addedKeys`.
   */
  private addedKeys = new Map<string, number>()
  private addedLast = new Int32Array(1024)
  private addedValues = new Float64Array(1 << 16)
  private addedPrevious = new Int32Array(1 << 16)
  private addedCount = 0

  /** Adds the postings of document `id`: each key with its slot. Ids must grow. */
  add(id: number, keys: ReadonlyMap<string, number>): void {
    if (this.addedCount + keys.size > this.addedValues.length) {
      const size = Math.max(this.addedValues.length * 2, this.addedCount + keys.size)
      const values = new Float64Array(size)
      values.set(this.addedValues)
      const previous = new Int32Array(size)
      previous.set(this.addedPrevious)
      this.addedValues = values
      this.addedPrevious = previous
    }
    for (const [key, slot] of keys) {
      let k = this.addedKeys.get(key)
      if (k === undefined) {
        k = this.addedKeys.size
        this.addedKeys.set(key, k)
        if (k >= this.addedLast.length) {
          const last = new Int32Array(this.addedLast.length * 2)
          last.set(this.addedLast)
          this.addedLast = last
        }
        this.addedLast[k] = -1
      }
      const i = this.addedCount++
      this.addedValues[i] = posting(id, slot)
      this.addedPrevious[i] = this.addedLast[k]!
      this.addedLast[k] = i
    }
  }

  /** The postings of `key`, ascending (removed documents included: callers filter). */
  list(key: string): number[] {
    const out: number[] = []
    const i = this.baseIndex(key)
    if (i >= 0) readGaps(this.baseData, this.baseOffsets[i]!, this.baseOffsets[i + 1]!, out)
    const k = this.addedKeys.get(key)
    if (k !== undefined) {
      const from = out.length
      for (let e = this.addedLast[k]!; e >= 0; e = this.addedPrevious[e]!) {
        out.push(this.addedValues[e]!)
      }
      // The chain runs newest first.
      for (let a = from, b = out.length - 1; a < b; a++, b--) {
        const t = out[a]!
        out[a] = out[b]!
        out[b] = t
      }
    }
    return out
  }

  /** Keys held by the lists (base and added), each once. */
  keyCount(): number {
    let n = this.baseKeys.length
    for (const key of this.addedKeys.keys()) if (this.baseIndex(key) < 0) n++
    return n
  }

  /**
   * The lists without the documents `live` says are gone (ids up to `maxId` are asked once
   * each), as saved parts; the lists become that base (compact), with nothing added on top.
   */
  serialise(live: (id: number) => boolean, maxId = 0): PostingParts {
    // A table of the live ids up to `maxId` spares a call per posting.
    const alive = new Uint8Array(maxId + 1)
    for (let id = 1; id <= maxId; id++) alive[id] = live(id) ? 1 : 0
    const isLive = (id: number): boolean => (id <= maxId ? alive[id] === 1 : live(id))
    const keys = new Set(this.baseKeys)
    for (const key of this.addedKeys.keys()) keys.add(key)
    const sorted = [...keys].sort()
    const outKeys: string[] = []
    const offsets: number[] = []
    const data = new Bytes()
    for (const key of sorted) {
      let previous = 0
      let first = true
      for (const p of this.list(key)) {
        if (!isLive(postingId(p))) continue
        if (first) {
          offsets.push(data.length)
          outKeys.push(key)
          first = false
        }
        data.varint(p - previous)
        previous = p
      }
    }
    const offsetBytes = new Bytes()
    let previous = 0
    for (const offset of offsets) {
      offsetBytes.varint(offset - previous)
      previous = offset
    }
    const parts: PostingParts = {
      keys: JSON.stringify(outKeys),
      offsets: offsetBytes.toString(),
      data: data.toString(),
    }
    this.useBase(outKeys, [...offsets, data.length], parts.data)
    return parts
  }

  /** Reads saved lists back; throws `PostingsError` when they do not fit together. */
  static load(parts: PostingParts): Postings {
    const keys: unknown = JSON.parse(parts.keys)
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
      throw new PostingsError('the keys are not a list of strings')
    }
    const offsets: number[] = []
    readGaps(parts.offsets, 0, parts.offsets.length, offsets)
    if (offsets.length !== keys.length) throw new PostingsError('keys and offsets differ')
    for (let i = 1; i < keys.length; i++) {
      if (!((keys[i - 1] as string) < (keys[i] as string))) {
        throw new PostingsError('the keys are not sorted')
      }
    }
    if (offsets.some((o) => o > parts.data.length)) throw new PostingsError('offsets overrun')
    const postings = new Postings()
    postings.useBase(keys as string[], [...offsets, parts.data.length], parts.data)
    return postings
  }

  private useBase(keys: string[], offsets: number[], data: string): void {
    this.baseKeys = keys
    this.baseOffsets = offsets
    this.baseData = data
    this.addedKeys = new Map()
    this.addedLast = new Int32Array(1024)
    this.addedValues = new Float64Array(1 << 16)
    this.addedPrevious = new Int32Array(1 << 16)
    this.addedCount = 0
  }

  /** Binary search of the sorted base keys; -1 when absent. */
  private baseIndex(key: string): number {
    let lo = 0
    let hi = this.baseKeys.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const k = this.baseKeys[mid]!
      if (k === key) return mid
      if (k < key) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }
}

/** First index of `list` from `from` whose posting's id is at least `id` (binary search). */
function lowerBound(list: readonly number[], from: number, id: number): number {
  const target = id * 4
  let lo = from
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The documents (internal ids) found under every one of `lists`, each with the sum of its
 * slots, ordered by that sum and then by id (earlier documents first); ids `live` rejects are
 * left out. Lists are sorted by posting, hence by id: they are merged (a short list against a
 * long one by binary search) and the result is ordered by a counting sort on the slot sums,
 * which are small — no map and no comparison sort (profile, 10,000 documents: those were
 * half of a query's time).
 */
export function intersect(lists: number[][], live: (id: number) => boolean): number[] {
  if (!lists.length) return []
  const ordered = [...lists].sort((a, b) => a.length - b.length)
  const first = ordered[0]!
  let ids = new Float64Array(first.length)
  let sums = new Uint8Array(first.length)
  let n = 0
  for (const p of first) {
    const id = postingId(p)
    if (!live(id)) continue
    ids[n] = id
    sums[n++] = postingSlot(p)
  }
  for (let l = 1; l < ordered.length && n; l++) {
    const list = ordered[l]!
    const search = list.length > 8 * n
    const nextIds = new Float64Array(n)
    const nextSums = new Uint8Array(n)
    let m = 0
    let j = 0
    for (let i = 0; i < n && j < list.length; i++) {
      const id = ids[i]!
      if (search) j = lowerBound(list, j, id)
      else while (j < list.length && list[j]! < id * 4) j++
      if (j < list.length && postingId(list[j]!) === id) {
        nextIds[m] = id
        // A sum beyond 255 cannot happen: slots are 0–2 and queries have few keys.
        nextSums[m++] = Math.min(255, sums[i]! + postingSlot(list[j]!))
      }
    }
    ids = nextIds
    sums = nextSums
    n = m
  }
  let top = 0
  for (let i = 0; i < n; i++) if (sums[i]! > top) top = sums[i]!
  const starts = new Uint32Array(top + 2)
  for (let i = 0; i < n; i++) starts[sums[i]! + 1] = starts[sums[i]! + 1]! + 1
  for (let s = 1; s < starts.length; s++) starts[s] = starts[s]! + starts[s - 1]!
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const at = starts[sums[i]!]!
    starts[sums[i]!] = at + 1
    out[at] = ids[i]!
  }
  return out
}
