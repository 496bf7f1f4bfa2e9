/**
 * `casefile push` against the real TAXII server (medallion): a realistic case's backup file
 * reaches the collection (read back through TAXII), its exit codes and messages for each
 * failure, and the credentials never appear in anything it prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCase } from '../../db/backup'
import { CasefileDB } from '../../db/schema'
import { seedRealisticCase } from '../../db/test-fixtures'
import { snapshotFromBackup } from '../snapshot'
import { exportStixBundle } from '../stix/export'
import { parseBackup } from '../../db/backup'
import { TaxiiClient } from './client'
import { createDirectTransport } from './direct-transport'
import { pullObjects } from './pull'
import { PUSH_EXIT, pushCommand } from './push-command'
import { startTaxii, type RunningTaxii } from '../../test/taxii-server'

const PASSWORD = 'cli-Pw_9w8!'
let taxii: RunningTaxii
let backup: Uint8Array
let db: CasefileDB

beforeAll(async () => {
  taxii = await startTaxii({ user: `pipeline:${PASSWORD}` })
  db = new CasefileDB('test-push-command')
  await db.open()
  const seeded = await seedRealisticCase(db)
  backup = await exportCase(db, seeded.caseRecord.id)
})
afterAll(async () => {
  await taxii?.stop()
  await db?.delete()
})

function io(files: Record<string, Uint8Array> = { 'case.casefile.json': backup }) {
  let out = ''
  let err = ''
  return {
    io: {
      readFile: async (path: string) => {
        const file = files[path]
        if (!file) throw new Error('ENOENT: no such file')
        return file
      },
      stdout: async (data: Uint8Array) => {
        out += new TextDecoder().decode(data)
      },
      stderr: (text: string) => {
        err += text
      },
    },
    out: () => out,
    err: () => err,
  }
}

const env = { CASEFILE_TAXII_USER: 'pipeline', CASEFILE_TAXII_PASSWORD: PASSWORD }

describe('casefile push', () => {
  it('pushes a backup file to the collection, where TAXII reads every object back', async () => {
    const run = io()
    const code = await pushCommand(
      ['push', '--server', taxii.discovery, '--collection', 'casefile-team', 'case.casefile.json'],
      env,
      run.io,
    )
    expect(run.err()).toBe('')
    expect(code).toBe(PUSH_EXIT.ok)
    expect(run.out()).toMatch(/pushed \d+ object\(s\) to “Casefile team \(read-write\)”/)
    expect(run.out() + run.err()).not.toContain(PASSWORD)

    const parsed = parseBackup(backup)
    if (!parsed.ok) throw new Error('bad fixture')
    const expected = exportStixBundle(snapshotFromBackup(parsed.value), {
      extensionDefinition: false,
    }).objects
    const client = new TaxiiClient({
      serverUrl: taxii.discovery,
      transport: createDirectTransport(taxii.discovery, { user: 'pipeline', password: PASSWORD }),
    })
    const target = await client.resolveTarget('', 'casefile-team')
    const pulled = await pullObjects(client, target)
    expect(new Set(pulled.objects.map((o) => o.id))).toEqual(new Set(expected.map((o) => o.id)))
    expect(pulled.objects.some((o) => o.type === 'incident')).toBe(true)

    // Again: a new export moves `modified`, so the server keeps new versions of the same ids
    // (what was unchanged, the fixed Casefile identity, is already there).
    const again = io()
    expect(
      await pushCommand(
        ['--server', taxii.discovery, '--collection', 'casefile-team', 'case.casefile.json'],
        env,
        again.io,
      ),
    ).toBe(PUSH_EXIT.ok)
    expect(again.out()).toMatch(/\d+ added, [1-9]\d* already there/)
    const after = await pullObjects(client, target)
    expect(after.objects).toHaveLength(pulled.objects.length)
  })

  it('exits 4 on a wrong password or a read-only collection, saying what to do', async () => {
    const wrong = io()
    expect(
      await pushCommand(
        ['--server', taxii.discovery, '--collection', 'casefile-team', 'case.casefile.json'],
        { ...env, CASEFILE_TAXII_PASSWORD: 'nope-not-it' },
        wrong.io,
      ),
    ).toBe(PUSH_EXIT.refused)
    expect(wrong.err()).toMatch(/401.*Check the user name and password/)
    expect(wrong.err()).not.toContain('nope-not-it')
    const readOnly = io()
    expect(
      await pushCommand(
        ['--server', taxii.discovery, '--collection', 'casefile-feed', 'case.casefile.json'],
        env,
        readOnly.io,
      ),
    ).toBe(PUSH_EXIT.refused)
    expect(readOnly.err()).toContain('403')
  })

  it('exits 5 for plain http to another machine, without contacting it', async () => {
    const run = io()
    expect(
      await pushCommand(
        ['--server', 'http://taxii.example.org/taxii2/', '--collection', 'c', 'case.casefile.json'],
        env,
        run.io,
      ),
    ).toBe(PUSH_EXIT.unreachable)
    expect(run.err()).toContain('https://taxii.example.org/taxii2/')
  })

  it('exits 2 on usage errors and 3 on unreadable or invalid input', async () => {
    const missing = io()
    expect(await pushCommand(['case.casefile.json'], env, missing.io)).toBe(PUSH_EXIT.usage)
    expect(missing.err()).toContain('--server URL')
    const secretArg = io()
    expect(
      await pushCommand(
        ['--server', taxii.discovery, '--collection', 'c', '--password', 'x', 'f'],
        env,
        secretArg.io,
      ),
    ).toBe(PUSH_EXIT.usage)
    expect(secretArg.err()).toContain('CASEFILE_TAXII_PASSWORD')
    const briefing = io()
    expect(
      await pushCommand(
        [
          '--server',
          taxii.discovery,
          '--collection',
          'casefile-team',
          '--briefing',
          'nope',
          'case.casefile.json',
        ],
        env,
        briefing.io,
      ),
    ).toBe(PUSH_EXIT.usage)
    const absent = io()
    expect(
      await pushCommand(
        ['--server', taxii.discovery, '--collection', 'c', 'gone.json'],
        env,
        absent.io,
      ),
    ).toBe(PUSH_EXIT.badInput)
    const invalid = io({ 'bad.json': new TextEncoder().encode('{"not":"a backup"}') })
    expect(
      await pushCommand(
        ['--server', taxii.discovery, '--collection', 'c', 'bad.json'],
        env,
        invalid.io,
      ),
    ).toBe(PUSH_EXIT.badInput)
    expect(invalid.err()).toContain('not a valid Casefile backup')
  })
})
