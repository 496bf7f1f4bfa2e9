#!/usr/bin/env node
/**
 * `npm run casefile -- export --format w3c|csv|gexf|graphml|stix [--briefing ID] [--out FILE]
 * CASE.casefile.json` and `npm run casefile -- push --server URL --collection ID
 * CASE.casefile.json` (credentials from CASEFILE_TAXII_USER / _PASSWORD / _TOKEN): Casefile's
 * command line, for scripts and pipelines. The logic is the
 * app's own TypeScript (src/interop/cli.ts, loaded by run-ts.mjs), so the command line and the
 * app's Export menu write the same files; this script only lends it the file system and the
 * streams. Exit codes: 0 done, 2 usage, 3 unreadable or invalid input, 1 anything else; push
 * adds 4 (credentials or access refused) and 5 (server unreachable, TLS, URL refused).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { loadTs } from './run-ts.mjs'

/** @param {Uint8Array} data */
function toStdout(data) {
  return new Promise((resolve, reject) =>
    process.stdout.write(data, (error) => (error ? reject(error) : resolve(undefined))),
  )
}

let code = 1
try {
  const { runCli } = await loadTs('src/interop/cli.ts')
  code = await runCli(process.argv.slice(2), {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: (path, data) => writeFile(path, data),
    stdout: toStdout,
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  })
} catch (e) {
  process.stderr.write(`casefile: ${e instanceof Error ? e.message : String(e)}\n`)
}
process.exitCode = code
