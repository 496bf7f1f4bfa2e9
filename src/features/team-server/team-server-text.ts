/**
 * The team server dialog's sentences, as pure functions: where the password or token is kept
 * on this platform, and what a push did.
 */
import type { PushReport } from '../../interop/taxii/push'
import type { TeamServerStatus } from '../../platform/platform'
import { plural } from '../../ui/plural'

/** Where the secret is kept, said plainly for this platform. */
export function secretKeptText(status: TeamServerStatus | undefined, shell: 'desktop' | 'web') {
  const kept = status?.secretKept ?? 'none'
  if (kept === 'os') {
    return 'The password is kept encrypted by your operating system’s key store, never in cases, backups or exports.'
  }
  if (kept === 'memory') {
    return 'This system has no key store, so the password is kept only until Casefile quits.'
  }
  if (kept === 'session') {
    return 'The password is kept in this page’s memory only: reloading or closing the page forgets it.'
  }
  return shell === 'web'
    ? 'No password kept. In the browser it is kept in this page’s memory only, never on disk.'
    : 'No password kept. The desktop app keeps it encrypted by your operating system’s key store.'
}

/** One paragraph on what a push did. */
export function describePushReport(report: PushReport): string {
  const parts: string[] = []
  const confirmed = report.added + report.alreadyThere + report.resumed
  parts.push(
    `${plural(confirmed, 'object')} ${confirmed === 1 ? 'is' : 'are'} in “${report.collection}”: ${report.added} added now` +
      (report.alreadyThere ? `, ${report.alreadyThere} already there` : '') +
      (report.resumed ? `, ${report.resumed} sent before this attempt` : '') +
      ` (${plural(report.batches, 'request')}).`,
  )
  if (report.skipped.length > 0) {
    parts.push(
      `${plural(report.skipped.length, 'object')} left out: ${report.skipped[0]!.type} (${report.skipped[0]!.reason}).`,
    )
  }
  if (report.failures.length > 0) {
    const first = report.failures[0]!
    parts.push(
      `${report.failures.length} refused by the server, e.g. ${first.id}: ${first.message}.`,
    )
  }
  if (report.pending.length > 0) {
    parts.push(`${report.pending.length} still pending on the server when Casefile stopped asking.`)
  }
  if (report.error)
    parts.push('The push stopped early: press “Push the rest” to send what is left.')
  return parts.join(' ')
}
