/**
 * The desktop's team server connection, in the main process: the only place in the desktop
 * app that talks to a TAXII server (the renderer's CSP allows `connect-src 'self'` only). It
 * keeps the configured server (URL, user, whether a password or a token) in a small JSON file
 * in userData, and the password or token encrypted by the operating system with Electron's
 * `safeStorage` in a file of its own; the secret never goes back to the renderer. Where the OS
 * offers no real key store (`safeStorage` unavailable, or Linux's `basic_text` fallback) the
 * secret is kept in memory for this run only and the settings say so. Requests go through the
 * shared forwarder (`../taxii-forward.mjs`), which refuses any host but the configured server.
 */
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type {
  TaxiiConfigurePayload,
  TaxiiRequestPayload,
  TaxiiResponseValue,
  TeamServerStatusValue,
} from '../contract'
import { authorizationHeader, checkServerUrl, forwardTaxiiRequest } from '../taxii-forward.mjs'
import { writeFileAtomic } from './file-io'

/** The part of Electron's `safeStorage` used here (async API, Electron ≥ 38). */
export interface SecretStore {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>
  /** Linux only: 'basic_text' means no OS key store (a fixed key): not used for secrets. */
  getSelectedStorageBackend?(): string
}

/** What the team server connection needs. */
export interface TeamServerDeps {
  /** Electron's userData folder. */
  dir: string
  secrets: SecretStore
  platform: NodeJS.Platform
  /** Overrides the global fetch (tests). */
  fetch?: typeof fetch
}

/** The settings file (no secret in it). */
export const CONFIG_FILE = 'team-server.json'
/** The OS-encrypted password or token. */
export const SECRET_FILE = 'team-server.secret'

const ConfigSchema = z.strictObject({
  serverUrl: z.string().max(2048),
  user: z.string().max(256),
  authKind: z.enum(['password', 'token']),
})
type Config = z.infer<typeof ConfigSchema>

/** A failure the IPC layer passes on with its code. */
export class TeamServerError extends Error {
  override name = 'TeamServerError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The main process's team server connection (one per app). */
export interface TeamServerMain {
  configure(payload: TaxiiConfigurePayload): Promise<TeamServerStatusValue>
  status(): Promise<TeamServerStatusValue>
  request(payload: TaxiiRequestPayload): Promise<TaxiiResponseValue>
}

/** Creates the connection; nothing is read until the first call. */
export function createTeamServerMain(deps: TeamServerDeps): TeamServerMain {
  let loaded = false
  let config: Config | undefined
  let secret: string | undefined
  let persisted = false

  async function osStoreUsable(): Promise<boolean> {
    try {
      if (!(await deps.secrets.isAsyncEncryptionAvailable())) return false
      if (
        deps.platform === 'linux' &&
        deps.secrets.getSelectedStorageBackend?.() === 'basic_text'
      ) {
        return false
      }
      return true
    } catch {
      return false
    }
  }

  async function load(): Promise<void> {
    if (loaded) return
    loaded = true
    try {
      const parsed = ConfigSchema.safeParse(
        JSON.parse(await readFile(join(deps.dir, CONFIG_FILE), 'utf8')),
      )
      if (parsed.success) config = parsed.data
    } catch {
      // No settings yet.
    }
    try {
      const encrypted = await readFile(join(deps.dir, SECRET_FILE))
      if (await osStoreUsable()) {
        secret = (await deps.secrets.decryptStringAsync(encrypted)).result
        persisted = true
      }
    } catch {
      // No stored secret, or the OS cannot decrypt it any more: the analyst types it again.
    }
  }

  async function status(): Promise<TeamServerStatusValue> {
    await load()
    return {
      serverUrl: config?.serverUrl ?? null,
      user: config?.user ?? '',
      authKind: config?.authKind ?? 'password',
      hasSecret: secret !== undefined && secret !== '',
      secretKept: secret === undefined ? 'none' : persisted ? 'os' : 'memory',
    }
  }

  return {
    status,

    async configure({ serverUrl, user, authKind, secret: newSecret }) {
      await load()
      const checked = checkServerUrl(serverUrl)
      if (!checked.ok) throw new TeamServerError(checked.error.code, checked.error.message)
      const next: Config = { serverUrl: checked.url.href, user, authKind }
      // A new server or user makes the old secret meaningless: it is forgotten unless replaced.
      const sameAccount =
        config !== undefined && config.serverUrl === next.serverUrl && config.user === next.user
      if (newSecret === null || (newSecret === undefined && !sameAccount)) {
        secret = undefined
        persisted = false
        await rm(join(deps.dir, SECRET_FILE), { force: true })
      } else if (newSecret !== undefined) {
        secret = newSecret
        persisted = false
        await rm(join(deps.dir, SECRET_FILE), { force: true })
        if (newSecret !== '' && (await osStoreUsable())) {
          const encrypted = await deps.secrets.encryptStringAsync(newSecret)
          await writeFileAtomic(join(deps.dir, SECRET_FILE), new Uint8Array(encrypted))
          persisted = true
        }
      }
      config = next
      await writeFileAtomic(
        join(deps.dir, CONFIG_FILE),
        new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`),
      )
      return status()
    },

    async request(payload) {
      await load()
      if (!config) {
        throw new TeamServerError(
          'NOT_CONFIGURED',
          'No team server is configured. Open Team server settings and fill in the server URL.',
        )
      }
      const authorization = authorizationHeader(
        config.authKind === 'token'
          ? { token: secret }
          : { user: config.user, password: secret ?? '' },
      )
      const result = await forwardTaxiiRequest(payload, {
        serverUrl: config.serverUrl,
        authorization,
        fetch: deps.fetch,
      })
      if (!result.ok) throw new TeamServerError(result.error.code, result.error.message)
      return result.value
    },
  }
}
