/**
 * A synthetic case of any size for the STIX benchmarks (scripts/bench): `events` events
 * between 200 actors and places, each with two evidence passages in one of `events / 20`
 * documents from 5 graded sources, plus a relation per 20 events and one briefing. Pure and
 * deterministic (no randomness), so runs compare.
 */
import type {
  AnnotationRecord,
  DocumentRecord,
  EntityKind,
  EntityRecord,
  EventRecord,
  RelationRecord,
  SourceRecord,
} from '../../domain/types'
import type { CaseSnapshot } from '../snapshot'

const KINDS: EntityKind[] = ['state', 'person', 'organisation', 'group', 'location']
const DAY = 86_400_000

/** A case snapshot of `events` events (see the module comment for its shape). */
export function syntheticCase(events: number): CaseSnapshot {
  const caseId = 'bench-case'
  const t0 = Date.UTC(2025, 0, 1)
  const sources: SourceRecord[] = Array.from({ length: 5 }, (_, i) => ({
    id: `source-${i}`,
    caseId,
    name: `Outlet ${i}`,
    reliability: (['A', 'B', 'C', 'D', 'F'] as const)[i]!,
    history: [{ grade: (['A', 'B', 'C', 'D', 'F'] as const)[i]!, at: t0 }],
    createdAt: t0,
  }))
  const entities: EntityRecord[] = Array.from({ length: 200 }, (_, i) => ({
    id: `entity-${i}`,
    caseId,
    kind: KINDS[i % KINDS.length]!,
    name: i % KINDS.length === 0 ? `Country ${i}` : `Actor ${i}`,
    aliases: [`A${i}`],
    createdAt: t0,
  }))
  const docCount = Math.max(1, Math.ceil(events / 20))
  const sentence = (e: number) => `On day ${e} actor ${e % 200} struck actor ${(e + 7) % 200}. `
  const documents: DocumentRecord[] = Array.from({ length: docCount }, (_, d) => {
    let text = ''
    for (let e = d * 20; e < Math.min(events, d * 20 + 20); e++) text += sentence(e) + '\n\n'
    return {
      id: `doc-${d}`,
      caseId,
      sourceId: `source-${d % 5}`,
      title: `Report ${d}`,
      url: `https://news.example/${d}`,
      publishedAt: t0 + d * DAY,
      publishedPrecision: 'day',
      textHash: d.toString(16).padStart(64, '0'),
      mime: 'text/plain',
      fileName: `report-${d}.txt`,
      fileSize: text.length,
      importer: 'text',
      importerVersion: '1',
      importedAt: t0 + d * DAY,
      text,
    }
  })
  const annotations: AnnotationRecord[] = []
  const evs: EventRecord[] = []
  for (let e = 0; e < events; e++) {
    const doc = documents[Math.floor(e / 20)]!
    const at = doc.text.indexOf(sentence(e))
    const ids = [`ann-${e}-a`, `ann-${e}-b`]
    const spans = [
      [at, at + sentence(e).indexOf(' struck')],
      [at, at + sentence(e).length - 1],
    ] as const
    spans.forEach(([start, end], k) =>
      annotations.push({
        id: ids[k]!,
        caseId,
        docId: doc.id,
        start,
        end,
        exact: doc.text.slice(start, end),
        prefix: doc.text.slice(Math.max(0, start - 32), start),
        suffix: doc.text.slice(end, end + 32),
        textHash: doc.textHash,
        kind: 'event',
        eventId: `event-${e}`,
        credibility: ((e % 5) + 1) as 1 | 2 | 3 | 4 | 5,
        createdAt: t0,
      }),
    )
    evs.push({
      id: `event-${e}`,
      caseId,
      title: `Strike ${e}`,
      type: 'assault',
      initiators: [`entity-${e % 200}`],
      targets: [`entity-${(e + 7) % 200}`],
      locationIds: [`entity-${(Math.floor(e / 5) * 5 + 4) % 200}`],
      when: { start: t0 + e * 3_600_000, precision: 'hour', approximate: e % 2 === 0 },
      evidence: ids,
      confidence: ((e % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      createdAt: t0,
      updatedAt: t0,
    })
  }
  const relations: RelationRecord[] = Array.from({ length: Math.ceil(events / 20) }, (_, r) => ({
    id: `relation-${r}`,
    caseId,
    from: `entity-${r % 200}`,
    to: `entity-${(r + 3) % 200}`,
    type: 'ally',
    directed: false,
    evidence: [],
    createdAt: t0,
  }))
  return {
    case: { id: caseId, title: `Synthetic case of ${events} events`, createdAt: t0, updatedAt: t0 },
    sources,
    documents,
    annotations,
    entities,
    events: evs,
    relations,
    briefings: [
      {
        id: 'briefing-0',
        caseId,
        title: 'Weekly',
        handling: 'TLP:AMBER',
        bluf: 'Strikes continue.',
        judgements: [
          {
            id: 'j',
            text: 'They will go on.',
            likelihood: 'likely',
            confidence: 'moderate',
            eventIds: evs.slice(0, 10).map((e) => e.id),
          },
        ],
        sections: [],
        eventIds: evs.slice(0, 50).map((e) => e.id),
        createdAt: t0,
        updatedAt: t0,
      },
    ],
    viewState: [],
  }
}
