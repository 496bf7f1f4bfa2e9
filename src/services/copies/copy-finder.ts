/**
 * Near-identical copies among a case's documents (domain/text-copies.ts), worked out where
 * the texts are read: each text's shingles are made once and remembered by the text's hash
 * (a text never changes), and every run forgets those of documents no longer given, so what
 * is kept follows the open case (and a deleted document's shingles go with it). At 100,000
 * documents the texts are ~200 MB and their shingles ~20 s of CPU: `CopyFinder` runs in the
 * copies worker (`copies.worker.ts`), never on the window's main thread; texts are read in
 * slices of `READ_SLICE`, so no read holds more than a slice of them.
 */
import { copyGroups, shingles } from '../../domain/text-copies'

/** What copy detection needs of a document (no text: the finder reads it). */
export interface CopyDoc {
  id: string
  textHash: string
  publishedAt?: number | undefined
  importedAt: number
}

/** Reads the texts of documents by id (undefined where a document has none). */
export type ReadTexts = (ids: string[]) => Promise<(string | undefined)[]>

/** Texts read at once. */
export const READ_SLICE = 500

/** See the module comment. */
export class CopyFinder {
  private readonly byHash = new Map<string, Uint32Array>()
  /** Texts read and shingled since the finder was made (for tests and the bench). */
  textsRead = 0

  constructor(private readonly readTexts: ReadTexts) {}

  /** The copy groups of `docs` as [document id, original's id] pairs (see `copyGroups`). */
  async find(docs: readonly CopyDoc[]): Promise<[string, string][]> {
    const missing = docs.filter((d) => !this.byHash.has(d.textHash))
    for (let at = 0; at < missing.length; at += READ_SLICE) {
      const slice = missing.slice(at, at + READ_SLICE)
      const texts = await this.readTexts(slice.map((d) => d.id))
      slice.forEach((d, i) => {
        const text = texts[i]
        if (text !== undefined) this.byHash.set(d.textHash, shingles(text))
      })
      this.textsRead += slice.length
    }
    const wanted = new Set(docs.map((d) => d.textHash))
    for (const hash of this.byHash.keys()) if (!wanted.has(hash)) this.byHash.delete(hash)
    const groups = copyGroups(
      docs.flatMap((d) => {
        const s = this.byHash.get(d.textHash)
        return s
          ? [{ id: d.id, shingles: s, publishedAt: d.publishedAt, importedAt: d.importedAt }]
          : []
      }),
    )
    return [...groups]
  }

  /** How many texts' shingles are kept. */
  get kept(): number {
    return this.byHash.size
  }
}
