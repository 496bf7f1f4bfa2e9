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
