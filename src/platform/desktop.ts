/**
 * The desktop `Platform`: a thin adapter over `window.casefile`, the API the preload
 * exposes (see electron/contract.ts). It unwraps each `Result` into a value or a
 * `PlatformError`, turns the files the main process read into `SourceFile`s, and checks
 * menu commands against the contract before passing them on.
 */
import {
  MenuCommandEventSchema,
  type CasefileApi,
  type MenuCommand as ContractMenuCommand,
  type OpenedFile,
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

/** A `SourceFile` over a file the main process has already read (or refused to read). */
export function toSourceFile(file: OpenedFile): SourceFile {
  const { name, size, type, tooLarge, data, readError } = file
  return {
    name,
    size,
    type,
    tooLarge,
    read: async () => {
      if (tooLarge) throw new TooLargeError(name, size)
      if (!data) throw new Error(readError ?? `“${name}” could not be read.`)
      // A fresh copy each time: a caller may transfer the buffer to a worker, detaching it.
      return new Uint8Array(data).buffer
    },
  }
}

/** The `Platform` backed by the preload's `api`. */
export function createDesktopPlatform(api: CasefileApi): Platform {
  return {
    shell: 'desktop',
    async openFiles({ title, extensions, multiple }) {
      return unwrap(await api.openFiles({ title, extensions, multiple })).map(toSourceFile)
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
