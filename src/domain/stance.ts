/**
 * A passage's stance as evidence (supports | contradicts) belongs to the link between the
 * passage and a record citing it, not to the passage: one report can confirm a strike and
 * contradict the casualty figure another event gives. A record (event or relation) keeps the
 * analyst's choice per passage in `stances`; a passage without an entry there takes the stance
 * on the passage itself, which is where cases made before stance was per link kept it (read,
 * never written now), and otherwise supports.
 */
import type { EvidenceStance } from './types'

/** A record's stances by passage id (absent: each passage's own, else supports). */
export type Stances = Readonly<Partial<Record<string, EvidenceStance>>>

/** The stance of passage `id` as evidence of the record whose `stances` these are. */
export function linkStance(
  stances: Stances | undefined,
  id: string,
  passage: { stance?: EvidenceStance | undefined } | undefined,
): EvidenceStance {
  return stances?.[id] ?? passage?.stance ?? 'supports'
}

/**
 * `stances` with the passages `ids` set to `stance`: an entry is kept only where it differs
 * from what the passage would give on its own (`passages`: id → the passage's own stance).
 * Returns undefined when no entry is left, so a record without choices carries no field.
 */
export function setStances(
  stances: Stances | undefined,
  ids: readonly string[],
  stance: EvidenceStance,
  passages: ReadonlyMap<string, { stance?: EvidenceStance | undefined }>,
): Record<string, EvidenceStance> | undefined {
  const out: Record<string, EvidenceStance> = { ...(stances as Record<string, EvidenceStance>) }
  for (const id of ids) {
    if ((passages.get(id)?.stance ?? 'supports') === stance) delete out[id]
    else out[id] = stance
  }
  return Object.keys(out).length ? out : undefined
}

/** `stances` without the entries of passages no longer in `evidence` (undefined if none left). */
export function keepStances(
  stances: Stances | undefined,
  evidence: readonly string[],
): Record<string, EvidenceStance> | undefined {
  if (!stances) return undefined
  const cited = new Set(evidence)
  const out: Record<string, EvidenceStance> = {}
  for (const [id, s] of Object.entries(stances)) if (s && cited.has(id)) out[id] = s
  return Object.keys(out).length ? out : undefined
}

/** Sets or removes `stances` on a record being written (no empty field left behind). */
export function withStances<T extends object>(
  record: T & { stances?: Record<string, EvidenceStance> },
  stances: Record<string, EvidenceStance> | undefined,
): T {
  const { stances: _old, ...rest } = record
  return (stances ? { ...rest, stances } : rest) as T
}

/** Whether two records' stances say the same of every passage. */
export function sameStances(a: Stances | undefined, b: Stances | undefined): boolean {
  const ka = Object.keys(a ?? {})
  if (ka.length !== Object.keys(b ?? {}).length) return false
  return ka.every((id) => a?.[id] === b?.[id])
}

/**
 * `record` with `passages` added to its evidence and, when `stance` is given, marked so for
 * it; undefined when that changes nothing.
 */
export function withEvidenceAdded<
  T extends { evidence: string[]; stances?: Record<string, EvidenceStance> },
>(
  record: T,
  passages: readonly { id: string; stance?: EvidenceStance | undefined }[],
  stance?: EvidenceStance,
): T | undefined {
  const ids = passages.map((p) => p.id)
  const evidence = [...new Set([...record.evidence, ...ids])]
  const stances = stance
    ? setStances(record.stances, ids, stance, new Map(passages.map((p) => [p.id, p])))
    : record.stances
  if (evidence.length === record.evidence.length && sameStances(stances, record.stances)) {
    return undefined
  }
  return withStances({ ...record, evidence }, stances)
}
