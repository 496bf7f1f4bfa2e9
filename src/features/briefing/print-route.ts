/**
 * The print window's route (`#/print/<caseId>/<briefingId>?size=A4|Letter`), parsed apart from
 * PrintRoute.tsx so that the app shell can tell a print window without loading the composer.
 */

/** What a print route names; undefined when `hash` is not one. */
export function parsePrintRoute(
  hash: string,
): { caseId: string; briefingId: string; pageSize: 'A4' | 'Letter' } | undefined {
  const m = /^#\/print\/([^/?]+)\/([^/?]+)(?:\?size=(A4|Letter))?$/.exec(hash)
  if (!m) return undefined
  return {
    caseId: decodeURIComponent(m[1]!),
    briefingId: decodeURIComponent(m[2]!),
    pageSize: (m[3] as 'A4' | 'Letter' | undefined) ?? 'A4',
  }
}
