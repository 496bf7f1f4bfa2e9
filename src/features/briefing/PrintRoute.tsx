/**
 * The print route (`#/print/<caseId>/<briefingId>?size=A4|Letter`): replaces the page with
 * the briefing's print HTML — the same document the preview shows — so that the browser's
 * (or the desktop app's) print to PDF prints exactly that, with its page size, running
 * handling line and page numbers. Nothing of the app stays on the page.
 */
import { useEffect, useRef } from 'react'
import { useBriefings } from '../../db/hooks'
import { useComposedBriefing } from './use-composed-briefing'

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

export function PrintRoute({ route }: { route: NonNullable<ReturnType<typeof parsePrintRoute>> }) {
  const briefings = useBriefings(route.caseId)
  const briefing = briefings?.find((b) => b.id === route.briefingId)
  const composed = useComposedBriefing(briefing, route.caseId)
  const written = useRef(false)
  useEffect(() => {
    if (!composed || written.current) return
    written.current = true
    const html = composed.html(route.pageSize)
    // The whole document becomes the briefing (the app's React root goes with it).
    document.open()
    document.write(html)
    document.close()
  }, [composed, route.pageSize])
  if (briefings && !briefing) {
    return (
      <div className="boot failed" role="alert">
        <h1>This briefing no longer exists</h1>
        <p>Close this tab and open the briefing again from its case.</p>
      </div>
    )
  }
  return <div className="boot">Preparing the briefing for print…</div>
}
