/**
 * `npm run eval:dates`: loads `eval-dates.mts` through Vite's module runner (TypeScript and
 * the app's modules, no build step, no extra dependency) and runs it. See that file's header
 * for what is scored and how (type-check it with `npx tsc -p scripts/eval-dates.tsconfig.json`,
 * as the bench page has its own tsconfig). EVAL_DATES_CORPUS points at another folder of .tml files;
 * EVAL_DATES_ERRORS sets how many error classes are listed; EVAL_DATES_BENCH=0 skips timing.
 */
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
const { module } = await runnerImport(fileURLToPath(new URL('eval-dates.mts', import.meta.url)), {
  root,
  configFile: false,
  logLevel: 'error',
})
module.main()
