/**
 * Unit tests: everything named `*.test.ts(x)` under src/ and electron/. Dexie runs over
 * fake-indexeddb (see src/test-setup.ts); tests that need a DOM opt in per file with
 * `// @vitest-environment jsdom`. With `CASEFILE_REPORT_DIR` set (by `.ci/run`), results are
 * also written as JSON to `$CASEFILE_REPORT_DIR/unit.json`.
 */
import { defineConfig } from 'vitest/config'

const reportDir = process.env.CASEFILE_REPORT_DIR

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    ...(reportDir
      ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/unit.json` } }
      : {}),
  },
})
