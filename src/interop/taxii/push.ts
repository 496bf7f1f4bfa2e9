/**
 * Pushing STIX objects to a TAXII collection: which objects go (`planPush` leaves out the ones
 * servers break on), how they are cut into envelopes as large as the API root's
 * `max_content_length` allows (`serialiseBatches`: each object is turned into JSON once, and
 * that text is both measured and sent), and the push itself (`pushObjects`): the POSTs go out
 * with up to `PUSH_CONCURRENCY` in flight, so the server never waits for Casefile to send the
 * next envelope; each status is polled until complete; progress is reported after every batch;
 * and a ledger of what the server confirmed lets a push that failed half-way be resumed by
 * calling it again with the same ledger — only the rest is sent. It never throws a
 * `TaxiiError`: the report carries the error, and what was done before it.
 */
import { TaxiiError, taxiiError } from './errors'
import type { StixObject, TaxiiClient, TaxiiStatus, TaxiiTarget } from './client'

/**
 * The most one envelope holds, whatever the server allows: the transports' own ceiling on a
 * request body (`MAX_TAXII_BODY_CHARS` in electron/contract.ts is 16 Mi characters; a body of
 * at most this many bytes has at most this many characters). Below it, the server's
 * `max_content_length` decides: fewer, larger requests cost a server less (the OASIS reference
 * server copies the whole collection twice for every request).
 */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024

/** How many POSTs a push keeps in flight at once (see the module comment). */
export const PUSH_CONCURRENCY = 2

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

/** The envelope's fixed bytes: `{"objects":[` and `]}`. */
const ENVELOPE_HEAD = '{"objects":['
const ENVELOPE_TAIL = ']}'
const ENVELOPE_BYTES = ENVELOPE_HEAD.length + ENVELOPE_TAIL.length

/** The UTF-8 length of `text`, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) bytes += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      // A surrogate pair: 4 bytes for 2 UTF-16 units; a lone surrogate is U+FFFD, 3 bytes.
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 2
        i++
      } else bytes += 2
    } else bytes += 2
  }
  return bytes
}

/** One envelope ready to send: its objects and the JSON text of `{"objects": [...]}`. */
export interface SerialisedBatch {
  objects: StixObject[]
  body: string
  /** The body's size in UTF-8 bytes. */
  bytes: number
}

/**
 * Cuts objects into envelopes whose JSON is at most `maxBytes` (and `MAX_BATCH_BYTES`), each
 * object serialised once. Throws `TOO_LARGE` for an object that does not fit in an envelope
 * alone.
 */
export function serialiseBatches(
  objects: readonly StixObject[],
  maxBytes: number,
): SerialisedBatch[] {
  const limit = Math.min(maxBytes, MAX_BATCH_BYTES)
  const batches: SerialisedBatch[] = []
  let batch: StixObject[] = []
  let parts: string[] = []
  let size = ENVELOPE_BYTES
  const close = () => {
    const body = ENVELOPE_HEAD + parts.join(',') + ENVELOPE_TAIL
    batches.push({ objects: batch, body, bytes: size })
    batch = []
    parts = []
    size = ENVELOPE_BYTES
  }
  for (const object of objects) {
    const json = JSON.stringify(object)
    const bytes = utf8Length(json)
    if (ENVELOPE_BYTES + bytes > limit) {
      throw taxiiError(
        'TOO_LARGE',
        `The ${object.type} ${object.id} alone is ${bytes} bytes, more than one request can carry (the server's max_content_length is ${maxBytes}${limit < maxBytes ? `, Casefile's ceiling ${limit}` : ''})`,
        413,
      )
    }
    if (batch.length > 0 && size + 1 + bytes > limit) close()
    size += bytes + (batch.length > 0 ? 1 : 0)
    batch.push(object)
    parts.push(json)
  }
  if (batch.length > 0) close()
  return batches
}

/**
 * The objects of each envelope `serialiseBatches` would make: at most `maxBytes` (and
 * `MAX_BATCH_BYTES`) of JSON each.
 */
export function batchObjects(objects: readonly StixObject[], maxBytes: number): StixObject[][] {
  return serialiseBatches(objects, maxBytes).map((b) => b.objects)
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
  /** POSTs in flight at once (default `PUSH_CONCURRENCY`; 1 sends one after the other). */
  concurrency?: number
}

/** Pushes objects to the target collection, resuming from `options.ledger`. */
export async function pushObjects(
  client: TaxiiClient,
  target: TaxiiTarget,
  objects: readonly StixObject[],
  { ledger, onProgress, signal, concurrency = PUSH_CONCURRENCY }: PushOptions,
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
  let batches: SerialisedBatch[]
  try {
    batches = serialiseBatches(todo, target.maxContentLength)
  } catch (error) {
    report.error = asTaxiiError(error)
    return report
  }
  report.batches = batches.length
  let done = report.resumed
  let finished = 0
  onProgress?.({ done, total: send.length, batch: 0, batches: batches.length })

  /** Books a batch's status into the ledger and the report. */
  const settle = (batch: StixObject[], status: TaxiiStatus) => {
    const byId = new Map(batch.map((o) => [o.id, o]))
    const confirm = (object: StixObject) => {
      const key = versionKey(object)
      if (ledger.confirmed.has(key)) return false
      ledger.confirmed.add(key)
      done += 1
      return true
    }
    for (const success of status.successes ?? []) {
      const object = byId.get(success.id)
      if (!object || !confirm(object)) continue
      if (success.message && /already/i.test(success.message)) report.alreadyThere += 1
      else report.added += 1
    }
    for (const failure of status.failures ?? []) {
      const object = byId.get(failure.id)
      // A refused object is settled too: sending it again would be refused again.
      if (!object || !confirm(object)) continue
      report.failures.push({ id: failure.id, message: failure.message ?? 'refused' })
    }
    for (const pending of status.pendings ?? []) report.pending.push(pending.id)
    if (!status.successes && !status.failures && status.success_count === batch.length) {
      // A server that counts without listing: the whole batch succeeded.
      for (const object of batch) if (confirm(object)) report.added += 1
    }
    finished += 1
    onProgress?.({ done, total: send.length, batch: finished, batches: batches.length })
  }

  // Up to `concurrency` workers take the next batch in turn; the first error stops them all
  // from taking more, and what is already in flight still settles into the ledger.
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < batches.length && !report.error) {
      if (signal?.aborted) {
        report.error ??= new TaxiiError(
          'UNREACHABLE',
          'The push was stopped. Push again to send the rest.',
        )
        return
      }
      const batch = batches[next++]!
      try {
        let status = await client.postEnvelope(target.collectionUrl, batch.objects, batch.body)
        report.statusIds.push(status.id)
        status = await client.waitForStatus(target.apiRootUrl, status)
        settle(batch.objects, status)
      } catch (error) {
        report.error ??= asTaxiiError(error)
        return
      }
    }
  }
  const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, batches.length))
  await Promise.all(Array.from({ length: workers }, worker))
  if (report.error) return report
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
