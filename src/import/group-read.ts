/**
 * Reads an import's small files several at a time. Where the platform hands the import a
 * Blob for each file (a browser's `File`), a run of consecutive small files is read through
 * one composite Blob — one read, one data pipe from the browser's blob store — and each file
 * is handed its own slice of the bytes. One read per file cost the browser process and the
 * window's main thread a round trip each: at 10,000 files of 2 KB, reading them one by one
 * took 8.1 s of Chromium's CPU, in groups of 64 2.4 s (issue 17). A group that cannot be read
 * whole (a file gone or changed since it was picked: the bytes read are not the sizes added
 * up) is never trusted: each of its files is then read alone, and fails alone, as before.
 */
import type { SourceFile } from '../platform/platform'

/** How many files one composite read takes at most. */
export const READ_GROUP_FILES = 64
/** How many bytes one composite read takes at most. */
export const READ_GROUP_BYTES = 2 * 1024 * 1024

/** Hands out an import's files, reading eligible ones in groups (see the module comment). */
export interface GroupReader {
  /**
   * File `index` of the import, whose `read()` resolves to its bytes from a group read when
   * it was (or now is) read in one, else reads the file alone. Take each file once, in order.
   */
  take(index: number): SourceFile
}

/**
 * A `GroupReader` over `files`: a file is read in a group when `eligible` says so and it has
 * a `blob`, with the eligible files that follow it (at most `READ_GROUP_FILES` of them and
 * `READ_GROUP_BYTES` together); halfway through a group the next one is read. Memory holds
 * at most two groups.
 */
export function groupReader(
  files: readonly SourceFile[],
  eligible: (file: SourceFile) => boolean,
): GroupReader {
  const pending = new Map<number, Promise<ArrayBuffer | undefined>>()
  // The file after the last group read so far.
  let frontier = 0

  const readGroup = (from: number) => {
    const members: { index: number; blob: Blob }[] = []
    let bytes = 0
    for (let i = from; i < files.length && members.length < READ_GROUP_FILES; i++) {
      const file = files[i]!
      const blob = file.blob
      if (!blob || !eligible(file) || bytes + blob.size > READ_GROUP_BYTES) break
      members.push({ index: i, blob })
      bytes += blob.size
    }
    if (members.length < 2) return
    frontier = members.at(-1)!.index + 1
    const whole = new Blob(members.map((m) => m.blob)).arrayBuffer().then(
      (buffer) => (buffer.byteLength === bytes ? buffer : undefined),
      () => undefined,
    )
    let offset = 0
    for (const { index, blob } of members) {
      const start = offset
      offset += blob.size
      pending.set(
        index,
        whole.then((buffer) => buffer?.slice(start, start + blob.size)),
      )
    }
  }

  return {
    take(index) {
      const file = files[index]!
      if (!pending.has(index) && file.blob && eligible(file)) readGroup(index)
      const grouped = pending.get(index)
      if (!grouped) return file
      pending.delete(index)
      // Halfway through a group, the next one is asked for: its read overlaps the extraction
      // of this one's files instead of stalling the import at every group's start.
      if (frontier - index <= READ_GROUP_FILES / 2 && frontier < files.length) {
        const after = files[frontier]!
        if (!pending.has(frontier) && after.blob && eligible(after)) readGroup(frontier)
      }
      let once: Promise<ArrayBuffer | undefined> | undefined = grouped
      return {
        ...file,
        read: async () => {
          const bytes = once
          once = undefined
          return (bytes && (await bytes)) ?? file.read()
        },
      }
    },
  }
}
