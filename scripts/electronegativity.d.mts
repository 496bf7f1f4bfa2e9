/**
 * Types for `electronegativity.mjs` (`npm run electronegativity`), so that its tests can import
 * it without `allowJs`. Keep in step with `electronegativity.mjs`.
 */

/** One finding of a scan. */
export interface Finding {
  id: string
  file: string
  line: number
  severity: string
  confidence: string
  description: string
}

/** Checks left out: the one that needs the network. */
export declare const EXCLUDED_CHECKS: readonly string[]

/** Findings accepted, by check id and file, each with why. */
export declare const ACCEPTED: readonly { id: string; file: string; why: string }[]

/** Splits findings into accepted and not, and names accepted entries that were not found. */
export declare function judge<F extends { id: string; file: string }>(
  findings: F[],
  accepted?: readonly { id: string; file: string }[],
): { accepted: F[]; rejected: F[]; stale: { id: string; file: string }[] }

/** Runs Electronegativity on `dir` without the network. */
export declare function scan(
  dir: string,
  electronVersion: string,
): Promise<{ errors: unknown[]; findings: Finding[] }>
