import { describe, expect, it } from 'vitest'
import { benchArticle, benchNer, benchSuggestWorker } from './bench-ner'
import { SuggestClient, type SuggestWorkerLike } from './suggest-client'
import { createSuggestHandler } from './suggest-handler'

// Shape only: timings depend on the machine, so no test asserts on them.
describe('benchNer', () => {
  it('uses an article of about 5 KB', () => {
    const bytes = new TextEncoder().encode(benchArticle()).length
    expect(bytes).toBeGreaterThan(4500)
    expect(bytes).toBeLessThan(6500)
  })

  it('reports size, count and timings', () => {
    const rows = benchNer({ runs: 2, warmup: 1 })
    expect(rows.map((r) => r.name)).toEqual([
      'ner: article size',
      'ner: suggestions',
      'ner: first run (cold)',
      'ner: median of 2 runs',
      'ner: slowest run',
    ])
    for (const row of rows) expect(Number.isFinite(row.value)).toBe(true)
    expect(rows[1]!.value).toBeGreaterThan(50)
  })

  it('times round trips through a worker', async () => {
    const handle = createSuggestHandler()
    const listeners: ((event: { data: unknown }) => void)[] = []
    const worker: SuggestWorkerLike = {
      postMessage: (message) => {
        void handle(message).then((data) => listeners.forEach((l) => l({ data })))
      },
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'message') listeners.push(listener as (event: { data: unknown }) => void)
      },
      terminate: () => undefined,
    }
    const client = new SuggestClient({ createWorker: () => worker })
    const rows = await benchSuggestWorker(client, { runs: 2, warmup: 0, text: 'Iran and Qatar.' })
    expect(rows.map((r) => r.name)).toEqual([
      'suggest worker: first request (start + load)',
      'suggest worker: median of 2 round trips',
    ])
  })
})
