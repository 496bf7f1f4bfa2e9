/**
 * Loads one of the app's TypeScript modules from a Node script, through Vite's module runner
 * (`runnerImport`): the same transform the app's build uses, without a build step. Shared by
 * the command line (`casefile.mjs`) and the NER scripts (`train-ner.mjs`, `eval-ner.mjs`).
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * Imports the module at `path` (relative to the repository root, e.g. 'src/interop/cli.ts')
 * and resolves to its exports.
 *
 * @param {string} path
 * @returns {Promise<any>}
 */
export async function loadTs(path) {
  const { module } = await runnerImport(join(ROOT, path), { configFile: false, logLevel: 'error' })
  return module
}
