/**
 * The one interface through which the renderer reaches the operating system. Two
 * implementations sit beside it: `desktop.ts` (the preload's `window.casefile` API, backed
 * by the Electron main process) and `web.ts` (a file input and a download link, for the
 * plain browser). Features depend only on this interface, never on either side.
 */

/** A file chosen by the user or dropped on the window, not yet read. */
export interface SourceFile {
  name: string
  /** Size in bytes, known before reading so that over-size files are refused unread. */
  size: number
  /** MIME type as reported by the OS or browser; may be empty or wrong. */
  type: string
  /**
   * True when the file is over the size cap of what it was picked for (`MAX_IMPORT_BYTES`
   * for an import; on the desktop `MAX_RESTORE_BYTES` for a backup). On the desktop such a
   * file was never read and `read()` rejects with an Error named 'TooLargeError';
   * importers should report TOO_LARGE without calling it.
   */
  tooLarge?: boolean
  /** Reads the whole file. Rejects if the file cannot be read. */
  read(): Promise<ArrayBuffer>
  /**
   * The file as a Blob, where the platform has one (a browser's `File`): an import reads many
   * small files through one composite Blob instead of one read each (import/group-read.ts).
   * Absent on the desktop, whose files are read over IPC.
   */
  blob?: Blob
  /**
   * Reads the file in chunks, whatever its size: the browser's `File.stream()`, and on the
   * desktop `files:readChunk` for a file picked with purpose `backup`. Absent where only a
   * whole read is offered (a document picked for import on the desktop).
   */
  stream?(): ReadableStream<Uint8Array>
}

/** Commands sent by the native application menu (desktop only). */
export type MenuCommand =
  | 'case:new'
  | 'case:export'
  | 'case:import'
  | 'stix:export'
  | 'stix:import'
  | 'documents:import'
  | 'app:about'
  | 'search:focus'
  | 'edit:undo'
  | 'edit:redo'
  /** File › Export as: opens the Export dialog on that open format. */
  | 'export:w3c'
  | 'export:csv'
  | 'export:gexf'
  | 'export:graphml'

export interface AppInfo {
  name: string
  version: string
  /** 'desktop' in Electron, 'web' in a browser. */
  shell: 'desktop' | 'web'
  /** e.g. "Electron 45.5.0 on linux" or the browser's user agent. */
  runtime: string
}

export interface OpenFilesOptions {
  title: string
  /** Extensions without dots, e.g. ['txt', 'pdf']. */
  extensions: string[]
  multiple: boolean
  /**
   * What the files are for, which sets their size cap on the desktop: `import` (the default;
   * documents, read whole) or `backup` (a backup to restore, read in chunks by `stream()`).
   */
  purpose?: 'import' | 'backup'
}

export interface SaveFileOptions {
  title: string
  suggestedName: string
  mime: string
  /**
   * The file's bytes; a Blob (a large backup, assembled chunk by chunk outside the JS heap)
   * is saved as it is in a browser and read into one buffer for the desktop's save.
   */
  data: Uint8Array | Blob
}

/** What `printBriefing` prints, and how the save dialog (desktop only) is worded. */
export interface PrintBriefingOptions {
  /**
   * The briefing's print route, `#/print/<caseId>/<briefingId>?size=A4|Letter`, both ids
   * URI-encoded (see `PRINT_ROUTE_PATTERN` in electron/contract.ts).
   */
  route: string
  /** The PDF's suggested file name, e.g. "Weekend strikes 2025-06-24.pdf" (desktop only). */
  suggestedName: string
  /** The save dialog's title (desktop only). */
  title: string
}

/** The team server as configured on this machine (never with its secret). */
export interface TeamServerStatus {
  /** Null when no server is configured. */
  serverUrl: string | null
  user: string
  authKind: 'password' | 'token'
  hasSecret: boolean
  /**
   * Where the password or token is kept: `os` (desktop, encrypted by the OS key store),
   * `memory` (desktop without a key store: this run only), `session` (browser: this tab's
   * session only), `none`.
   */
  secretKept: 'os' | 'memory' | 'session' | 'none'
}

/** What `configureTeamServer` takes. */
export interface TeamServerConfig {
  serverUrl: string
  user: string
  authKind: 'password' | 'token'
  /** A new secret to keep; null forgets the kept one; absent keeps it (same server and user). */
  secret?: string | null
}

/** One request to the team server, and its answer (see electron/taxii-forward.mjs). */
export interface TeamServerRequest {
  method: 'GET' | 'POST'
  url: string
  body?: string
}

/** The team server's answer, or why there was none (`UNREACHABLE`, `TLS`, …). */
export type TeamServerAnswer =
  | { ok: true; value: { status: number; headers: Record<string, string>; body: string } }
  | { ok: false; error: { code: string; message: string } }

export interface Platform {
  readonly shell: 'desktop' | 'web'
  /** Asks the user for files; resolves to [] when cancelled. */
  openFiles(options: OpenFilesOptions): Promise<SourceFile[]>
  /** Saves data where the user chooses; resolves to false when cancelled. */
  saveFile(options: SaveFileOptions): Promise<boolean>
  /**
   * Prints a briefing to PDF. On the desktop the user chooses where in a save dialog, the
   * main process renders the print route in a hidden window and writes the PDF; resolves to
   * false when the dialog was cancelled. In a browser the print route opens in a new tab,
   * where the browser's own print dialog (Ctrl+P / Cmd+P, "Save as PDF") saves it; resolves
   * to true once the tab was asked for (a browser does not say whether it opened).
   */
  printBriefing(options: PrintBriefingOptions): Promise<boolean>
  appInfo(): Promise<AppInfo>
  /** Opens an http(s) link in the system browser; other schemes are refused. */
  openExternal(url: string): Promise<void>
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  /**
   * Keeps the team server's address and credentials where this platform keeps them (desktop:
   * the main process, the secret encrypted by the OS; browser: this session only). Rejects
   * with a `PlatformError` (`URL_NOT_ALLOWED`) for a URL the network posture refuses.
   */
  configureTeamServer(config: TeamServerConfig): Promise<TeamServerStatus>
  /** The configured team server, without its secret. */
  teamServerStatus(): Promise<TeamServerStatus>
  /**
   * Performs one request to the configured team server and nowhere else: the desktop's main
   * process does it; in the browser, the web server's same-origin endpoint
   * (`/__casefile/taxii`, scripts/serve.mjs), since the page may only connect to its origin.
   */
  teamServerRequest(request: TeamServerRequest): Promise<TeamServerAnswer>
}
