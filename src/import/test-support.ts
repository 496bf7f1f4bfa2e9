/**
 * Helpers for the import tests: reading the fixture files and making `SourceFile`s from
 * bytes. Imported only by tests. The tests run in Node, but src/ is type-checked without
 * Node's types (renderer code must not use them), so `fs` and `crypto` are fetched at run
 * time with `process.getBuiltinModule` instead of being imported.
 */
import type { SourceFile } from '../platform/platform'

interface NodeFs {
  readFileSync(path: string): Uint8Array
  readdirSync(path: string): string[]
}
interface NodeUrl {
  fileURLToPath(url: string): string
}
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(data: Uint8Array): { digest(enc: 'hex'): string } }
}
interface NodeProcess {
  getBuiltinModule(id: 'node:fs'): NodeFs
  getBuiltinModule(id: 'node:crypto'): NodeCrypto
  getBuiltinModule(id: 'node:url'): NodeUrl
}

const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process
const fs = nodeProcess.getBuiltinModule('node:fs')
// Not `new URL('./fixtures/', import.meta.url)`: Vite rewrites that pattern to a server URL.
const FIXTURES = nodeProcess
  .getBuiltinModule('node:url')
  .fileURLToPath(import.meta.url.replace(/[^/]*$/, 'fixtures/'))

/** The bytes of `fixtures/<path>`. */
export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(FIXTURES + path))
}

/** Every fixture file as "good/name" or "bad/name", sorted. */
export function listFixtures(): string[] {
  return ['good', 'bad'].flatMap((dir) =>
    fs
      .readdirSync(FIXTURES + dir)
      .sort()
      .map((name) => `${dir}/${name}`),
  )
}

/** SHA-256 of UTF-8 `text` by Node's own implementation, to check ours against. */
export function nodeSha256(text: string): string {
  const crypto = nodeProcess.getBuiltinModule('node:crypto')
  return crypto.createHash('sha256').update(new TextEncoder().encode(text)).digest('hex')
}

/** A `SourceFile` over `bytes`; every read returns a fresh copy (pdf.js detaches its input). */
export function fakeFile(
  name: string,
  bytes: Uint8Array,
  overrides: Partial<SourceFile> & { tooLarge?: boolean } = {},
): SourceFile & { reads: number } {
  const file = {
    name,
    size: bytes.length,
    type: '',
    reads: 0,
    read: async () => {
      file.reads++
      return bytes.slice().buffer
    },
    ...overrides,
  }
  return file
}

/** A `SourceFile` for `fixtures/<path>`. */
export function fixtureFile(path: string): SourceFile & { reads: number } {
  return fakeFile(path.split('/').pop()!, fixtureBytes(path))
}

/** One file of a ZIP made by `makeZip`. */
export interface ZipInput {
  name: string
  data: Uint8Array | string
  /** The uncompressed size to declare (default: the true size); a bomb lies here. */
  declaredSize?: number
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** A ZIP archive of `files`, each deflated (tests build DOCX packages and bombs with it). */
export async function makeZip(files: ZipInput[]): Promise<Uint8Array> {
  const local: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const file of files) {
    const raw = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data
    const data = await deflateRaw(raw)
    const name = new TextEncoder().encode(file.name)
    const crc = crc32(raw)
    const size = file.declaredSize ?? raw.length
    const head = new Uint8Array(30 + name.length)
    const h = new DataView(head.buffer)
    h.setUint32(0, 0x04034b50, true)
    h.setUint16(4, 20, true)
    h.setUint16(8, 8, true)
    h.setUint32(14, crc, true)
    h.setUint32(18, data.length, true)
    h.setUint32(22, size, true)
    h.setUint16(26, name.length, true)
    head.set(name, 30)
    const dir = new Uint8Array(46 + name.length)
    const d = new DataView(dir.buffer)
    d.setUint32(0, 0x02014b50, true)
    d.setUint16(4, 20, true)
    d.setUint16(6, 20, true)
    d.setUint16(10, 8, true)
    d.setUint32(16, crc, true)
    d.setUint32(20, data.length, true)
    d.setUint32(24, size, true)
    d.setUint16(28, name.length, true)
    d.setUint32(42, offset, true)
    dir.set(name, 46)
    local.push(head, data)
    central.push(dir)
    offset += head.length + data.length
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0)
  const end = new Uint8Array(22)
  const e = new DataView(end.buffer)
  e.setUint32(0, 0x06054b50, true)
  e.setUint16(8, files.length, true)
  e.setUint16(10, files.length, true)
  e.setUint32(12, dirSize, true)
  e.setUint32(16, offset, true)
  const parts = [...local, ...central, end]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/**
 * A minimal Word package: `body` is the XML inside `<w:body>`; `comments` (optional) the XML
 * inside `<w:comments>`. Extra files (e.g. a bomb part) can be added.
 */
export function makeDocx(body: string, comments?: string, extra: ZipInput[] = []) {
  const files: ZipInput[] = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${comments === undefined ? '' : `<Relationship Id="rId9" Type="${R}/comments" Target="comments.xml"/>`}</Relationships>`,
    },
    ...(comments === undefined
      ? []
      : [
          {
            name: 'word/comments.xml',
            data: `<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="${W}">${comments}</w:comments>`,
          },
        ]),
    ...extra,
  ]
  return makeZip(files)
}
