/**
 * The layout worker's message handler: checks each request by shape, runs the layout,
 * times it, and answers with the request's correlation id — never throwing, so that a bad
 * message or a failing layout costs one error reply, not the worker. Kept apart from
 * `layout.worker.ts` so that it can be tested without a Worker.
 */
import { computeLayout } from './layout'
import { parseRequest, type LayoutResponse } from './layout-protocol'

/** Answers one message; `now` is the clock the layout is timed with (ms). */
export function handleLayoutMessage(
  data: unknown,
  now: () => number = () => performance.now(),
): LayoutResponse {
  const parsed = parseRequest(data)
  if (!parsed.ok) {
    return { id: parsed.id, ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } }
  }
  const { id, input } = parsed.request
  try {
    const started = now()
    const positions = computeLayout(input)
    return { id, ok: true, positions, ms: Math.max(0, now() - started) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { id, ok: false, error: { code: 'FAILED', message } }
  }
}
