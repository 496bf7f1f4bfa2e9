/**
 * The print route (`#/print/<caseId>/<briefingId>?size=A4|Letter`): replaces the page with
 * the briefing's print HTML — the same document the preview shows — so that the browser's
 * (or the desktop app's) print to PDF prints exactly that, with its page size, running
 * handling line and page numbers. Nothing of the app stays on the page, except, in the
 * browser build, a line at the top that says how to print (Ctrl+P) and does not print itself.
 */
import { useEffect, useRef } from 'react'
import { useBriefings } from '../../db/hooks'
import { getPlatform } from '../../platform'
import { useComposedBriefing } from './use-composed-briefing'

import { parsePrintRoute } from './print-route'

export { parsePrintRoute }

/** The print shortcut on this machine: ⌘P on a Mac, else Ctrl+P. */
export function printKeys(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘P' : 'Ctrl+P'
}

/**
 * `html` with a screen-only line at the top of its body telling how to print it: the browser
 * build opens the print document in a tab of its own and cannot open the print dialog for
 * the analyst. Hidden in print, so the PDF is the briefing alone.
 */
export function withPrintHint(html: string): string {
  const hint =
    `<div class="casefile-print-hint" role="note" data-testid="print-hint" style="position:sticky;top:0;z-index:1;margin:0 0 12px;padding:8px 12px;background:#fef9c3;border:1px solid #ca8a04;border-radius:4px;font:14px/1.4 system-ui,sans-serif;color:#111">` +
    `To print this briefing or save it as a PDF, press <kbd>${printKeys()}</kbd> and choose “Save as PDF” as the printer. This line is not printed.</div>` +
    `<style>@media print { .casefile-print-hint { display: none !important; } }</style>`
  const body = /<body[^>]*>/i.exec(html)
  if (!body) return hint + html
  const at = body.index + body[0].length
  return html.slice(0, at) + hint + html.slice(at)
}

export function PrintRoute({ route }: { route: NonNullable<ReturnType<typeof parsePrintRoute>> }) {
  const briefings = useBriefings(route.caseId)
  const briefing = briefings?.find((b) => b.id === route.briefingId)
  const composed = useComposedBriefing(briefing, route.caseId)
  const written = useRef(false)
  useEffect(() => {
    if (!composed || written.current) return
    written.current = true
    const printed = composed.html(route.pageSize)
    const html = getPlatform().shell === 'web' ? withPrintHint(printed) : printed
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
