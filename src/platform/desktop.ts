/**
 * The desktop `Platform`: a thin adapter over `window.casefile`, the API the preload
 * exposes (see electron/contract.ts). It unwraps each `Result` into a value or a
 * `PlatformError`, turns the files the user picked into `SourceFile`s that read one file per
 * call when the importer reaches them, and checks
 * menu commands against the contract before passing them on.
 */
import {
  MenuCommandEventSchema,
  type CasefileApi,
  type MenuCommand as ContractMenuCommand,
  type PickedFile,
  type Result,
} from '../../electron/contract'
import { PlatformError, TooLargeError } from './errors'
import type { MenuCommand, Platform, SourceFile } from './platform'

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

const menuCommand = MenuCommandEventSchema.shape.command

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new PlatformError(result.error.code, result.error.message)
}

/**
 * A `SourceFile` over a file the user picked in the main process's dialog. It is read only
 * when `read()` is called — through `files:read`, one file per call — so an import of many
 * files holds one file's bytes at a time.
 */
export function toSourceFile(file: PickedFile, api: Pick<CasefileApi, 'readFile'>): SourceFile {
  const { id, name, size, type, tooLarge, readError } = file
  return {
    name,
    size,
    type,
    tooLarge,
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
    async openFiles({ title, extensions, multiple }) {
      const picked = unwrap(await api.pickFiles({ title, extensions, multiple }))
      return picked.map((file) => toSourceFile(file, api))
    },
    async saveFile({ title, suggestedName, mime, data }) {
      return unwrap(await api.saveFile({ title, suggestedName, mime, data })).saved
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
        const parsed = menuCommand.safeParse(command)
        if (parsed.success) listener(parsed.data)
      })
    },
  }
}
