/**
 * Tests of `npm run electronegativity`: the judgement against the accepted list, and a real
 * scan (offline) of a small insecure app, which must produce findings that are not accepted.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ACCEPTED, EXCLUDED_CHECKS, judge, scan } from './electronegativity.mjs'

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('judge', () => {
  it('accepts by check and file, rejects the rest, and names stale acceptances', () => {
    const found = [
      { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/ipc.ts' },
      { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/features/new-place.ts' },
      { id: 'NODE_INTEGRATION_JS_CHECK', file: 'electron/main/index.ts' },
    ]
    const accepted = [
      { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/ipc.ts' },
      { id: 'CSP_GLOBAL_CHECK', file: 'N/A' },
    ]
    const verdict = judge(found, accepted)
    expect(verdict.accepted).toEqual([found[0]])
    expect(verdict.rejected).toEqual([found[1], found[2]])
    expect(verdict.stale).toEqual([accepted[1]])
  })

  it('gives a reason for every accepted finding, and leaves out only the online check', () => {
    for (const a of ACCEPTED) expect(a.why.length).toBeGreaterThan(40)
    expect(EXCLUDED_CHECKS).toEqual(['AvailableSecurityFixesGlobalCheck'])
  })
})

describe('scan', () => {
  it('finds an insecure window, offline, and none of its findings is accepted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casefile-en-test-'))
    dirs.push(dir)
    await mkdir(join(dir, 'electron', 'main'), { recursive: true })
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'x', devDependencies: { electron: '45.5.0' } }),
    )
    await writeFile(
      join(dir, 'electron', 'main', 'index.ts'),
      "import { BrowserWindow } from 'electron'\n" +
        'export const win = new BrowserWindow({\n' +
        '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },\n' +
        '})\n',
    )
    const { findings } = await scan(dir, '45.5.0')
    const ids = new Set(findings.map((f) => f.id))
    expect(ids).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK')
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK')
    expect(ids).toContain('SANDBOX_JS_CHECK')
    const insecure = findings.filter((f) => f.file === 'electron/main/index.ts')
    expect(judge(insecure, []).rejected.length).toBe(insecure.length)
    expect(findings.some((f) => f.id === 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK')).toBe(false)
  })
})
