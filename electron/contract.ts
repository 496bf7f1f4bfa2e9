/**
 * The IPC contract between the renderer and the Electron main process: channel names
 * (`noun:verb`), one payload object per call (its zod schema, which the main process checks,
 * is in contract-schemas.ts), the `Result` envelope every call resolves to, and the
 * `CasefileApi` that the preload exposes as `window.casefile`. Both sides are typed from the
 * one `Handlers` map below, so a channel cannot drift between main, preload and renderer
 * without `tsc` noticing. This module is imported by the main process, the preload (types
 * only) and the renderer's start-up bundle, so it must not import Electron, Node or — at run
 * time — zod (a test checks: contract-schemas.test.ts).
 */
/** Files chosen for import larger than this are flagged `tooLarge` and never read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/**
 * Backups chosen for a restore larger than this are flagged `tooLarge` and never read: the
 * largest backup Back up writes (`MAX_BACKUP_BYTES` in src/db/backup.ts, 500 MiB; a test keeps
 * the two equal). A restore reads the file in chunks (`files:readChunk`), never whole.
 */
export const MAX_RESTORE_BYTES = 500 * 1024 * 1024

/** The most one `files:readChunk` call returns (4 MiB): a chunk is one modest IPC message. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024

/**
 * What a file is picked for, which sets its size cap: `import` (a document, read whole with
 * `files:read`, up to `MAX_IMPORT_BYTES`) or `backup` (a backup to restore, read in chunks
 * with `files:readChunk`, up to `MAX_RESTORE_BYTES`).
 */
export const PICK_PURPOSES = ['import', 'backup'] as const

/** One of `PICK_PURPOSES`. */
export type PickPurpose = (typeof PICK_PURPOSES)[number]

/** The outcome of every IPC call: nothing is thrown across the bridge. */
export type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/** Error codes the main process returns; callers may also meet codes added later. */
export const IPC_ERRORS = {
  /** The call came from a frame that is not the app's own page. */
  untrustedSender: 'UNTRUSTED_SENDER',
  /** The payload failed its schema. */
  invalidPayload: 'INVALID_PAYLOAD',
  /** `files:read` or `files:readChunk` was given an id this window did not pick (or forgot). */
  notPicked: 'NOT_PICKED',
  /**
   * `files:read`: the file is over `MAX_IMPORT_BYTES` (it grew since it was picked);
   * `files:readChunk`: the file was over its purpose's cap when it was picked.
   */
  tooLarge: 'TOO_LARGE',
  /** `files:read` or `files:readChunk`: the file could not be read. */
  readFailed: 'READ_FAILED',
  /**
   * `files:readChunk`: the file is not the one that was picked any more (its size or its
   * modification time changed), so chunks read before and after would not fit together.
   */
  fileChanged: 'FILE_CHANGED',
  /** `files:readChunk`: the offset lies past the end of the file. */
  outOfRange: 'OUT_OF_RANGE',
  /** `link:open` was asked to open something other than a plain http(s) URL. */
  urlNotAllowed: 'URL_NOT_ALLOWED',
  /** `file:save` or `briefing:print` could not write the file. */
  writeFailed: 'WRITE_FAILED',
  /** `briefing:print` could not render the briefing to PDF (not ready in time, gone, crashed). */
  printFailed: 'PRINT_FAILED',
  /** Anything else that went wrong in the main process. */
  internal: 'INTERNAL',
} as const

/** Builds a successful `Result`. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** Builds a failed `Result`. */
export function fail<T = never>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

/** Commands the native menu sends to the renderer (mirrors `MenuCommand` in src/platform). */
export const MENU_COMMANDS = [
  'case:new',
  'case:export',
  'case:import',
  'stix:export',
  'stix:import',
  'documents:import',
  'app:about',
  'search:focus',
  'edit:undo',
  'edit:redo',
  // File › Export as: open the Export dialog on that open format (src/interop/formats.ts).
  'export:w3c',
  'export:csv',
  'export:gexf',
  'export:graphml',
] as const

/** One of `MENU_COMMANDS`. */
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** Channel names, for the main process and the renderer (the preload spells them as literals). */
export const CHANNELS = {
  filesPick: 'files:pick',
  fileRead: 'files:read',
  fileReadChunk: 'files:readChunk',
  fileSave: 'file:save',
  appInfo: 'app:info',
  linkOpen: 'link:open',
  briefingPrint: 'briefing:print',
  taxiiConfigure: 'taxii:configure',
  taxiiStatus: 'taxii:status',
  taxiiRequest: 'taxii:request',
  /** main → renderer: a native menu item was chosen. */
  menuCommand: 'menu:command',
} as const

/** A picked file's id: random, given out by `files:pick`, never a path. */
export const PICKED_FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A briefing's print route, as the renderer spells it: `#/print/<caseId>/<briefingId>?size=…`
 * with both ids URI-encoded (no `/`, `?` or `#` left in them) and the page size explicit.
 * Only the hash is given: the main process loads it on the app's own page, never a URL of
 * the renderer's choosing.
 */
export const PRINT_ROUTE_PATTERN = /^#\/print\/[^/?#]{1,200}\/[^/?#]{1,200}\?size=(A4|Letter)$/

/** The paper sizes a briefing prints on. */
export type PrintPageSize = 'A4' | 'Letter'

/** The page size a valid print route asks for, or undefined when `route` is not one. */
export function printRoutePageSize(route: string): PrintPageSize | undefined {
  if (typeof route !== 'string') return undefined
  return PRINT_ROUTE_PATTERN.exec(route)?.[1] as PrintPageSize | undefined
}

/** The largest body `taxii:request` carries to the team server (one envelope, with room). */
export const MAX_TAXII_BODY_CHARS = 16 * 1024 * 1024

/**
 * True when `value` is one of `MENU_COMMANDS`: how the renderer checks what arrives on
 * `menu:command` before acting on it (a hand check, so that the renderer's first bundle
 * needs no schema library; main's payload schemas are in contract-schemas.ts).
 */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

// The payloads' types come from their zod schemas (contract-schemas.ts), as types only: this
// module stays free of zod at run time, so the renderer's start-up bundle does not carry it.
import type {
  AppInfoPayload,
  MenuCommandEvent,
  OpenFilesPayload,
  OpenLinkPayload,
  PrintBriefingPayload,
  ReadChunkPayload,
  ReadFilePayload,
  SaveFilePayload,
  TaxiiConfigurePayload,
  TaxiiRequestPayload,
  TaxiiStatusPayload,
} from './contract-schemas'

export type {
  AppInfoPayload,
  MenuCommandEvent,
  OpenFilesPayload,
  OpenLinkPayload,
  PrintBriefingPayload,
  ReadChunkPayload,
  ReadFilePayload,
  SaveFilePayload,
  TaxiiConfigurePayload,
  TaxiiRequestPayload,
  TaxiiStatusPayload,
}

/**
 * Value of `taxii:configure` and `taxii:status`: the configured server (null when none), and
 * where its secret is kept — `os` (encrypted by the OS key store), `memory` (this run only:
 * the OS has no key store) or `none`. The secret itself never crosses to the renderer.
 */
export interface TeamServerStatusValue {
  serverUrl: string | null
  user: string
  authKind: 'password' | 'token'
  hasSecret: boolean
  secretKept: 'os' | 'memory' | 'none'
}

/** Value of `taxii:request`: the team server's answer (only TAXII's headers, lower case). */
export interface TaxiiResponseValue {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * A file the user chose in the open dialog, not yet read: `files:pick` answers with these at
 * once, and each file's bytes are fetched with `files:read` when the importer gets to it,
 * so that no more than one file is in memory (or in an IPC message) at a time; a backup to
 * restore is fetched in chunks of at most `MAX_CHUNK_BYTES` with `files:readChunk`.
 */
export interface PickedFile {
  /** What `files:read` takes; valid for the window that picked the file. */
  id: string
  name: string
  /** Size in bytes when it was picked. */
  size: number
  /** MIME type guessed from the extension; empty when unknown. */
  type: string
  /**
   * True when the file is over its purpose's cap (`MAX_IMPORT_BYTES` for an import,
   * `MAX_RESTORE_BYTES` for a backup): `files:read` and `files:readChunk` will refuse it.
   */
  tooLarge: boolean
  /** Why the file cannot be read at all (gone, not a regular file…), when known already. */
  readError?: string
}

/** Value of `files:read`: the whole file. */
export interface ReadFileValue {
  data: Uint8Array
}

/**
 * Value of `files:readChunk`: the bytes from the offset asked for; fewer than asked only where
 * the file ends (none at its very end).
 */
export interface ReadChunkValue {
  data: Uint8Array
}

/** Value of `file:save`: false when the user cancelled the dialog. */
export interface SaveFileValue {
  saved: boolean
}

/** Value of `briefing:print`: false when the user cancelled the dialog. */
export interface PrintBriefingValue {
  saved: boolean
}

/** Value of `app:info`. */
export interface AppInfoValue {
  name: string
  version: string
  shell: 'desktop'
  /** e.g. "Electron 45.5.0 (Chromium 142) on linux". */
  runtime: string
}

/**
 * The typed handler map: what each renderer → main channel takes and gives. The main
 * process implements these (after the sender check and the schema); the renderer sees each
 * wrapped in a `Result`.
 */
export interface Handlers {
  'files:pick': (payload: OpenFilesPayload) => Promise<PickedFile[]>
  'files:read': (payload: ReadFilePayload) => Promise<ReadFileValue>
  'files:readChunk': (payload: ReadChunkPayload) => Promise<ReadChunkValue>
  'file:save': (payload: SaveFilePayload) => Promise<SaveFileValue>
  'app:info': (payload: AppInfoPayload) => Promise<AppInfoValue>
  'link:open': (payload: OpenLinkPayload) => Promise<null>
  'briefing:print': (payload: PrintBriefingPayload) => Promise<PrintBriefingValue>
  'taxii:configure': (payload: TaxiiConfigurePayload) => Promise<TeamServerStatusValue>
  'taxii:status': (payload: TaxiiStatusPayload) => Promise<TeamServerStatusValue>
  'taxii:request': (payload: TaxiiRequestPayload) => Promise<TaxiiResponseValue>
}

/** A renderer → main channel. */
export type InvokeChannel = keyof Handlers
/** The payload a channel takes. */
export type PayloadOf<C extends InvokeChannel> = Parameters<Handlers[C]>[0]
/** The value a channel resolves to when it succeeds. */
export type ValueOf<C extends InvokeChannel> = Awaited<ReturnType<Handlers[C]>>

/** Which `window.casefile` method calls which channel. */
export const API_METHODS = {
  pickFiles: 'files:pick',
  readFile: 'files:read',
  readChunk: 'files:readChunk',
  saveFile: 'file:save',
  appInfo: 'app:info',
  openExternal: 'link:open',
  printBriefing: 'briefing:print',
  configureTeamServer: 'taxii:configure',
  teamServerStatus: 'taxii:status',
  teamServerRequest: 'taxii:request',
} as const satisfies Record<string, InvokeChannel>

type ApiMethod = keyof typeof API_METHODS
type InvokeApi = {
  readonly [M in ApiMethod]: (
    payload: PayloadOf<(typeof API_METHODS)[M]>,
  ) => Promise<Result<ValueOf<(typeof API_METHODS)[M]>>>
}

type Assert<T extends true> = T
/** Fails to compile if a channel in `Handlers` has no method in `API_METHODS`. */
export type _EveryChannelExposed = Assert<
  [Exclude<InvokeChannel, (typeof API_METHODS)[ApiMethod]>] extends [never] ? true : false
>

/** The object the preload exposes as `window.casefile`, and nothing more. */
export interface CasefileApi extends InvokeApi {
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void
}

/** The URL schemes a link may use to leave the app. */
export const EXTERNAL_URL_PROTOCOLS: readonly string[] = ['http:', 'https:']

/**
 * Parses `raw` and returns its normalised form if it may be opened in the system browser:
 * an absolute http(s) URL with a host and no user name or password (which only serve to
 * disguise the real host, as in `https://bank.example@evil.example/`). Returns null
 * otherwise, including for anything `new URL()` cannot parse.
 */
export function normaliseExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (!EXTERNAL_URL_PROTOCOLS.includes(url.protocol)) return null
  if (url.username !== '' || url.password !== '') return null
  if (url.hostname === '') return null
  return url.href
}

/** True when `raw` is a plain http(s) URL that may be opened in the system browser. */
export function isAllowedExternalUrl(raw: string): boolean {
  return normaliseExternalUrl(raw) !== null
}
