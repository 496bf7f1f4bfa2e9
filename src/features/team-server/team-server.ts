/**
 * The team server's workflow below the UI: the settings (address, API root, collection, user —
 * kept in IndexedDB settings; never the password or token, which the platform keeps: the OS
 * key store on the desktop, the page's memory in a browser), a TAXII client over the
 * platform's relay, pushing a case or a briefing's selection as STIX (resumable: a ledger per
 * case, selection and collection lives for this session), and pulling what was added since the
 * last pull into an import plan for the STIX preview. Nothing here contacts the server unless
 * the analyst pressed Test, Push or Pull.
 */
import { getDb } from '../../db/db'
import { readSetting, writeSetting } from '../../db/settings'
import { TEAM_SERVER_SETTING, lastPull, recordTeamServerPull } from '../../db/team-server'
import { TaxiiClient, type StixObject, type TaxiiTarget } from '../../interop/taxii/client'
import { pullObjects, bundleOf } from '../../interop/taxii/pull'
import {
  newLedger,
  pushObjects,
  type PushLedger,
  type PushProgress,
  type PushReport,
} from '../../interop/taxii/push'
import type { StixImportPlan } from '../../interop/stix/import'
import { getPlatform, type Platform } from '../../platform'
import type { TeamServerStatus } from '../../platform/platform'

/** The team server settings (no secret). */
export interface TeamServerSettings {
  /** The discovery URL (or an API root URL). */
  serverUrl: string
  /** Empty: the discovery's default API root. */
  apiRoot: string
  /** Collection id, alias or title. */
  collection: string
  user: string
  authKind: 'password' | 'token'
}

/** Empty settings: nothing configured, so nothing is ever contacted. */
export const NO_SETTINGS: TeamServerSettings = {
  serverUrl: '',
  apiRoot: '',
  collection: '',
  user: '',
  authKind: 'password',
}

/** Reads the settings from IndexedDB (never holding a secret). */
export async function readTeamServerSettings(): Promise<TeamServerSettings> {
  const stored = await readSetting<Partial<TeamServerSettings> | null>(TEAM_SERVER_SETTING, null)
  if (!stored || typeof stored !== 'object') return NO_SETTINGS
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  return {
    serverUrl: text(stored.serverUrl),
    apiRoot: text(stored.apiRoot),
    collection: text(stored.collection),
    user: text(stored.user),
    authKind: stored.authKind === 'token' ? 'token' : 'password',
  }
}

/**
 * Saves the settings: the address and user to IndexedDB, the secret (when one was typed) to
 * the platform only. Rejects with the platform's error for a URL the network posture refuses
 * (nothing is saved then).
 */
export async function saveTeamServerSettings(
  settings: TeamServerSettings,
  secret: string | undefined,
  platform: Platform = getPlatform(),
): Promise<TeamServerStatus> {
  const status = await platform.configureTeamServer({
    serverUrl: settings.serverUrl.trim(),
    user: settings.user.trim(),
    authKind: settings.authKind,
    ...(secret !== undefined && secret !== '' ? { secret } : {}),
  })
  const clean: TeamServerSettings = {
    serverUrl: status.serverUrl ?? settings.serverUrl.trim(),
    apiRoot: settings.apiRoot.trim(),
    collection: settings.collection.trim(),
    user: settings.user.trim(),
    authKind: settings.authKind,
  }
  await writeSetting(TEAM_SERVER_SETTING, clean)
  return status
}

/** A client over the platform's relay, after making sure the platform has these settings. */
export async function clientFor(
  settings: TeamServerSettings,
  platform: Platform = getPlatform(),
): Promise<TaxiiClient> {
  if (!settings.serverUrl.trim() || !settings.collection.trim()) {
    throw new Error('Open Team server settings and fill in the server URL and the collection.')
  }
  const status = await platform.teamServerStatus()
  if (status.serverUrl !== settings.serverUrl || status.user !== settings.user) {
    // A browser page forgets its server on reload: tell it again (without a secret).
    await platform.configureTeamServer({
      serverUrl: settings.serverUrl,
      user: settings.user,
      authKind: settings.authKind,
    })
  }
  return new TaxiiClient({
    serverUrl: settings.serverUrl,
    transport: (request) => platform.teamServerRequest(request),
  })
}

/**
 * This session's unfinished pushes, by case, selection and collection: the objects exported
 * for the attempt and the ledger of what the server confirmed. "Push the rest" sends those
 * same objects again minus the confirmed ones (a new export would move every `modified`, so
 * nothing would match the ledger); a push that completed leaves nothing here.
 */
const unfinished = new Map<string, { ledger: PushLedger; objects: StixObject[] }>()

/** Whether a push of this case (or selection) to the collection stopped half-way. */
export function hasUnfinishedPush(caseId: string, briefingId: string, collectionUrl: string) {
  return unfinished.has(`${caseId}|${briefingId}|${collectionUrl}`)
}

/**
 * Pushes a case, or one briefing's selection, to the configured collection; after a push that
 * stopped half-way, sends the rest of that same export.
 */
export async function pushCase(
  settings: TeamServerSettings,
  caseId: string,
  briefingId: string,
  onProgress: (progress: PushProgress) => void,
  platform: Platform = getPlatform(),
): Promise<PushReport> {
  const db = getDb()
  const client = await clientFor(settings, platform)
  const target = await client.resolveTarget(settings.apiRoot, settings.collection)
  const key = `${caseId}|${briefingId}|${target.collectionUrl}`
  let attempt = unfinished.get(key)
  if (!attempt) {
    const [{ loadCaseSnapshot }, { exportStixBundle }] = await Promise.all([
      import('../../interop/snapshot'),
      import('../../interop/stix/export'),
    ])
    const snapshot = await loadCaseSnapshot(db, caseId)
    // Without the extension definition: TAXII servers on the OASIS code break on its `version`.
    const bundle = exportStixBundle(snapshot, {
      ...(briefingId ? { briefingId } : {}),
      extensionDefinition: false,
    })
    attempt = { ledger: newLedger(), objects: bundle.objects }
  }
  const report = await pushObjects(client, target, attempt.objects, {
    ledger: attempt.ledger,
    onProgress,
  })
  if (report.error) unfinished.set(key, attempt)
  else unfinished.delete(key)
  return report
}

/** What a pull brought, planned for the preview. */
export interface PulledPlan {
  target: TaxiiTarget
  plan: StixImportPlan | undefined
  objects: number
  pages: number
  cursor?: string
  /** The `added_after` the pull used (undefined: everything). */
  since?: string
}

/**
 * Pulls what the collection gained since this case's last pull from it (everything when
 * `fromStart`) and plans its import; writes nothing. `plan` is undefined when nothing is new.
 */
export async function pullIntoPlan(
  settings: TeamServerSettings,
  caseId: string,
  fromStart: boolean,
  onPage: (objects: number) => void,
  platform: Platform = getPlatform(),
): Promise<PulledPlan> {
  const db = getDb()
  const client = await clientFor(settings, platform)
  const target = await client.resolveTarget(settings.apiRoot, settings.collection)
  const since = fromStart ? undefined : lastPull(await db.cases.get(caseId), target.collectionUrl)
  const pulled = await pullObjects(client, target, { addedAfter: since, onPage })
  if (pulled.objects.length === 0) {
    return {
      target,
      plan: undefined,
      objects: 0,
      pages: pulled.pages,
      cursor: pulled.cursor,
      since,
    }
  }
  const { planStixImport } = await import('../../interop/stix/import')
  const plan = await planStixImport(
    db,
    caseId,
    bundleOf(pulled.objects, `bundle--${crypto.randomUUID()}`),
  )
  return {
    target,
    plan,
    objects: pulled.objects.length,
    pages: pulled.pages,
    cursor: pulled.cursor,
    since,
  }
}

/** Remembers where a pull ended, after its import (or when it brought nothing new). */
export async function rememberPull(caseId: string, pulled: PulledPlan): Promise<void> {
  if (!pulled.cursor || pulled.cursor === pulled.since) return
  await recordTeamServerPull(getDb(), caseId, {
    collectionUrl: pulled.target.collectionUrl,
    addedLast: pulled.cursor,
    title: pulled.target.collection.title || pulled.target.collection.id,
  })
}
