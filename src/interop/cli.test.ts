import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCase } from '../db/backup'
import type { CasefileDB } from '../db/schema'
import { runCli, type CliIo } from './cli'
import type { CaseSnapshot } from './snapshot'
import {
  failedMusts,
  fs,
  nodeProcess,
  REPO,
  realisticSnapshot,
  run,
  tempDir,
  xmllint,
} from './test-support'

let snapshot: CaseSnapshot
let db: CasefileDB
let dir: string
let backupFile: string
let backup: Uint8Array
beforeAll(async () => {
  ;({ snapshot, db } = await realisticSnapshot())
  backup = await exportCase(db, snapshot.case.id)
  dir = tempDir()
  backupFile = `${dir}/case.casefile.json`
  fs.writeFileSync(backupFile, backup)
})
afterAll(async () => {
  db.close()
  await db.delete()
})

/** Runs `npm run casefile -- …` as a user would, in a separate Node process. */
const casefile = (...args: string[]) =>
  run(nodeProcess.execPath, [`${REPO}scripts/casefile.mjs`, ...args])

describe('the command line, spawned', () => {
  it('exports W3C annotations to stdout that pass the MUSTs', () => {
    const r = casefile('export', '--format', 'w3c', backupFile)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const collection = JSON.parse(r.stdout) as { first: { items: unknown[] } }
    expect(failedMusts('collection', collection)).toEqual([])
    expect(collection.first.items).toHaveLength(snapshot.annotations.length)
    for (const a of collection.first.items) expect(failedMusts('annotation', a)).toEqual([])
  }, 60_000)

  it('exports GEXF to a file with --out that validates, and a briefing with --briefing', () => {
    const out = `${dir}/graph.gexf`
    const r = casefile('export', '--format=gexf', '--out', out, backupFile)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(xmllint(fs.readFileSync(out, 'utf8'), 'gexf').status).toBe(0)

    const briefing = snapshot.briefings[0]!
    const csv = casefile('export', '--format', 'csv', '--briefing', briefing.id, backupFile)
    expect(csv.status).toBe(0)
    expect([...csv.stdoutBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(briefing.eventIds.length + 1)
  }, 60_000)

  it('exits 3 on a missing or damaged file, 2 on usage errors, with nothing on stdout', () => {
    const missing = casefile('export', '--format', 'csv', `${dir}/nope.json`)
    expect(missing.status).toBe(3)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/)

    fs.writeFileSync(`${dir}/bad.json`, '{"format":"casefile-backup","version":2,"case":{}}')
    const damaged = casefile('export', '--format', 'graphml', `${dir}/bad.json`)
    expect(damaged.status).toBe(3)
    expect(damaged.stdout).toBe('')
    expect(damaged.stderr).toMatch(/not a valid Casefile backup/)

    const stix = casefile('export', '--format', 'stix', backupFile)
    expect(stix.status).toBe(0)
    const bundle = JSON.parse(stix.stdout) as { type: string; objects: { type: string }[] }
    expect(bundle.type).toBe('bundle')
    expect(bundle.objects.some((o) => o.type === 'incident')).toBe(true)
  }, 60_000)
})

describe('the command line, in process', () => {
  function io(files: Record<string, Uint8Array> = {}) {
    const out: Uint8Array[] = []
    const written = new Map<string, Uint8Array>()
    let err = ''
    const value: CliIo = {
      readFile: async (p) => {
        const f = files[p]
        if (!f) throw new Error('ENOENT: no such file')
        return f
      },
      writeFile: async (p, d) => {
        if (p.startsWith('/no-such-dir/')) throw new Error('ENOENT: no such directory')
        written.set(p, d)
      },
      stdout: async (d) => void out.push(d),
      stderr: (t) => void (err += t),
    }
    return { value, out, written, err: () => err }
  }

  it.each([
    [[], 2],
    [['frobnicate'], 2],
    [['export', 'case.json'], 2],
    [['export', '--format', 'pdf', 'case.json'], 2],
    [['export', '--format', 'csv'], 2],
    [['export', '--format', 'csv', 'a.json', 'b.json'], 2],
    [['export', '--format', 'csv', '--colour', 'red', 'case.json'], 2],
    [['export', '--format', 'csv', '--briefing', 'nope', 'case.json'], 2],
    [['push', '--server', 'https://x', 'case.json'], 2],
    [['export', '--format', 'csv', '--out', '/no-such-dir/x.csv', 'case.json'], 1],
  ])('%j exits %i and writes nothing to stdout', async (argv, code) => {
    const t = io({ 'case.json': backup })
    expect(await runCli(argv as string[], t.value)).toBe(code)
    expect(t.out).toEqual([])
    expect(t.err()).toMatch(/^casefile( push)?: |^Usage/)
  })

  it('prints help on stdout and exits 0', async () => {
    const t = io()
    expect(await runCli(['--help'], t.value)).toBe(0)
    expect(new TextDecoder().decode(t.out[0])).toMatch(/--format FORMAT/)
  })

  it('writes every registered format', async () => {
    for (const format of ['w3c', 'csv', 'gexf', 'graphml']) {
      const t = io({ 'case.json': backup })
      expect(await runCli(['export', '--format', format, 'case.json'], t.value)).toBe(0)
      expect(t.out[0]!.length).toBeGreaterThan(100)
    }
  })
})
