/**
 * Pushing STIX objects to a TAXII collection: which objects go (`planPush` leaves out the ones
 * servers break on), how they are cut into envelopes that fit the API root's
 * `max_content_length` (`batchObjects`), and the push itself (`pushObjects`): one POST per
 * batch, each status polled until complete, progress reported after every batch, and a
 * ledger of what the server confirmed so that a push that failed half-way is resumed by
 * calling it again with the same ledger — only the rest is sent. It never throws a
 * `TaxiiError`: the report carries the error, and what was done before it.
 */
import { TaxiiError, taxiiError } from './errors'
import type { StixObject, TaxiiClient, TaxiiStatus, TaxiiTarget } from './client'

/** The most one envelope holds, whatever the server allows: keeps progress moving. */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024

/** The most objects one envelope holds. */
export const MAX_BATCH_OBJECTS = 1000

/** An object left out of a push, and why. */
export interface SkippedObject {
  id: string
  type: string
  reason: string
}

/**
 * Objects with a top-level `version` property (an `extension-definition`, a `software` or
 * `malware-analysis` with a version) are left out: the OASIS reference server takes them and
 * then fails every listing of the collection (HTTP 500) until it restarts, and servers built
 * on its helpers do the same. The property extensions on the other objects still travel; a
 * reader without the definition keeps them as unknown properties.
 */
export function planPush(objects: readonly StixObject[]): {
  send: StixObject[]
  skipped: SkippedObject[]
} {
  const send: StixObject[] = []
  const skipped: SkippedObject[] = []
  for (const object of objects) {
    if ('version' in object) {
      skipped.push({
        id: object.id,
        type: object.type,
        reason:
          'has a top-level "version" property, which breaks listing on TAXII servers built on the OASIS reference code (medallion answers HTTP 500 to every read of the collection afterwards)',
      })
    } else send.push(object)
  }
  return { send, skipped }
}

const encoder = new TextEncoder()

/** The envelope's fixed bytes: `{"objects":[` and `]}`. */
const ENVELOPE_BYTES = encoder.encode('{"objects":[]}').length

/**
 * Cuts objects into envelopes whose JSON is at most `maxBytes` (and `MAX_BATCH_OBJECTS`
 * objects). Throws `TOO_LARGE` for an object that does not fit in an envelope alone.
 */
export function batchObjects(objects: readonly StixObject[], maxBytes: number): StixObject[][] {
  const limit = Math.min(maxBytes, MAX_BATCH_BYTES)
  const batches: StixObject[][] = []
  let batch: StixObject[] = []
  let size = ENVELOPE_BYTES
  for (const object of objects) {
    const bytes = encoder.encode(JSON.stringify(object)).length
    if (ENVELOPE_BYTES + bytes > maxBytes) {
      throw taxiiError(
        'TOO_LARGE',
        `The ${object.type} ${object.id} alone is ${bytes} bytes, more than the server accepts in one request (max_content_length ${maxBytes})`,
        413,
      )
    }
    const added = bytes + (batch.length > 0 ? 1 : 0)
    if (batch.length > 0 && (size + added > limit || batch.length >= MAX_BATCH_OBJECTS)) {
      batches.push(batch)
      batch = []
      size = ENVELOPE_BYTES
    }
    size += bytes + (batch.length > 0 ? 1 : 0)
    batch.push(object)
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/**
 * What the server confirmed so far, by object version (`id|modified`), for one push of one
 * case to one collection: pass the same ledger again to resume.
 */
export interface PushLedger {
  confirmed: Set<string>
}

/** A new, empty ledger. */
export function newLedger(): PushLedger {
  return { confirmed: new Set() }
}

/** The key of an object's version in a ledger. */
export function versionKey(object: StixObject): string {
  const version = object.modified ?? object.created ?? ''
  return `${object.id}|${String(version)}`
}

/** Progress after each batch. */
export interface PushProgress {
  /** Objects the server has confirmed in this push (resumed ones included). */
  done: number
  /** Objects to push in all. */
  total: number
  batch: number
  batches: number
}

/** What a push did. */
export interface PushReport {
  collection: string
  /** Objects the push was asked to send (before `planPush`). */
  requested: number
  skipped: SkippedObject[]
  /** Confirmed by the server in an earlier attempt, not sent again. */
  resumed: number
  /** Newly added in this attempt. */
  added: number
  /** Confirmed, but the server already had that version. */
  alreadyThere: number
  failures: { id: string; message: string }[]
  /** Still pending when polling gave up (the server may finish them later). */
  pending: string[]
  batches: number
  statusIds: string[]
  /** True when every object was confirmed or failed by the server (nothing left to send). */
  complete: boolean
  /** Why the push stopped early; calling `pushObjects` again with the same ledger resumes. */
  error?: TaxiiError
}

/** Options of `pushObjects`. */
export interface PushOptions {
  ledger: PushLedger
  onProgress?: (progress: PushProgress) => void
  /** Stops between batches when aborted (reported like a failure, resumable). */
  signal?: AbortSignal
}

/** Pushes objects to the target collection, resuming from `options.ledger`. */
export async function pushObjects(
  client: TaxiiClient,
  target: TaxiiTarget,
  objects: readonly StixObject[],
  { ledger, onProgress, signal }: PushOptions,
): Promise<PushReport> {
  const { send, skipped } = planPush(objects)
  const todo = send.filter((o) => !ledger.confirmed.has(versionKey(o)))
  const report: PushReport = {
    collection: target.collection.title || target.collection.id,
    requested: objects.length,
    skipped,
    resumed: send.length - todo.length,
    added: 0,
    alreadyThere: 0,
    failures: [],
    pending: [],
    batches: 0,
    statusIds: [],
    complete: false,
  }
  let batches: StixObject[][]
  try {
    batches = batchObjects(todo, target.maxContentLength)
  } catch (error) {
    report.error = asTaxiiError(error)
    return report
  }
  report.batches = batches.length
  let done = report.resumed
  onProgress?.({ done, total: send.length, batch: 0, batches: batches.length })
  for (const [index, batch] of batches.entries()) {
    if (signal?.aborted) {
      report.error = new TaxiiError(
        'UNREACHABLE',
        'The push was stopped. Push again to send the rest.',
      )
      return report
    }
    let status: TaxiiStatus
    try {
      status = await client.postEnvelope(target.collectionUrl, batch)
      report.statusIds.push(status.id)
      status = await client.waitForStatus(target.apiRootUrl, status)
    } catch (error) {
      report.error = asTaxiiError(error)
      return report
    }
    const byId = new Map(batch.map((o) => [o.id, o]))
    for (const success of status.successes ?? []) {
      const object = byId.get(success.id)
      if (!object) continue
      ledger.confirmed.add(versionKey(object))
      if (success.message && /already/i.test(success.message)) report.alreadyThere += 1
      else report.added += 1
    }
    for (const failure of status.failures ?? []) {
      const object = byId.get(failure.id)
      if (!object) continue
      // A refused object is settled too: sending it again would be refused again.
      ledger.confirmed.add(versionKey(object))
      report.failures.push({ id: failure.id, message: failure.message ?? 'refused' })
    }
    for (const pending of status.pendings ?? []) report.pending.push(pending.id)
    if (!status.successes && !status.failures && status.success_count === batch.length) {
      // A server that counts without listing: the whole batch succeeded.
      for (const object of batch) ledger.confirmed.add(versionKey(object))
      report.added += batch.length
    }
    done = send.filter((o) => ledger.confirmed.has(versionKey(o))).length
    onProgress?.({ done, total: send.length, batch: index + 1, batches: batches.length })
  }
  report.complete = report.pending.length === 0
  return report
}

function asTaxiiError(error: unknown): TaxiiError {
  if (error instanceof TaxiiError) return error
  return new TaxiiError(
    'SERVER_ERROR',
    `The push failed: ${error instanceof Error ? error.message : String(error)}`,
  )
}
