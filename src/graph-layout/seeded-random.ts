/**
 * The seeded random numbers behind the layout's starting positions and the synthetic test
 * graphs. Its own module so that code needing only random numbers (the synthetic graph,
 * the benchmark page) does not pull graphology in with the layout.
 */

/**
 * A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1): the same
 * seed gives the same sequence, which is what makes layouts repeatable.
 */
export function seededRandom(seed: number): () => number {
  let state = Math.floor(Number.isFinite(seed) ? seed : 1) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
