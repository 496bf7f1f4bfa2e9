/**
 * The search worker as the benchmark runs it: the app's own handler (`search-protocol.ts`),
 * with each reply carrying how long the worker spent on the request (`workerMs`, from its
 * arrival to its answer) and where its queries' time went (`cost`, see `searchCost`), so that
 * the search rows can split a query's time between the worker, the store and the messages.
 */
import { searchCost } from '../../src/search/search-core'
import { createSearchHandler } from '../../src/search/search-protocol'

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void
  postMessage(message: unknown): void
}

const scope = self as unknown as WorkerScope
const handle = createSearchHandler()

scope.addEventListener('message', (event) => {
  const t0 = performance.now()
  void handle(event.data).then((response) => {
    const cost = { ...searchCost }
    for (const key of Object.keys(searchCost) as (keyof typeof searchCost)[]) searchCost[key] = 0
    scope.postMessage({ ...response, workerMs: performance.now() - t0, cost })
  })
})
