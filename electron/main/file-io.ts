/**
 * File reads and writes for the IPC handlers: remembering the files the user picked (by a
 * random id, per window, with the size and modification time they had then and the cap of
 * what they were picked for) so that each can be read on its own when the importer reaches
 * it, reading one whole with a size cap (an over-size file is never read into memory, even if
 * it grows after it was chosen), reading one in chunks through a file handle (a backup to
 * restore, refused as changed if it is no longer the file that was picked), and
 * saving atomically (a temporary file in the same folder, flushed, then renamed over the
 * target) so that a crash or a full disk never leaves a half-written backup in its place.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { PickedFile } from '../contract'

/**
 * A chosen file as `readFileCapped` read it (or refused to read it). Exactly one of these
 * holds: `tooLarge` is true (over the cap: not read), `data` holds its bytes, or `readError`
 * says why it could not be read.
 */
export interface OpenedFile {
  name: string
  size: number
  /** MIME type guessed from the extension; empty when unknown. */
  type: string
  tooLarge: boolean
  data?: Uint8Array
  readError?: string
}

/** MIME types of the files Casefile imports or restores, by extension. */
const IMPORT_MIME_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.json': 'application/json',
}

/** The MIME type for a chosen file's name, or '' when the extension is not one we know. */
export function mimeForFileName(name: string): string {
  return IMPORT_MIME_TYPES[extname(name).toLowerCase()] ?? ''
}

/**
 * Reads the file at `path` unless it is larger than `maxBytes`. The size is taken from the
 * open handle and no more than that is ever read, so a file that grows past the cap after
 * it was chosen is refused rather than loaded. Never throws: a file that cannot be read
 * comes back with `readError`.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<OpenedFile> {
  const name = basename(path)
  const type = mimeForFileName(name)
  let handle
  try {
    // Checked by path first: opening a FIFO or device for reading could block forever.
    if (!(await stat(path)).isFile()) {
      return { name, size: 0, type, tooLarge: false, readError: 'Not a regular file.' }
    }
    handle = await open(path, 'r')
  } catch (e) {
    return { name, size: 0, type, tooLarge: false, readError: describe(e) }
  }
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) return { name, size, type, tooLarge: true }
    const buffer = new Uint8Array(size)
    const length = await readInto(handle, buffer)
    // One more byte tells whether the file grew after it was measured.
    const probe = await handle.read(new Uint8Array(1), 0, 1, length)
    if (probe.bytesRead > 0) {
      const grown = await handle.stat()
      if (grown.size > maxBytes) return { name, size: grown.size, type, tooLarge: true }
      return { name, size: grown.size, type, tooLarge: false, readError: CHANGED }
    }
    const data = length === buffer.byteLength ? buffer : buffer.slice(0, length)
    return { name, size: length, type, tooLarge: false, data }
  } catch (e) {
    return { name, size: 0, type, tooLarge: false, readError: describe(e) }
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** What a picked file looked like when it was picked: chunks are read only while it still does. */
export interface FileStamp {
  size: number
  mtimeMs: number
}

/**
 * What `files:pick` tells the renderer about a chosen file, without reading it: its name,
 * size and type, whether it is over the cap, or why it cannot be read at all; and, for a
 * regular file, its stamp (kept in the main process). Never throws.
 */
export async function describePicked(
  path: string,
  maxBytes: number,
): Promise<{ file: Omit<PickedFile, 'id'>; stamp?: FileStamp }> {
  const name = basename(path)
  const type = mimeForFileName(name)
  try {
    const info = await stat(path)
    if (!info.isFile())
      return { file: { name, size: 0, type, tooLarge: false, readError: 'Not a regular file.' } }
    return {
      file: { name, size: info.size, type, tooLarge: info.size > maxBytes },
      stamp: { size: info.size, mtimeMs: info.mtimeMs },
    }
  } catch (e) {
    return { file: { name, size: 0, type, tooLarge: false, readError: describe(e) } }
  }
}

/** A picked file as the registry remembers it. */
export interface PickedEntry {
  path: string
  /** The webContents id of the window whose dialog chose it. */
  owner: number
  /** Its size and modification time when it was picked; absent if it could not be read then. */
  stamp?: FileStamp
  /** The cap of what it was picked for (`MAX_IMPORT_BYTES` or `MAX_RESTORE_BYTES`). */
  maxBytes: number
}

/**
 * The files the user picked, by the random id `files:pick` gave each, and the window
 * (webContents id) that picked it: `files:read` and `files:readChunk` read only a path the
 * user chose in that window's dialog, never one the renderer names. Holds at most `limit`
 * entries, forgetting the oldest first (an import of that many files reads them long before).
 */
export class PickedFiles {
  private entries = new Map<string, PickedEntry>()
  constructor(private readonly limit = 20_000) {}

  /**
   * Registers `path`, picked in window `owner` (with its stamp and its purpose's cap when
   * known); returns its id.
   */
  add(
    path: string,
    owner: number,
    facts: { stamp?: FileStamp; maxBytes: number } = { maxBytes: 0 },
  ): string {
    const id = randomUUID()
    this.entries.set(id, { path, owner, ...facts })
    while (this.entries.size > this.limit) {
      this.entries.delete(this.entries.keys().next().value!)
    }
    return id
  }

  /** The path of `id` if window `owner` picked it. */
  pathOf(id: string, owner: number): string | undefined {
    return this.entryOf(id, owner)?.path
  }

  /** Everything remembered about `id` if window `owner` picked it. */
  entryOf(id: string, owner: number): PickedEntry | undefined {
    const entry = this.entries.get(id)
    return entry && entry.owner === owner ? entry : undefined
  }

  /** How many files are remembered. */
  get size(): number {
    return this.entries.size
  }
}

/**
 * Writes `data` to `path` atomically: the bytes go to a temporary file beside the target,
 * are flushed to disk, and the temporary file is then renamed over the target (a rename
 * within one folder is atomic on the file systems we support). On failure the temporary
 * file is removed and the original target, if any, is untouched.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', 0o644)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw e
  }
  await syncDirectory(dirname(path))
}

/** Flushes a folder entry so the rename survives a power cut; not possible on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // The file is already in place; a folder that cannot be flushed is not worth failing on.
  }
}

/** The outcome of `readChunk`: the bytes, or why not (a contract error code and a message). */
export type ChunkRead = { data: Uint8Array } | { code: ChunkErrorCode; message: string }

/** The ways `readChunk` refuses, as contract error codes. */
export type ChunkErrorCode = 'FILE_CHANGED' | 'OUT_OF_RANGE' | 'READ_FAILED'

/**
 * Reads up to `length` bytes of the file at `path` from `offset`, through a file handle (never
 * the whole file), provided it is still the file that was picked: the same size and
 * modification time as `stamp`, before and after the read, or FILE_CHANGED (a file that grows
 * or shrinks during a restore would otherwise splice two versions together). Fewer bytes come
 * back only at the end of the file; an offset past the end is OUT_OF_RANGE. Never throws.
 */
export async function readChunk(
  path: string,
  stamp: FileStamp,
  offset: number,
  length: number,
): Promise<ChunkRead> {
  const changed = { code: 'FILE_CHANGED', message: CHANGED_SINCE_PICKED } as const
  let handle
  try {
    // Checked by path first: opening a FIFO or device for reading could block forever.
    if (!(await stat(path)).isFile()) return { code: 'READ_FAILED', message: 'Not a regular file.' }
    handle = await open(path, 'r')
  } catch (e) {
    return { code: 'READ_FAILED', message: describe(e) }
  }
  try {
    if (!sameStamp(await handle.stat(), stamp)) return changed
    if (offset > stamp.size) {
      return {
        code: 'OUT_OF_RANGE',
        message: `Offset ${offset} is past the end of the file (${stamp.size} bytes).`,
      }
    }
    const buffer = new Uint8Array(Math.min(length, stamp.size - offset))
    const read = await readInto(handle, buffer, offset)
    // A short read or a new stamp: the file changed while this chunk was read.
    if (read < buffer.byteLength || !sameStamp(await handle.stat(), stamp)) return changed
    return { data: buffer }
  } catch (e) {
    return { code: 'READ_FAILED', message: describe(e) }
  } finally {
    await handle.close().catch(() => undefined)
  }
}

function sameStamp(info: FileStamp, stamp: FileStamp): boolean {
  return info.size === stamp.size && info.mtimeMs === stamp.mtimeMs
}

const CHANGED = 'The file changed while it was being read; try again.'
const CHANGED_SINCE_PICKED = 'The file changed after it was chosen; choose it again.'

/** Fills `buffer` from `position` in the file until it is full or the file ends. */
async function readInto(handle: FileHandle, buffer: Uint8Array, position = 0): Promise<number> {
  let length = 0
  while (length < buffer.byteLength) {
    const { bytesRead } = await handle.read(
      buffer,
      length,
      buffer.byteLength - length,
      position + length,
    )
    if (bytesRead === 0) break
    length += bytesRead
  }
  return length
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return 'The file no longer exists.'
  if (code === 'EACCES' || code === 'EPERM') return 'Casefile is not allowed to read this file.'
  if (code === 'EISDIR') return 'Not a regular file.'
  return e instanceof Error ? e.message : String(e)
}
