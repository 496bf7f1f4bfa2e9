/**
 * A TAXII 2.1 client (OASIS TAXII 2.1, sections 4–5) over a pluggable transport: discovery,
 * the API root (its `max_content_length`), collections, one page of objects (`added_after`,
 * `limit`, `next`), posting an envelope and reading a status resource until it is complete.
 * It builds the requests and reads the answers; the transport performs them — on the desktop
 * the main process, in the browser build the web server's same-origin endpoint, on the command
 * line and in tests the forwarder directly (`electron/taxii-forward.mjs` in every case), which
 * adds the credentials and refuses any host but the configured server. Every URL it builds
 * ends with `/` (TAXII's URLs do; medallion redirects otherwise) and every failure is a
 * `TaxiiError` with a code and what to do.
 */
import type { ForwardRequest, ForwardResponse } from '../../../electron/taxii-forward.mjs'
import { TaxiiError, errorForStatus, taxiiError, type TaxiiErrorCode } from './errors'

/** Performs one request to the configured team server; never throws for a refusal. */
export type TaxiiTransport = (
  request: ForwardRequest,
) => Promise<
  { ok: true; value: ForwardResponse } | { ok: false; error: { code: string; message: string } }
>

/** A STIX object as it travels: only `id` and `type` are relied on. */
export interface StixObject {
  id: string
  type: string
  [key: string]: unknown
}

/** The discovery resource (TAXII 2.1 §4.1). */
export interface Discovery {
  title: string
  default?: string
  api_roots: string[]
}

/** The API root resource (§4.2). */
export interface ApiRootInfo {
  title: string
  versions: string[]
  max_content_length: number
}

/** A collection resource (§5.2). */
export interface CollectionInfo {
  id: string
  title: string
  alias?: string
  description?: string
  can_read: boolean
  can_write: boolean
  media_types?: string[]
}

/** A status resource (§4.3). */
export interface TaxiiStatus {
  id: string
  status: 'complete' | 'pending' | string
  total_count: number
  success_count: number
  failure_count: number
  pending_count: number
  successes?: { id: string; version?: string; message?: string }[]
  failures?: { id: string; version?: string; message?: string }[]
  pendings?: { id: string; version?: string }[]
}

/** One page of a collection's objects. */
export interface ObjectsPage {
  objects: StixObject[]
  more: boolean
  next?: string
  /** `X-TAXII-Date-Added-First`, when the server sent it. */
  dateAddedFirst?: string
  /** `X-TAXII-Date-Added-Last`: pass it as `added_after` next time to get only newer objects. */
  dateAddedLast?: string
}

/** Where pushes and pulls go, resolved from the settings by `resolveTarget`. */
export interface TaxiiTarget {
  apiRootUrl: string
  maxContentLength: number
  collection: CollectionInfo
  /** `<api root>collections/<id>/` */
  collectionUrl: string
}

/** The timestamp forms `added_after` accepts (medallion answers 500 to anything else). */
export const TAXII_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/

/**
 * The polling schedule for a pending status: waits in ms, then gives up (still pending). It
 * starts short and doubles, so a server that finishes quickly is not waited for longer than
 * about as long as it took (a push polls only while the server says `pending`).
 */
export const POLL_DELAYS_MS: readonly number[] = [
  50, 100, 200, 400, 800, 1600, 3200, 6400, 8000, 8000, 8000,
]

/** Options of a `TaxiiClient`. */
export interface TaxiiClientOptions {
  transport: TaxiiTransport
  /** The configured server URL: its discovery URL, or an API root URL. */
  serverUrl: string
  /** Waits between status polls; injectable so tests need not wait for time. */
  sleep?: (ms: number) => Promise<void>
}

/** Appends the trailing slash TAXII URLs carry. */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

/**
 * The API root URL for what the analyst typed: a full URL as it is, a bare name (`casefile`
 * or `/casefile/`) under the server's origin.
 */
export function apiRootUrlFor(serverUrl: string, apiRoot: string): string {
  const trimmed = apiRoot.trim()
  if (/^https?:\/\//i.test(trimmed)) return withSlash(trimmed)
  const name = trimmed.replace(/^\/+|\/+$/g, '')
  return withSlash(new URL(`/${name}/`, serverUrl).href)
}

/** A TAXII 2.1 client for one configured server. */
export class TaxiiClient {
  readonly serverUrl: string
  private readonly transport: TaxiiTransport
  private readonly sleep: (ms: number) => Promise<void>
  private readonly host: string

  constructor({ transport, serverUrl, sleep }: TaxiiClientOptions) {
    this.transport = transport
    this.serverUrl = withSlash(serverUrl.trim())
    this.sleep = sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    let host = serverUrl
    try {
      host = new URL(this.serverUrl).host
    } catch {
      // Left as typed: the transport refuses it with URL_NOT_ALLOWED.
    }
    this.host = host
  }

  /** Performs a request and returns the parsed JSON body (with the response's headers). */
  private async call(
    request: ForwardRequest,
    doing: string,
    accept: readonly number[] = [200],
  ): Promise<{ json: unknown; headers: Record<string, string>; status: number }> {
    const result = await this.transport(request)
    if (!result.ok) {
      const code = result.error.code as TaxiiErrorCode
      const known: TaxiiErrorCode[] = [
        'UNREACHABLE',
        'TLS',
        'TOO_LARGE',
        'URL_NOT_ALLOWED',
        'NOT_CONFIGURED',
      ]
      throw taxiiError(
        known.includes(code) ? code : 'UNREACHABLE',
        `${result.error.message.replace(/\.$/, '')} while ${doing}`,
      )
    }
    const { status, body, headers } = result.value
    if (!accept.includes(status)) throw errorForStatus(status, body, doing, this.host)
    let json: unknown
    try {
      json = body.trim() === '' ? {} : JSON.parse(body)
    } catch {
      throw taxiiError(
        'SERVER_ERROR',
        `${this.host} answered with something that is not TAXII JSON while ${doing}`,
        status,
      )
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw taxiiError('SERVER_ERROR', `${this.host} answered an unexpected shape while ${doing}`)
    }
    return { json, headers, status }
  }

  /** GET the discovery resource at the server URL. */
  async discover(): Promise<Discovery> {
    const { json } = await this.call({ method: 'GET', url: this.serverUrl }, 'reading discovery')
    const d = json as Partial<Discovery>
    return {
      title: typeof d.title === 'string' ? d.title : '',
      default: typeof d.default === 'string' ? d.default : undefined,
      api_roots: Array.isArray(d.api_roots)
        ? d.api_roots.filter((r): r is string => typeof r === 'string')
        : [],
    }
  }

  /** GET an API root's information. */
  async apiRootInfo(apiRootUrl: string): Promise<ApiRootInfo> {
    const { json } = await this.call(
      { method: 'GET', url: withSlash(apiRootUrl) },
      'reading the API root',
    )
    const info = json as Partial<ApiRootInfo>
    const max = Number(info.max_content_length)
    return {
      title: typeof info.title === 'string' ? info.title : '',
      versions: Array.isArray(info.versions) ? info.versions.map(String) : [],
      max_content_length: Number.isFinite(max) && max > 0 ? max : 10 * 1024 * 1024,
    }
  }

  /**
   * The API root to use: the one named in the settings, else the discovery resource's
   * `default`, else its only API root; the server URL itself when it is an API root.
   */
  async resolveApiRoot(apiRoot: string): Promise<string> {
    if (apiRoot.trim() !== '') return apiRootUrlFor(this.serverUrl, apiRoot)
    const { json } = await this.call({ method: 'GET', url: this.serverUrl }, 'reading discovery')
    const d = json as Partial<Discovery & ApiRootInfo>
    if (typeof d.max_content_length === 'number' || Array.isArray(d.versions)) {
      return this.serverUrl
    }
    const roots = Array.isArray(d.api_roots) ? d.api_roots.map(String) : []
    const chosen = typeof d.default === 'string' ? d.default : roots.length === 1 ? roots[0] : ''
    if (!chosen) {
      throw taxiiError(
        'NOT_FOUND',
        `${this.host} lists ${roots.length} API roots and no default: name one in Team server settings`,
      )
    }
    return apiRootUrlFor(this.serverUrl, chosen)
  }

  /** GET the collections of an API root. */
  async collections(apiRootUrl: string): Promise<CollectionInfo[]> {
    const { json } = await this.call(
      { method: 'GET', url: `${withSlash(apiRootUrl)}collections/` },
      'listing the collections',
    )
    const list = (json as { collections?: unknown }).collections
    return Array.isArray(list)
      ? (list as CollectionInfo[]).filter((c) => typeof c?.id === 'string')
      : []
  }

  /**
   * Resolves the settings' API root and collection (matched by id, alias or title, in that
   * order) into a target with the API root's `max_content_length`.
   */
  async resolveTarget(apiRoot: string, collection: string): Promise<TaxiiTarget> {
    const apiRootUrl = await this.resolveApiRoot(apiRoot)
    const info = await this.apiRootInfo(apiRootUrl)
    const all = await this.collections(apiRootUrl)
    const wanted = collection.trim()
    const found =
      all.find((c) => c.id === wanted) ??
      all.find((c) => c.alias === wanted) ??
      all.find((c) => c.title === wanted)
    if (!found) {
      const names = all.map((c) => c.alias ?? c.title ?? c.id).join(', ') || 'none'
      throw taxiiError(
        'NOT_FOUND',
        `${this.host} has no collection "${wanted}" under ${apiRootUrl} (it has: ${names})`,
      )
    }
    return {
      apiRootUrl,
      maxContentLength: info.max_content_length,
      collection: found,
      collectionUrl: `${apiRootUrl}collections/${encodeURIComponent(found.id)}/`,
    }
  }

  /** GET one page of a collection's objects (§5.4), with the same filters on every page. */
  async getObjectsPage(
    collectionUrl: string,
    { addedAfter, limit, next }: { addedAfter?: string; limit?: number; next?: string } = {},
  ): Promise<ObjectsPage> {
    const params = new URLSearchParams()
    if (addedAfter !== undefined) {
      if (!TAXII_TIMESTAMP.test(addedAfter)) {
        throw new RangeError(`added_after must be a TAXII timestamp, not ${addedAfter}`)
      }
      params.set('added_after', addedAfter)
    }
    // medallion answers 500 to `next` without `limit`, so a limit always goes with it.
    if (limit !== undefined || next !== undefined) params.set('limit', String(limit ?? 100))
    if (next !== undefined) params.set('next', next)
    const query = params.toString()
    const { json, headers } = await this.call(
      { method: 'GET', url: `${withSlash(collectionUrl)}objects/${query ? `?${query}` : ''}` },
      'reading the collection',
    )
    const envelope = json as { objects?: unknown; more?: unknown; next?: unknown }
    const objects = Array.isArray(envelope.objects)
      ? (envelope.objects as StixObject[]).filter(
          (o) => o && typeof o.id === 'string' && typeof o.type === 'string',
        )
      : []
    return {
      objects,
      more: envelope.more === true,
      next: typeof envelope.next === 'string' ? envelope.next : undefined,
      dateAddedFirst: headers['x-taxii-date-added-first'],
      dateAddedLast: headers['x-taxii-date-added-last'],
    }
  }

  /**
   * POST an envelope of objects to a collection (§5.5); resolves to its status resource.
   * `body`, when given, is the envelope's JSON already made (`serialiseBatches`), sent as it is.
   */
  async postEnvelope(
    collectionUrl: string,
    objects: readonly StixObject[],
    body: string = JSON.stringify({ objects }),
  ): Promise<TaxiiStatus> {
    const { json } = await this.call(
      { method: 'POST', url: `${withSlash(collectionUrl)}objects/`, body },
      'adding objects to the collection',
      [200, 201, 202],
    )
    return readStatus(json)
  }

  /** GET a status resource (§4.3). */
  async getStatus(apiRootUrl: string, statusId: string): Promise<TaxiiStatus> {
    const { json } = await this.call(
      { method: 'GET', url: `${withSlash(apiRootUrl)}status/${encodeURIComponent(statusId)}/` },
      'reading the status of a push',
    )
    return readStatus(json)
  }

  /**
   * Polls a status until it is complete, waiting `POLL_DELAYS_MS` between reads; resolves to
   * the last status read (still `pending` if the server never finished in that time).
   */
  async waitForStatus(apiRootUrl: string, status: TaxiiStatus): Promise<TaxiiStatus> {
    let current = status
    for (const delay of POLL_DELAYS_MS) {
      if (isComplete(current)) return current
      await this.sleep(delay)
      current = await this.getStatus(apiRootUrl, current.id)
    }
    return current
  }
}

/** True when a status has nothing pending. */
export function isComplete(status: TaxiiStatus): boolean {
  return status.status === 'complete' || (status.pending_count === 0 && status.status !== 'pending')
}

function readStatus(json: unknown): TaxiiStatus {
  const s = json as Partial<TaxiiStatus>
  if (typeof s.id !== 'string') {
    throw new TaxiiError('SERVER_ERROR', 'The server answered a push without a status resource.')
  }
  const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0)
  return {
    ...s,
    id: s.id,
    status: typeof s.status === 'string' ? s.status : 'pending',
    total_count: count(s.total_count),
    success_count: count(s.success_count),
    failure_count: count(s.failure_count),
    pending_count: count(s.pending_count),
  } as TaxiiStatus
}
