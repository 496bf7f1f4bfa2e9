import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/db'
import { TEAM_SERVER_SETTING } from '../../db/team-server'
import type { PushReport } from '../../interop/taxii/push'
import { createWebPlatform } from '../../platform/web'
import { readTeamServerSettings, saveTeamServerSettings } from './team-server'
import { describePushReport, secretKeptText } from './team-server-text'

afterEach(async () => {
  await getDb().settings.delete(TEAM_SERVER_SETTING)
})

const SETTINGS = {
  serverUrl: 'http://127.0.0.1:9000/taxii2/',
  apiRoot: '',
  collection: 'casefile-team',
  user: 'analyst',
  authKind: 'password' as const,
}

describe('team server settings', () => {
  it('keep the address in IndexedDB and the password with the platform only', async () => {
    const platform = createWebPlatform()
    const status = await saveTeamServerSettings(SETTINGS, 'Sekr1t-pw', platform)
    expect(status).toMatchObject({ hasSecret: true, secretKept: 'session' })
    const rows = JSON.stringify(await getDb().settings.toArray())
    expect(rows).toContain('casefile-team')
    expect(rows).not.toContain('Sekr1t-pw')
    expect(await readTeamServerSettings()).toEqual(SETTINGS)
    // Saving again without typing a password keeps the one the platform has.
    expect((await saveTeamServerSettings(SETTINGS, undefined, platform)).hasSecret).toBe(true)
  })

  it('refuse plain http to another machine and save nothing then', async () => {
    const platform = createWebPlatform()
    await expect(
      saveTeamServerSettings(
        { ...SETTINGS, serverUrl: 'http://taxii.example.org/taxii2/' },
        'pw',
        platform,
      ),
    ).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' })
    expect(await getDb().settings.get(TEAM_SERVER_SETTING)).toBeUndefined()
  })
})

describe('the dialog sentences', () => {
  it('say where the password is kept on each platform', () => {
    const base = { serverUrl: null, user: '', authKind: 'password' as const, hasSecret: true }
    expect(secretKeptText({ ...base, secretKept: 'os' }, 'desktop')).toContain('key store')
    expect(secretKeptText({ ...base, secretKept: 'session' }, 'web')).toContain('memory only')
    expect(secretKeptText(undefined, 'web')).toContain('never on disk')
  })

  it('report what a push did, and how to resume one that stopped', () => {
    const report: PushReport = {
      collection: 'Team',
      requested: 10,
      skipped: [{ id: 'extension-definition--x', type: 'extension-definition', reason: 'why' }],
      resumed: 3,
      added: 5,
      alreadyThere: 1,
      failures: [],
      pending: [],
      batches: 2,
      statusIds: ['a', 'b'],
      complete: false,
    }
    expect(describePushReport(report)).toBe(
      '9 objects are in “Team”: 5 added now, 1 already there, 3 sent before this attempt (2 requests). 1 object left out: extension-definition (why).',
    )
    expect(
      describePushReport({ ...report, error: new Error('x') as PushReport['error'] }),
    ).toContain('Push the rest')
  })
})
