/**
 * Near-identical copies among a case's documents: the same wire story republished by several
 * outlets (a new headline, a byline, a paragraph cut or added). Each text becomes the set of
 * its word 5-shingles (five consecutive words, lower-cased, hashed to 32 bits); two texts are
 * copies when the shingles they share cover at least `COPY_THRESHOLD` of the smaller set
 * (containment, so a cut-down copy still counts). Copies are grouped transitively, and a group
 * stands for one origin: the earliest-published document's. Candidate pairs come from an
 * inverted index over a sample of the shingles (those whose hash is 0 mod 4), so a case of
 * thousands of documents never compares all pairs. Pure; `scripts/eval-copies.mts` prints the
 * measured similarities that justify the threshold.
 */

/** Words per shingle. */
export const SHINGLE_WORDS = 5
/** Containment at or above which two texts are copies (see the module comment). */
export const COPY_THRESHOLD = 0.5
/** Texts with fewer shingles than this are never called copies (too short to tell). */
export const MIN_SHINGLES = 20

const WORD = /[\p{L}\p{N}]+/gu

function fnv(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The sorted, distinct hashes of `text`'s word shingles. */
export function shingles(text: string, k = SHINGLE_WORDS): Uint32Array {
  const words = text.toLowerCase().match(WORD) ?? []
  const out = new Set<number>()
  for (let i = 0; i + k <= words.length; i++) out.add(fnv(words.slice(i, i + k).join(' ')))
  return Uint32Array.from(out).sort()
}

function shared(a: Uint32Array, b: Uint32Array): number {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      n++
      i++
      j++
    } else if (a[i]! < b[j]!) i++
    else j++
  }
  return n
}

/** Shared shingles ÷ the smaller set's size (0 when either is empty). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const small = Math.min(a.length, b.length)
  return small === 0 ? 0 : shared(a, b) / small
}

/** Shared shingles ÷ shingles in either (0 when both are empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const n = shared(a, b)
  const union = a.length + b.length - n
  return union === 0 ? 0 : n / union
}

/** A document as copy detection needs it. */
export interface CopyInput {
  id: string
  shingles: Uint32Array
  publishedAt?: number | undefined
  importedAt: number
}

/**
 * The copy groups of `docs`: for every document that has a copy, the id of its group's
 * original (earliest published, then earliest imported, then smallest id). Documents without
 * copies are not in the map.
 */
export function copyGroups(
  docs: readonly CopyInput[],
  threshold = COPY_THRESHOLD,
): Map<string, string> {
  const parent = docs.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!
    return i
  }
  const index = new Map<number, number[]>()
  const seen = new Map<number, number>()
  docs.forEach((doc, i) => {
    if (doc.shingles.length < MIN_SHINGLES) return
    seen.clear()
    for (const h of doc.shingles) {
      if (h % 4 !== 0) continue
      const list = index.get(h)
      if (list) for (const j of list) seen.set(j, (seen.get(j) ?? 0) + 1)
    }
    for (const [j, hits] of seen) {
      // A copy shares about a quarter of the smaller set's shingles in the sample.
      const small = Math.min(doc.shingles.length, docs[j]!.shingles.length)
      if (hits < Math.max(1, (small * threshold) / 8)) continue
      if (find(i) === find(j)) continue
      if (containment(doc.shingles, docs[j]!.shingles) >= threshold) parent[find(i)] = find(j)
    }
    for (const h of doc.shingles) {
      if (h % 4 !== 0) continue
      const list = index.get(h)
      if (list) list.push(i)
      else index.set(h, [i])
    }
  })
  const groups = new Map<number, number[]>()
  docs.forEach((_, i) => {
    const r = find(i)
    groups.set(r, [...(groups.get(r) ?? []), i])
  })
  const out = new Map<string, string>()
  for (const members of groups.values()) {
    if (members.length < 2) continue
    const first = members
      .map((i) => docs[i]!)
      .sort(
        (a, b) =>
          (a.publishedAt ?? Infinity) - (b.publishedAt ?? Infinity) ||
          a.importedAt - b.importedAt ||
          (a.id < b.id ? -1 : 1),
      )[0]!
    for (const i of members) out.set(docs[i]!.id, first.id)
  }
  return out
}
