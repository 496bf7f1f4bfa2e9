/**
 * Runs once before the end-to-end suite and fails it fast, with a message that says what to
 * do, when something the specs need is missing: the built renderer (`npm run build`) or the
 * Chromium binary (Debian's `chromium` package). Without this every spec would time out on
 * its own with a less helpful error.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumPath, rendererDir } from './env'

/** Vitest global setup: throws when the built renderer or Chromium is missing. */
export default function setup(): void {
  const problems: string[] = []

  const index = join(rendererDir(), 'index.html')
  if (!isFile(index)) {
    problems.push(`${index} does not exist: run npm run build first (or set CASEFILE_RENDERER_DIR)`)
  }

  const browser = chromiumPath()
  try {
    accessSync(browser, constants.X_OK)
    if (!isFile(browser)) throw new Error('not a file')
  } catch {
    problems.push(
      `Chromium is missing at ${browser}: apt-get install chromium (or set CHROMIUM_PATH)`,
    )
  }

  if (problems.length > 0) {
    throw new Error(`e2e suite cannot start:\n  - ${problems.join('\n  - ')}`)
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
