/**
 * Small pure helpers of the STIX dialogs: the exported file's name and the skipped objects
 * grouped by reason for the preview and the report.
 */
import type { StixSkipped } from '../../interop/stix/import'

/** A safe file name for a bundle of `title`: "Harbour Street.stix.json". */
export function stixFileName(title: string): string {
  const base = [...title]
    .map((ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : ch))
    .join('')
    .replace(/[/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
  return `${base || 'case'}.stix.json`
}

/** Skipped objects grouped by reason, most frequent first, with up to three names each. */
export function skippedSummary(
  skipped: StixSkipped[],
): { reason: string; count: number; examples: string[] }[] {
  const groups = new Map<string, { reason: string; count: number; examples: string[] }>()
  for (const s of skipped) {
    let g = groups.get(s.reason)
    if (!g) groups.set(s.reason, (g = { reason: s.reason, count: 0, examples: [] }))
    g.count++
    const label = s.name ?? s.id
    if (label && g.examples.length < 3 && !g.examples.includes(label)) g.examples.push(label)
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
}
