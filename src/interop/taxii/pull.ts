/**
 * Pulling from a TAXII collection: every object added since the last pull, page by page
 * (`limit` and `next`, the same `added_after` on every page), with the cursor for next time —
 * the last page's `X-TAXII-Date-Added-Last`, or the one given when nothing new came. The
 * objects come back as a STIX bundle for the import preview.
 */
import { TAXII_TIMESTAMP, type StixObject, type TaxiiClient, type TaxiiTarget } from './client'

/** Objects asked for per page (servers may cap it lower; medallion's default cap is 100). */
export const PULL_PAGE_SIZE = 100

/** The most pages one pull reads (a runaway `more` guard: 10,000 pages). */
export const MAX_PULL_PAGES = 10_000

/** What a pull brought. */
export interface PullResult {
  objects: StixObject[]
  pages: number
  /** Pass as `addedAfter` next time. Undefined only if the collection has never had objects. */
  cursor?: string
}

/** Reads every object added to the target collection after `addedAfter` (all when undefined). */
export async function pullObjects(
  client: TaxiiClient,
  target: TaxiiTarget,
  {
    addedAfter,
    pageSize = PULL_PAGE_SIZE,
    onPage,
  }: {
    addedAfter?: string
    pageSize?: number
    onPage?: (count: number, page: number) => void
  } = {},
): Promise<PullResult> {
  // A cursor in another form would make medallion answer 500: start over rather than fail.
  const after = addedAfter && TAXII_TIMESTAMP.test(addedAfter) ? addedAfter : undefined
  const objects: StixObject[] = []
  const seen = new Set<string>()
  let cursor = after
  let next: string | undefined
  let pages = 0
  do {
    const page = await client.getObjectsPage(target.collectionUrl, {
      addedAfter: after,
      limit: pageSize,
      next,
    })
    pages += 1
    for (const object of page.objects) {
      const key = `${object.id}|${String(object.modified ?? '')}`
      if (seen.has(key)) continue
      seen.add(key)
      objects.push(object)
    }
    if (page.dateAddedLast && TAXII_TIMESTAMP.test(page.dateAddedLast)) cursor = page.dateAddedLast
    onPage?.(objects.length, pages)
    next = page.more ? page.next : undefined
  } while (next !== undefined && pages < MAX_PULL_PAGES)
  return { objects, pages, cursor }
}

/** The pulled objects as a STIX 2.1 bundle (what the STIX import reads). */
export function bundleOf(
  objects: readonly StixObject[],
  id: string,
): {
  type: 'bundle'
  id: string
  objects: StixObject[]
} {
  return { type: 'bundle', id, objects: [...objects] }
}
