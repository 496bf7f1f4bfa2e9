/**
 * Types for `start-check.mjs`, the check `npm start` runs before Electron, so that its tests
 * can import it without `allowJs`. Keep in step with `start-check.mjs`.
 */

/** The Node version Electron 45 needs when its package.json cannot be read. */
export declare const FALLBACK_REQUIRED_NODE: string

/** Exit codes: start, Node too old, Electron binary unavailable. */
export declare const EXIT: Readonly<{ OK: 0; NODE_TOO_OLD: 1; NO_ELECTRON: 2 }>

/** `major.minor.patch` of a version string; undefined when there is none. */
export declare function parseVersion(text: string): [number, number, number] | undefined

/** True when version `a` is at least `b`. */
export declare function atLeast(a: string, b: string): boolean

/** The verdict on the running Node. */
export declare function checkNode(
  nodeVersion: string,
  required: string,
): { ok: true } | { ok: false; code: number; message: string }

/** The executable's path inside `node_modules/electron/dist` for a platform. */
export declare function electronExecutable(platform: string): string

/** Whether Electron's binary is installed. */
export declare function electronInstalled(options: {
  electronDir: string
  version: string
  platform: string
  env: Record<string, string | undefined>
  exists?: (path: string) => boolean
  read?: (path: string) => string
}): boolean

/** Where Electron's downloader keeps downloaded zips. */
export declare function electronCacheDir(
  platform: string,
  env: Record<string, string | undefined>,
  home: string,
): string

/** What to say when Electron's binary is missing and its download failed. */
export declare function noElectronMessage(options: {
  version: string
  platform: string
  arch: string
  cacheDir: string
}): string

/** The whole check; returns the exit code. */
export declare function runCheck(options: {
  nodeVersion: string
  required: string
  electron: { installed: () => boolean; install: () => boolean; version: string }
  platform: string
  arch: string
  cacheDir: string
  print: (text: string) => void
}): number
