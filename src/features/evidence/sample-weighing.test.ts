// @vitest-environment jsdom
/**
 * Weighing the evidence of the real sample case: corroboration counts the two publishers of
 * a two-source event as two independent origins, no two of its texts are near-identical
 * copies, and the duplicate proposals are the pairs an analyst would want to look at.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearHistory } from '../../db/history'
import { CasefileDB } from '../../db/schema'
import { corroborateAll } from '../../domain/corroboration'
import { proposeDuplicates } from '../../domain/duplicates'
import { copyGroups, shingles } from '../../domain/text-copies'
import { openSampleCase } from '../sample/sample-case'

let db: CasefileDB
beforeEach(async () => {
  clearHistory()
  db = new CasefileDB('test-sample-weighing')
  await db.open()
})
afterEach(async () => {
  await db.delete()
})

describe('the sample case, weighed', () => {
  it('counts publishers as independent origins and proposes likely duplicates', async () => {
    const { caseId } = await openSampleCase(db)
    const byCase = { caseId }
    const [events, annotations, documents, sources, texts] = await Promise.all([
      db.events.where(byCase).toArray(),
      db.annotations.where(byCase).toArray(),
      db.documents.where(byCase).toArray(),
      db.sources.where(byCase).toArray(),
      db.texts.where(byCase).toArray(),
    ])
    const copies = copyGroups(
      documents.map((d) => ({
        id: d.id,
        shingles: shingles(texts.find((t) => t.id === d.id)!.text),
        importedAt: d.importedAt,
      })),
    )
    expect(copies.size).toBe(0)
    const weighed = corroborateAll(events, {
      passages: new Map(annotations.map((a) => [a.id, a])),
      documents: new Map(documents.map((d) => [d.id, d])),
      sources: new Map(sources.map((s) => [s.id, s])),
      copies,
    })
    const byTitle = (t: string) => weighed.get(events.find((e) => e.title.startsWith(t))!.id)!
    expect(
      byTitle('Customs seal Terminal 4')
        .origins.map((o) => o.label)
        .sort(),
    ).toEqual([
      'Ministry of Foreign Affairs of the Federal Republic of Dravina',
      'The Saltmere Courier',
    ])
    expect(byTitle('Customs seal Terminal 4').summary).toMatch(/^2 reports · 2 independent origins/)
    expect(byTitle('Sorvik offers').summary).toMatch(/^1 report · 1 independent origin/)

    const title = new Map(events.map((e) => [e.id, e.title]))
    const pairs = proposeDuplicates(events).map((p) => [title.get(p.a), title.get(p.b)].sort())
    // Same family, a shared actor in the same direction, within a day, compatible places.
    expect(pairs.sort()).toEqual(
      [
        [
          'Customs hold three containers at Terminal 4 for inspection',
          'Customs seal Terminal 4 and hold the Aurel Star at its berth',
        ],
        [
          'Crew of the Aurel Star questioned at the terminal (detention disputed)',
          'Customs hold three containers at Terminal 4 for inspection',
        ],
        [
          'Crew of the Aurel Star questioned at the terminal (detention disputed)',
          'Customs seal Terminal 4 and hold the Aurel Star at its berth',
        ],
        [
          "Dravina summons Velmora's ambassador and hands him a note of protest",
          'Keshev threatens reciprocal measures',
        ],
        [
          'Foreign ministers speak by telephone',
          'Ministers agree a joint working group of customs and consular officials',
        ],
      ].sort(),
    )
  })
})
