/**
 * The suggestion worker's message handler: checks each request, runs the recogniser and
 * answers with the request's correlation id, one request at a time in arrival order, and
 * never throws. The recogniser (compromise, about 350 KB of lexicon and rules, and the
 * trained name tagger's weights, about 2 MB, parsed once) is imported on the first
 * request, not when the worker starts, so an idle worker stays small. Kept apart from `suggest.worker.ts` so that it can be tested without a Worker.
 */
import type { SuggestOptions, Suggestion } from './ner'
import { parseRequest, type SuggestResponse } from './suggest-protocol'

/** The recogniser as the handler calls it. */
export type SuggestFn = (text: string, options: SuggestOptions) => Suggestion[]

/** Loads the recogniser; the real one by default. */
export type LoadRecogniser = () => Promise<SuggestFn>

const loadNer: LoadRecogniser = async () => (await import('./ner')).suggestEntities

/** Creates the handler; `load` is replaceable in tests. */
export function createSuggestHandler(
  load: LoadRecogniser = loadNer,
): (data: unknown) => Promise<SuggestResponse> {
  let recogniser: Promise<SuggestFn> | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const answer = async (data: unknown): Promise<SuggestResponse> => {
    const parsed = parseRequest(data)
    if (!parsed.ok) {
      return { id: parsed.id, ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } }
    }
    const { id, text, never } = parsed.request
    try {
      recogniser ??= load()
      const suggest = await recogniser
      return { id, ok: true, value: { suggestions: suggest(text, { never }) } }
    } catch (error) {
      // A failed load is retried on the next request rather than remembered.
      recogniser = null
      const message = error instanceof Error ? error.message : String(error)
      return { id, ok: false, error: { code: 'FAILED', message } }
    }
  }

  return (data: unknown) => {
    const reply = queue.then(() => answer(data))
    queue = reply
    return reply
  }
}
