/**
 * Just enough of the ZIP format to look inside a DOCX without a ZIP library: list the
 * entries from the central directory (to tell a Word document from other ZIP packages) and
 * read one small entry (docProps/core.xml, for the title and author). Inflation uses the
 * platform's `DecompressionStream('deflate-raw')`, present in Chromium, Electron and Node 20.
 * Every offset is bounds-checked, and reads are capped, because the file is untrusted.
 * `measureUnpacked` inflates every entry without keeping its output, counting the bytes that
 * really come out (a ZIP's declared sizes are only claims), so that a "ZIP bomb" is refused
 * before a library unpacks it in memory.
 */
import { cancelledFailure, ImportFailure } from './extract-types'

/** One file inside a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; others are not supported by `readZipEntryText`. */
  method: number
  compressedSize: number
  size: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** True when `bytes` start like a ZIP archive (a local file header or an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)
}

/** The entries of a ZIP archive, or `undefined` when its central directory is unreadable. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const min = Math.max(0, bytes.length - 22 - 0xffff)
  let end = -1
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i
      break
    }
  }
  if (end < 0) return undefined
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const entries: ZipEntry[] = []
  const names = new TextDecoder('utf-8')
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return undefined
    const nameLength = view.getUint16(at + 28, true)
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    if (at + 46 + nameLength > bytes.length) return undefined
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    })
    at += 46 + skip
  }
  return entries
}

/**
 * The UTF-8 text of one entry, or `undefined` when it cannot be read (damaged, encrypted,
 * unsupported compression, or longer than `maxBytes` once inflated).
 */
export async function readZipEntryText(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes = 1024 * 1024,
): Promise<string | undefined> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) return undefined
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  const data = bytes.subarray(start, start + entry.compressedSize)
  if (data.length !== entry.compressedSize) return undefined
  if (entry.method === 0) {
    return data.length <= maxBytes ? new TextDecoder().decode(data) : undefined
  }
  if (entry.method !== 8) return undefined
  try {
    const inflate = new DecompressionStream('deflate-raw')
    const writer = inflate.writable.getWriter()
    // Not awaited: the writes complete only as the output below is read. A damaged stream
    // rejects them and the read alike; the read's rejection is the one handled.
    writer.write(data.slice()).catch(() => undefined)
    writer.close().catch(() => undefined)
    const reader = inflate.readable.getReader()
    const chunks: Uint8Array[] = []
    let total = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > maxBytes) {
        await reader.cancel()
        return undefined
      }
      chunks.push(value)
    }
    const out = new Uint8Array(total)
    let offset = 0
    for (const c of chunks) {
      out.set(c, offset)
      offset += c.length
    }
    return new TextDecoder().decode(out)
  } catch {
    return undefined
  }
}

// Compressed bytes fed to the inflater at a time. Deflate expands at most ~1,032-fold, so
// the output waiting to be counted stays under ~4 MB whatever the archive holds.
const INFLATE_SLICE = 4096

/**
 * Inflates `data` (raw deflate) and counts the bytes that come out, stopping as soon as
 * they exceed `limit`. Returns the count, or `Infinity` when it stopped over the limit.
 * Throws when the stream is damaged. Nothing inflated is kept.
 */
export async function countInflated(
  data: Uint8Array,
  limit: number,
  signal?: AbortSignal,
): Promise<number> {
  const stream = new DecompressionStream('deflate-raw')
  const writer = stream.writable.getWriter()
  const reader = stream.readable.getReader()
  let total = 0
  let over = false
  let failure: unknown
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      total += value.length
      if (total > limit) {
        over = true
        await reader.cancel()
        return
      }
    }
  })().catch((error: unknown) => {
    failure ??= error
  })
  try {
    for (let at = 0; at < data.length && !over && failure === undefined; at += INFLATE_SLICE) {
      if (signal?.aborted) {
        await reader.cancel().catch(() => undefined)
        throw cancelledFailure()
      }
      await writer.write(data.slice(at, at + INFLATE_SLICE))
    }
    if (!over && failure === undefined) await writer.close()
  } catch (error) {
    if (error instanceof ImportFailure) throw error
    // Cancelling the output (over the limit) or a damaged stream rejects the writes too.
    failure ??= error
  }
  await reading
  if (over) return Infinity
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure))
  return total
}

/** The largest total a package of `fileSize` bytes may unpack to (see `unpackLimit`). */
export const MAX_UNPACKED_TOTAL = 200 * 1024 * 1024
/** A small package may always unpack to this much. */
export const MIN_UNPACKED_ALLOWANCE = 16 * 1024 * 1024
/** How many times its own size a package may unpack to. */
export const MAX_UNPACK_RATIO = 100

/**
 * The most a ZIP package of `fileSize` bytes may unpack to: 100 times its size, at least
 * 16 MB and at most 200 MB. Word's XML parts compress about 5–20-fold and its images not at
 * all, so a real document stays far below 100-fold; the 16 MB floor lets a tiny document
 * with very repetitive text through (16 MB of XML is harmless), and the 200 MB ceiling keeps
 * what the parser then holds (the XML, its tree and the HTML made from it, several times
 * the unpacked size) within what a renderer can afford.
 */
export function unpackLimit(fileSize: number): number {
  return Math.min(MAX_UNPACKED_TOTAL, Math.max(MIN_UNPACKED_ALLOWANCE, MAX_UNPACK_RATIO * fileSize))
}

/**
 * Counts what every entry of a ZIP archive really unpacks to, inflating each and keeping
 * nothing. Returns the total, or throws `TOO_LARGE` as soon as it passes `limit` and
 * `PARSE_FAILED` for an entry that cannot be read (damaged, ZIP64, unknown compression).
 */
export async function measureUnpacked(
  bytes: Uint8Array,
  limit: number,
  signal?: AbortSignal,
): Promise<number> {
  const entries = listZipEntries(bytes)
  const damaged = (detail: string) =>
    new ImportFailure(
      'PARSE_FAILED',
      `This package is damaged and cannot be read (${detail}). Open it in the program that made it, save it again and import the new copy.`,
    )
  if (!entries) throw damaged('its table of contents is unreadable')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let total = 0
  for (const entry of entries) {
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff) {
      throw damaged(`“${entry.name}” is stored in the ZIP64 format`)
    }
    const at = entry.localHeaderOffset
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
      throw damaged(`“${entry.name}” is missing`)
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
    const data = bytes.subarray(start, start + entry.compressedSize)
    if (data.length !== entry.compressedSize) throw damaged(`“${entry.name}” is cut short`)
    let size: number
    if (entry.method === 0) size = data.length
    else if (entry.method === 8) {
      try {
        size = await countInflated(data, limit - total, signal)
      } catch (error) {
        if (error instanceof ImportFailure) throw error
        throw damaged(`“${entry.name}” does not inflate`)
      }
    } else throw damaged(`“${entry.name}” uses an unsupported compression method`)
    total += size
    if (total > limit) {
      throw new ImportFailure(
        'TOO_LARGE',
        `This file unpacks to more than ${Math.round(limit / 1048576)} MB (${MAX_UNPACK_RATIO} times its own size, at most ${MAX_UNPACKED_TOTAL / 1048576} MB), more than any real document. It may be damaged or hostile (a “ZIP bomb”); it was not read.`,
      )
    }
  }
  return total
}
