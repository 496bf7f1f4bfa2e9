/**
 * Where the end-to-end suite finds what it drives: the built renderer and the Chromium binary.
 * Both can be overridden from the environment (`CASEFILE_RENDERER_DIR`, `CHROMIUM_PATH`), so
 * that the same specs can run against another build or browser; the global setup and the
 * harness read them from here so that they never disagree.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (this file lives in `e2e/`). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The built renderer folder: `CASEFILE_RENDERER_DIR`, else `out/renderer`. */
export function rendererDir(): string {
  const dir = process.env.CASEFILE_RENDERER_DIR
  return dir ? resolve(dir) : resolve(REPO_ROOT, 'out/renderer')
}

/** The Chromium executable: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}
