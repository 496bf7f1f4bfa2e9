/**
 * End-to-end tests: the `*.spec.ts` files in `e2e/` drive the built renderer (`out/renderer`, from
 * `npm run build`) in Chromium through `e2e/harness.ts`. One spec file at a time, because each
 * launches a browser and CI machines have two cores; long timeouts, because a browser start
 * and an import of a large PDF are slow there. None of the unit config's setup files apply.
 * With `CASEFILE_REPORT_DIR` set (by `.ci/run`), results are also written as JSON to
 * `$CASEFILE_REPORT_DIR/e2e.json`.
 */
import { defineConfig } from 'vitest/config'

const reportDir = process.env.CASEFILE_REPORT_DIR

export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    // expect.poll waits for a state; its default ceiling (1 s) is too short on a loaded 2-core
    // machine, where a preview or a worker's answer can take longer. A poll still returns as
    // soon as the state holds, so this only changes how long a real failure takes to report.
    expect: { poll: { timeout: 15_000 } },
    // The harness registers its guard hooks when a spec file imports it: once per file.
    isolate: true,
    ...(reportDir
      ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/e2e.json` } }
      : {}),
  },
})
