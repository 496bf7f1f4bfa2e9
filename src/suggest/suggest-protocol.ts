/**
 * The messages between the suggestion client (main thread) and the suggestion worker:
 * their shapes, the checks every inbound message passes before it is acted on (requests in
 * the worker, replies in the client), and the `Result`-like envelope that carries the
 * request's correlation id back. Shared by both sides, so it must stay free of the
 * recogniser itself: importing this module never pulls compromise into the main bundle.
 */
import type { Suggestion, SuggestionKind } from './ner'

/** Ask for the suggestions in `text`, leaving out the forms in `never`. */
export interface SuggestRequest {
  id: number
  type: 'suggest'
  text: string
  never: string[]
}

export type SuggestErrorCode = 'BAD_REQUEST' | 'FAILED'

/** A reply: the request's id (null if the request had none) and a value or an error. */
export type SuggestResponse =
  | { id: number | null; ok: true; value: { suggestions: Suggestion[] } }
  | { id: number | null; ok: false; error: { code: SuggestErrorCode; message: string } }

/** Longest text accepted, in UTF-16 code units (a long report is about 200,000). */
export const MAX_TEXT_LENGTH = 2_000_000
/** Most rejected forms in one request. */
export const MAX_NEVER = 10_000
/** Longest rejected form. */
export const MAX_NEVER_LENGTH = 500

const KINDS: readonly SuggestionKind[] = [
  'person',
  'organisation',
  'location',
  'state',
  'date',
  'other',
]
const CODES: readonly SuggestErrorCode[] = ['BAD_REQUEST', 'FAILED']

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether a value is a correlation id. */
export function isMessageId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * Checks an inbound message against the request shape. Returns the request, or an error
 * message with whatever id could be read (to answer it).
 */
export function parseRequest(
  data: unknown,
): { ok: true; request: SuggestRequest } | { ok: false; id: number | null; message: string } {
  if (!isRecord(data)) return { ok: false, id: null, message: 'A request must be an object.' }
  const id = isMessageId(data.id) ? data.id : null
  const fail = (message: string): { ok: false; id: number | null; message: string } => ({
    ok: false,
    id,
    message,
  })
  if (id === null) return fail('A request needs a non-negative integer id.')
  if (data.type !== 'suggest')
    return fail(`Unknown request type: ${String(data.type).slice(0, 40)}.`)
  const { text, never } = data
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) {
    return fail(`suggest needs text: a string of at most ${MAX_TEXT_LENGTH} characters.`)
  }
  if (
    !Array.isArray(never) ||
    never.length > MAX_NEVER ||
    !never.every((f) => typeof f === 'string' && f.length <= MAX_NEVER_LENGTH)
  ) {
    return fail(
      `suggest needs never: at most ${MAX_NEVER} strings of ${MAX_NEVER_LENGTH} or fewer.`,
    )
  }
  return { ok: true, request: { id, type: 'suggest', text, never: never as string[] } }
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/** Whether a value has the shape of a `Suggestion`. */
export function isSuggestion(value: unknown): value is Suggestion {
  if (!isRecord(value)) return false
  const { start, end, text, kind, confidence, reason, key } = value
  return (
    isOffset(start) &&
    isOffset(end) &&
    start < end &&
    typeof text === 'string' &&
    text.length === end - start &&
    KINDS.includes(kind as SuggestionKind) &&
    typeof confidence === 'number' &&
    confidence >= 0 &&
    confidence <= 1 &&
    typeof reason === 'string' &&
    typeof key === 'string'
  )
}

/** Checks a reply from the worker by shape; null if it is not one. */
export function parseResponse(data: unknown): SuggestResponse | null {
  if (!isRecord(data)) return null
  const id = data.id === null ? null : isMessageId(data.id) ? data.id : undefined
  if (id === undefined) return null
  if (data.ok === true && isRecord(data.value)) {
    const { suggestions } = data.value
    if (!Array.isArray(suggestions) || !suggestions.every(isSuggestion)) return null
    return { id, ok: true, value: { suggestions } }
  }
  const error = data.error
  if (data.ok === false && isRecord(error)) {
    const { code, message } = error
    if (CODES.includes(code as SuggestErrorCode) && typeof message === 'string') {
      return { id, ok: false, error: { code: code as SuggestErrorCode, message } }
    }
  }
  return null
}
