/**
 * "Push the rest" after a push that stopped: the retry sends the same export (same
 * `modified` on every object) minus what the server confirmed, against the real TAXII server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/db'
import { seedRealisticCase } from '../../db/test-fixtures'
import { createDirectTransport } from '../../interop/taxii/direct-transport'
import { startTaxii, type RunningTaxii } from '../../test/taxii-server'
import type { Platform } from '../../platform'
import { hasUnfinishedPush, pushCase } from './team-server'

let taxii: RunningTaxii
beforeAll(async () => {
  taxii = await startTaxii({ user: 'analyst:pw-resume' })
})
afterAll(async () => {
  await taxii?.stop()
})

describe('push the rest', () => {
  it('resends the same export after a failed attempt, then forgets it once complete', async () => {
    const seeded = await seedRealisticCase(getDb())
    const caseId = seeded.caseRecord.id
    const direct = createDirectTransport(taxii.discovery, {
      user: 'analyst',
      password: 'pw-resume',
    })
    const posted: { id: string; modified?: string }[][] = []
    let failPost = true
    const platform = {
      teamServerStatus: async () => ({
        serverUrl: taxii.discovery,
        user: 'analyst',
        authKind: 'password' as const,
        hasSecret: true,
        secretKept: 'session' as const,
      }),
      configureTeamServer: async () => {
        throw new Error('not expected')
      },
      teamServerRequest: async (request: Parameters<Platform['teamServerRequest']>[0]) => {
        if (request.method === 'POST') {
          posted.push(JSON.parse(request.body ?? '{}').objects)
          if (failPost) {
            failPost = false
            return { ok: false as const, error: { code: 'UNREACHABLE', message: 'dropped' } }
          }
        }
        return direct(request)
      },
    } as unknown as Platform
    const settings = {
      serverUrl: taxii.discovery,
      apiRoot: '',
      collection: 'casefile-team',
      user: 'analyst',
      authKind: 'password' as const,
    }
    const first = await pushCase(settings, caseId, '', () => {}, platform)
    expect(first.error?.code).toBe('UNREACHABLE')
    expect(hasUnfinishedPush(caseId, '', taxii.team)).toBe(true)
    const second = await pushCase(settings, caseId, '', () => {}, platform)
    expect(second.error).toBeUndefined()
    expect(second.added).toBe(posted[0]!.length)
    // The very same versions went again: the export was not redone.
    expect(posted[1]!.map((o) => `${o.id}|${o.modified}`)).toEqual(
      posted[0]!.map((o) => `${o.id}|${o.modified}`),
    )
    expect(hasUnfinishedPush(caseId, '', taxii.team)).toBe(false)
  })
})
