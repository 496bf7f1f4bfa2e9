import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CasefileDB } from '../db/schema'
import { codePointCounter, codePointOffset } from './common'
import type { CaseSnapshot } from './snapshot'
import { failedMusts, passesAssertion, realisticSnapshot } from './test-support'
import { toW3cCollection, w3cAnnotations } from './w3c'

let snapshot: CaseSnapshot
let db: CasefileDB
beforeAll(async () => {
  ;({ snapshot, db } = await realisticSnapshot())
})
afterAll(async () => {
  db.close()
  await db.delete()
})

type Anno = {
  id: string
  body: { type: string; purpose: string; value?: string; source?: string }[]
  target: { source: string; selector: Record<string, unknown>[] }
}
const collectionOf = (s: CaseSnapshot) =>
  toW3cCollection(s) as { total: number; first: { items: Anno[] } } & Record<string, unknown>

describe('W3C Web Annotation export', () => {
  it('passes every MUST of the official assertions: each annotation, the collection, its page', () => {
    const text = w3cAnnotations(snapshot)
    const collection = JSON.parse(text) as ReturnType<typeof collectionOf>
    expect(collection.first.items).toHaveLength(snapshot.annotations.length)
    expect(collection.total).toBe(snapshot.annotations.length)
    expect(failedMusts('collection', collection)).toEqual([])
    // pageMusts checks "a single Annotation Page or an Annotation Collection with an embedded
    // Page" (its own words): ours is the latter, and the page alone lacks the @context.
    expect(failedMusts('page', collection)).toEqual([])
    expect(failedMusts('page', collection.first)).toEqual([
      'collections/pages/5.2-pageContextValidated.json',
    ])
    for (const anno of collection.first.items) {
      expect(failedMusts('annotation', anno), anno.id).toEqual([])
      const quote = anno.target.selector.find((s) => s.type === 'TextQuoteSelector')
      expect(
        passesAssertion('annotations/specificResource/4.2.4-textQuoteSelectorValid.json', quote),
      ).toBe(true)
    }
  })

  it('the checker is real: it fails an annotation without a target or context', () => {
    const anno = collectionOf(snapshot).first.items[0]!
    const { target: _t, ...noTarget } = anno
    expect(failedMusts('annotation', noTarget)).toContain('annotations/3.1-targetKeyFound.json')
    const { ['@context' as keyof Anno]: _c, ...noContext } = anno
    expect(failedMusts('annotation', noContext)).toContain(
      'annotations/3.1-annotationContextValidated.json',
    )
  })

  it('quotes every passage and counts positions in code points, past emoji', () => {
    const items = collectionOf(snapshot).first.items
    const docsByIri = new Map(
      snapshot.documents.map((d) => [d.url ?? `urn:sha256:${d.textHash}`, d]),
    )
    let astral = 0
    for (const anno of items) {
      const record = snapshot.annotations.find((a) => `urn:uuid:${a.id}` === anno.id)!
      const quote = anno.target.selector.find((s) => s.type === 'TextQuoteSelector')!
      expect(quote.exact).toBe(record.exact)
      const pos = anno.target.selector.find((s) => s.type === 'TextPositionSelector') as
        { start: number; end: number } | undefined
      const doc = docsByIri.get(anno.target.source)!
      expect(doc, anno.target.source).toBeDefined()
      if (!pos) continue
      const points = Array.from(doc.text)
      expect(points.slice(pos.start, pos.end).join('')).toBe(record.exact)
      if (pos.start !== record.start) astral++
    }
    // The fixture tags a passage after "🚀🇮🇷": its code point offset differs from UTF-16.
    expect(astral).toBeGreaterThan(0)
  })

  it('says who and what each tag is: kind and name as tags, the entity and event by id', () => {
    const items = collectionOf(snapshot).first.items
    const actor = snapshot.annotations.find((a) => a.kind === 'actor' && a.entityId)!
    const entity = snapshot.entities.find((e) => e.id === actor.entityId)!
    const anno = items.find((i) => i.id === `urn:uuid:${actor.id}`)!
    expect(anno.body).toContainEqual(
      expect.objectContaining({ purpose: 'tagging', value: 'actor' }),
    )
    expect(anno.body).toContainEqual(
      expect.objectContaining({ purpose: 'tagging', value: entity.name }),
    )
    expect(anno.body).toContainEqual(
      expect.objectContaining({ purpose: 'identifying', source: `urn:uuid:${entity.id}` }),
    )
    const evidence = snapshot.annotations.find((a) => a.kind === 'event' && a.eventId)!
    const event = snapshot.events.find((e) => e.id === evidence.eventId)!
    const eventAnno = items.find((i) => i.id === `urn:uuid:${evidence.id}`)!
    expect(eventAnno.body).toContainEqual(
      expect.objectContaining({ purpose: 'linking', source: `urn:uuid:${event.id}` }),
    )
    expect(
      eventAnno.body.find((b) => b.purpose === 'describing')?.value?.startsWith(event.title),
    ).toBe(true)
  })

  it('gives the position in code points: 🚀 counts one', () => {
    expect(codePointOffset('a🚀b', 3)).toBe(2)
    expect(codePointOffset('🇮🇷x', 4)).toBe(2)
    expect(codePointOffset('plain', 3)).toBe(3)
    const count = codePointCounter('a🚀b🚀c')
    expect([0, 1, 3, 4, 6, 7].map(count)).toEqual([0, 1, 2, 3, 4, 5])
    expect(count(99)).toBe(5)
  })

  it('writes an empty collection for a case with no tags', () => {
    const empty = { ...snapshot, annotations: [] }
    const c = collectionOf(empty)
    expect(c.total).toBe(0)
    expect(c.first.items).toEqual([])
    expect(failedMusts('collection', c)).toEqual([])
  })
})
