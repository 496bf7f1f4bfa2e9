/**
 * Test support: starts the OASIS reference TAXII 2.1 server (medallion, in memory, on
 * 127.0.0.1) with `../shared/taxii/start-taxii.mjs`, typed. Imported by tests only: the unit
 * tests of src/, electron/ and scripts/, and the e2e specs (tsconfig.node.json lists this file,
 * which imports nothing, so that both projects type-check it).
 */

/** A running medallion (see ../shared/taxii/README.md). */
export interface RunningTaxii {
  discovery: string
  apiRoot: string
  /** The writable collection's URL (`casefile-team`). */
  team: string
  /** The read-only collection's URL (`casefile-feed`). */
  feed: string
  auth: string
  user: string
  password: string
  stderr(): string
  stop(): Promise<number | null>
}

/** The writable collection's id. */
export const TEAM_COLLECTION = '17990016-888a-470d-9267-3b21ef173322'
/** The read-only collection's id. */
export const FEED_COLLECTION = '4747adab-7f35-4181-85f9-7a1a3ea6856b'

/** Where the shared TAXII folder is: `../shared/taxii` beside the repository. */
export const SHARED_TAXII = new URL('../../../shared/taxii/', import.meta.url)

/** Starts medallion; stop it with `stop()`. */
export async function startTaxii(
  options: { user?: string; data?: string; maxPageSize?: number } = {},
): Promise<RunningTaxii> {
  const helper = new URL('start-taxii.mjs', SHARED_TAXII).href
  const mod = (await import(/* @vite-ignore */ helper)) as {
    startTaxii(o: typeof options): Promise<RunningTaxii>
  }
  return mod.startTaxii(options)
}
