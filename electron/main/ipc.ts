/**
 * The main process's IPC handlers, one per channel of the contract. Every call goes through
 * the same gate: the sender must be the app's own top-level page, the payload must pass its
 * zod schema, and the answer is always a `Result` — no handler throws across the bridge.
 * The operating-system calls (dialogs, the system browser, printing to PDF in a hidden
 * window) are passed in, so the handlers can be tested without Electron.
 */
import { extname, join } from 'node:path'
import { z } from 'zod'
import type {
  IpcMain,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
  WebContents,
} from 'electron'
import {
  IPC_ERRORS,
  MAX_IMPORT_BYTES,
  MAX_RESTORE_BYTES,
  fail,
  ok,
  printRoutePageSize,
  type AppInfoValue,
  type Handlers,
  type PickedFile,
  type InvokeChannel,
  type PayloadOf,
  type PrintPageSize,
  type Result,
  type ValueOf,
} from '../contract'
import { PAYLOAD_SCHEMAS } from '../contract-schemas'
import { describePicked, PickedFiles, readChunk, readFileCapped, writeFileAtomic } from './file-io'
import { isTrustedSender, normaliseExternalUrl } from './security'
import { TeamServerError, type TeamServerMain } from './taxii'

/** What the handlers need from Electron and the environment. */
export interface IpcDeps {
  showOpenDialog(owner: WebContents, options: OpenDialogOptions): Promise<OpenDialogReturnValue>
  showSaveDialog(owner: WebContents, options: SaveDialogOptions): Promise<SaveDialogReturnValue>
  /** `shell.openExternal`; only ever called with an allowed, normalised http(s) URL. */
  openExternal(url: string): Promise<void>
  appInfo(): AppInfoValue
  /**
   * Renders a briefing's print route to PDF (`printRouteToPdf` in print.ts, in a hidden
   * window of its own) and resolves to the PDF's bytes.
   */
  printToPdf(route: string, pageSize: PrintPageSize): Promise<Uint8Array>
  /** The folder the save dialog starts in. */
  defaultSaveFolder(): string
  /** The team server connection (electron/main/taxii.ts): the only code that reaches it. */
  teamServer: TeamServerMain
  /** The dev server's URL in development, whose pages are then also trusted. */
  devServerUrl?: string
  /** Overrides `MAX_IMPORT_BYTES` (tests). */
  maxImportBytes?: number
  /** Overrides `MAX_RESTORE_BYTES`, the cap on a file picked as a backup (tests). */
  maxRestoreBytes?: number
  /** The picked files `files:read` and `files:readChunk` may read; one registry by default. */
  pickedFiles?: PickedFiles
  /** Where unexpected failures are reported; defaults to console.error. */
  log?: (message: string, error: unknown) => void
}

/** A failure with a contract error code, thrown inside a handler and returned as a `Result`. */
export class IpcError extends Error {
  override name = 'IpcError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const defaultPickedFiles = new PickedFiles()

/** The channel implementations for one call, whose dialogs belong to `owner`'s window. */
export function createHandlers(deps: IpcDeps, owner: WebContents): Handlers {
  const maxBytes = deps.maxImportBytes ?? MAX_IMPORT_BYTES
  const maxRestoreBytes = deps.maxRestoreBytes ?? MAX_RESTORE_BYTES
  const picked = deps.pickedFiles ?? defaultPickedFiles
  return {
    'files:pick': async ({ title, extensions, multiple, purpose }) => {
      const cap = purpose === 'backup' ? maxRestoreBytes : maxBytes
      const { canceled, filePaths } = await deps.showOpenDialog(owner, {
        title,
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: [{ name: 'Supported files', extensions }],
      })
      if (canceled) return []
      // Nothing is read here: each file is read by `files:read` when the importer gets to it,
      // or in chunks by `files:readChunk` (a backup to restore).
      const files: PickedFile[] = []
      for (const path of multiple ? filePaths : filePaths.slice(0, 1)) {
        const { file, stamp } = await describePicked(path, cap)
        files.push({ id: picked.add(path, owner.id, { stamp, maxBytes: cap }), ...file })
      }
      return files
    },

    'files:read': async ({ id }) => {
      const path = picked.pathOf(id, owner.id)
      if (!path) {
        throw new IpcError(IPC_ERRORS.notPicked, 'That file was not chosen in this window.')
      }
      const file = await readFileCapped(path, maxBytes)
      if (file.tooLarge) {
        throw new IpcError(
          IPC_ERRORS.tooLarge,
          `The file is over the import limit (${file.size} bytes).`,
        )
      }
      if (!file.data) throw new IpcError(IPC_ERRORS.readFailed, file.readError ?? 'Unreadable.')
      return { data: file.data }
    },

    'files:readChunk': async ({ id, offset, length }) => {
      const entry = picked.entryOf(id, owner.id)
      if (!entry) {
        throw new IpcError(IPC_ERRORS.notPicked, 'That file was not chosen in this window.')
      }
      if (!entry.stamp) {
        throw new IpcError(IPC_ERRORS.readFailed, 'The file could not be read when it was chosen.')
      }
      // The cap of what it was picked for, by its size then: a file that grew since is
      // refused as changed by `readChunk`.
      if (entry.stamp.size > entry.maxBytes) {
        throw new IpcError(
          IPC_ERRORS.tooLarge,
          `The file is over the limit of what it was chosen for (${entry.stamp.size} bytes).`,
        )
      }
      const chunk = await readChunk(entry.path, entry.stamp, offset, length)
      if ('code' in chunk) throw new IpcError(chunk.code, chunk.message)
      return { data: chunk.data }
    },

    'file:save': async ({ title, suggestedName, data }) => {
      const extension = extname(suggestedName).slice(1)
      const { canceled, filePath } = await deps.showSaveDialog(owner, {
        title,
        defaultPath: join(deps.defaultSaveFolder(), suggestedName),
        filters: extension
          ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }]
          : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (canceled || !filePath) return { saved: false }
      try {
        await writeFileAtomic(filePath, data)
      } catch (e) {
        throw new IpcError(IPC_ERRORS.writeFailed, describeWriteError(e))
      }
      return { saved: true }
    },

    'app:info': async () => deps.appInfo(),

    'briefing:print': async ({ route, suggestedName, title }) => {
      const pageSize = printRoutePageSize(route)
      // The schema has checked the route already; this keeps the handler safe on its own.
      if (!pageSize) throw new IpcError(IPC_ERRORS.invalidPayload, 'Not a briefing print route.')
      const name = /\.pdf$/i.test(suggestedName) ? suggestedName : `${suggestedName}.pdf`
      const { canceled, filePath } = await deps.showSaveDialog(owner, {
        title,
        defaultPath: join(deps.defaultSaveFolder(), name),
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (canceled || !filePath) return { saved: false }
      let pdf: Uint8Array
      try {
        pdf = await deps.printToPdf(route, pageSize)
      } catch (e) {
        log(deps)('briefing:print could not render the briefing', e)
        const reason = e instanceof Error ? e.message : String(e)
        throw new IpcError(IPC_ERRORS.printFailed, `The briefing could not be printed: ${reason}`)
      }
      try {
        await writeFileAtomic(filePath, pdf)
      } catch (e) {
        throw new IpcError(IPC_ERRORS.writeFailed, describeWriteError(e))
      }
      return { saved: true }
    },

    'taxii:configure': (payload) => teamServerCall(() => deps.teamServer.configure(payload)),
    'taxii:status': () => teamServerCall(() => deps.teamServer.status()),
    'taxii:request': (payload) => teamServerCall(() => deps.teamServer.request(payload)),

    'link:open': async ({ url }) => {
      const allowed = normaliseExternalUrl(url)
      if (!allowed) {
        throw new IpcError(IPC_ERRORS.urlNotAllowed, 'Only http and https links can be opened.')
      }
      await deps.openExternal(allowed)
      return null
    },
  }
}

/** True when the call comes from the app's own page in its top-level frame. */
export function isTrustedEvent(event: IpcMainInvokeEvent, devServerUrl?: string): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && isTrustedSender(frame.url, devServerUrl)
}

/**
 * Runs one call on `channel`: checks the sender, validates `payload`, runs the handler and
 * wraps whatever happens in a `Result`.
 */
export async function handleCall<C extends InvokeChannel>(
  deps: IpcDeps,
  channel: C,
  event: IpcMainInvokeEvent,
  payload: unknown,
): Promise<Result<ValueOf<C>>> {
  try {
    if (!isTrustedEvent(event, deps.devServerUrl)) {
      return fail(IPC_ERRORS.untrustedSender, `${channel} was called from an untrusted page.`)
    }
    const parsed = PAYLOAD_SCHEMAS[channel].safeParse(payload)
    if (!parsed.success) {
      return fail(IPC_ERRORS.invalidPayload, `${channel}: ${z.prettifyError(parsed.error)}`)
    }
    // TypeScript cannot correlate Handlers[C] with PayloadOf<C> for a generic C.
    const run = createHandlers(deps, event.sender)[channel] as (
      payload: PayloadOf<C>,
    ) => Promise<ValueOf<C>>
    return ok(await run(parsed.data))
  } catch (e) {
    if (e instanceof IpcError) return fail(e.code, e.message)
    log(deps)(`${channel} failed`, e)
    return fail(IPC_ERRORS.internal, e instanceof Error ? e.message : String(e))
  }
}

/** Registers a handler on `ipcMain` for every channel of the contract. */
export function registerIpc(ipcMain: IpcMain, deps: IpcDeps): void {
  for (const channel of Object.keys(PAYLOAD_SCHEMAS) as InvokeChannel[]) {
    ipcMain.handle(channel, (event, payload: unknown) => handleCall(deps, channel, event, payload))
  }
}

/** Runs a team server call, passing its typed refusals on with their codes. */
async function teamServerCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof TeamServerError) throw new IpcError(e.code, e.message)
    throw e
  }
}

function log(deps: IpcDeps): (message: string, error: unknown) => void {
  return deps.log ?? ((m, err) => console.error(m, err))
}

function describeWriteError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'ENOSPC') return 'The disk is full.'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return 'Casefile is not allowed to write there; choose another folder.'
  }
  return e instanceof Error ? e.message : String(e)
}
