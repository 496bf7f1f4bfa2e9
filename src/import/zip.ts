/**
 * Just enough of the ZIP format to look inside a DOCX without a ZIP library: list the
 * entries from the central directory (to tell a Word document from other ZIP packages) and
 * read one small entry (docProps/core.xml, for the title and author). Inflation uses the
 * platform's `DecompressionStream('deflate-raw')`, present in Chromium, Electron and Node 20.
 * Every offset is bounds-checked, and reads are capped, because the file is untrusted.
 */

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
