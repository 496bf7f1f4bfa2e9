/**
 * `npm run eval:copies`: loads `eval-copies.mts` through Vite's module runner (as
 * eval-dates.mjs does) and runs it: the measured table behind the near-copy threshold.
 */
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
const { module } = await runnerImport(fileURLToPath(new URL('eval-copies.mts', import.meta.url)), {
  root,
  configFile: false,
  logLevel: 'error',
})
module.main()
