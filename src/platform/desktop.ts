/**
 * The desktop `Platform`: a thin adapter over `window.casefile`, the API the preload
 * exposes (see electron/contract.ts). It unwraps each `Result` into a value or a
 * `PlatformError`, turns the files the user picked into `SourceFile`s that read one file per
 * call when the importer reaches them (and a backup to restore, in chunks of at most 4 MiB
 * through `files:readChunk`, as a `ReadableStream`), and checks
 * menu commands against the contract before passing them on.
 */
import {
  MAX_CHUNK_BYTES,
  MAX_RESTORE_BYTES,
  isMenuCommand,
  type CasefileApi,
  type MenuCommand as ContractMenuCommand,
  type PickedFile,
  type PickPurpose,
  type Result,
} from '../../electron/contract'
import { PlatformError, TooLargeError } from './errors'
import type { MenuCommand, Platform, SourceFile, TeamServerStatus } from './platform'

declare global {
  interface Window {
    /** The preload's API; undefined in a plain browser. */
    readonly casefile?: CasefileApi
  }
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
// Fails to compile if the contract's menu commands and the platform's drift apart.
type _MenuCommandsMatch = Assert<Same<MenuCommand, ContractMenuCommand>>

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new PlatformError(result.error.code, result.error.message)
}

/**
 * The picked file's bytes as a stream of chunks read through `files:readChunk`, in order, one
 * IPC call of at most `chunkBytes` each (pulled as the reader asks, one chunk ahead), so no
 * more than two chunks are in memory whatever the file's size. The stream errors with a
 * `PlatformError` carrying the contract's code when main refuses a chunk (FILE_CHANGED when
 * the file changed after it was picked, TOO_LARGE over the backup cap) or answers short.
 */
export function readChunks(
  file: PickedFile,
  api: Pick<CasefileApi, 'readChunk'>,
  chunkBytes = MAX_CHUNK_BYTES,
): ReadableStream<Uint8Array> {
  const { id, name, size, tooLarge, readError } = file
  let offset = 0
  return new ReadableStream<Uint8Array>({
    // Async, so that a refusal errors the stream rather than throwing from its constructor.
    async start() {
      if (tooLarge) {
        throw new PlatformError(
          'TOO_LARGE',
          `“${name}” is over the ${MAX_RESTORE_BYTES / (1024 * 1024)} MB a backup can be (${size} bytes).`,
        )
      }
      if (readError) throw new PlatformError('READ_FAILED', readError)
    },
    async pull(controller) {
      if (offset >= size) {
        controller.close()
        return
      }
      const length = Math.min(chunkBytes, size - offset)
      const result = await api.readChunk({ id, offset, length })
      if (!result.ok) throw new PlatformError(result.error.code, result.error.message)
      const data = result.value.data
      // Main reads short only at the end of the file, which `size` says is not here yet.
      if (data.byteLength !== length) {
        throw new PlatformError(
          'FILE_CHANGED',
          `“${name}” changed while it was being read; choose it again.`,
        )
      }
      offset += length
      controller.enqueue(data)
      if (offset >= size) controller.close()
    },
  })
}

/**
 * A `SourceFile` over a file the user picked in the main process's dialog. It is read only
 * when `read()` is called — through `files:read`, one file per call — so an import of many
 * files holds one file's bytes at a time. A file picked as a `backup` also has `stream()`
 * (see `readChunks`), which the restore uses whatever the file's size.
 */
export function toSourceFile(
  file: PickedFile,
  api: Pick<CasefileApi, 'readFile' | 'readChunk'>,
  purpose: PickPurpose = 'import',
): SourceFile {
  const { id, name, size, type, tooLarge, readError } = file
  return {
    name,
    size,
    type,
    tooLarge,
    ...(purpose === 'backup' ? { stream: () => readChunks(file, api) } : {}),
    read: async () => {
      if (tooLarge) throw new TooLargeError(name, size)
      if (readError) throw new Error(readError)
      const result = await api.readFile({ id })
      if (!result.ok) {
        if (result.error.code === 'TOO_LARGE') throw new TooLargeError(name, size)
        throw new PlatformError(result.error.code, result.error.message)
      }
      const data = result.value.data
      // An ArrayBuffer of exactly the file (IPC may hand over a view into a larger one).
      return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
        ? (data.buffer as ArrayBuffer)
        : (data.slice().buffer as ArrayBuffer)
    },
  }
}

/** The `Platform` backed by the preload's `api`. */
export function createDesktopPlatform(api: CasefileApi): Platform {
  return {
    shell: 'desktop',
    async openFiles({ title, extensions, multiple, purpose = 'import' }) {
      const picked = unwrap(await api.pickFiles({ title, extensions, multiple, purpose }))
      return picked.map((file) => toSourceFile(file, api, purpose))
    },
    async saveFile({ title, suggestedName, mime, data }) {
      // The main process takes the file as one buffer.
      const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data
      return unwrap(await api.saveFile({ title, suggestedName, mime, data: bytes })).saved
    },
    async printBriefing({ route, suggestedName, title }) {
      return unwrap(await api.printBriefing({ route, suggestedName, title })).saved
    },
    async appInfo() {
      return unwrap(await api.appInfo({}))
    },
    async openExternal(url) {
      unwrap(await api.openExternal({ url }))
    },
    onMenuCommand(listener) {
      return api.onMenuCommand((command) => {
        // What arrives over IPC is checked before use, as every inbound message is.
        if (isMenuCommand(command)) listener(command)
      })
    },
    async configureTeamServer(config): Promise<TeamServerStatus> {
      return unwrap(await api.configureTeamServer(config))
    },
    async teamServerStatus(): Promise<TeamServerStatus> {
      return unwrap(await api.teamServerStatus({}))
    },
    // The main process performs the request; its refusals come back as the answer's error.
    teamServerRequest: (request) => api.teamServerRequest(request),
  }
}
