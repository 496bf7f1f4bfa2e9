import { describe, expect, it } from 'vitest'
import type { DocumentMeta, Reliability, SourceRecord } from '../../domain/types'
import { orderCacheOf, sortDocuments, titleRanks, type DocumentSortKey } from './document-order'

/** The list's order as it was worked out before: a string comparison per step. */
function reference(
  documents: DocumentMeta[],
  sources: Map<string, SourceRecord>,
  sort: { key: DocumentSortKey; desc: boolean },
): DocumentMeta[] {
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
  const keyOf = (d: DocumentMeta): string | number => {
    const s = d.sourceId ? sources.get(d.sourceId) : undefined
    switch (sort.key) {
      case 'title':
        return d.title.toLowerCase()
      case 'source':
        return (s?.name ?? '~').toLowerCase()
      case 'grade':
        return s?.reliability ?? 'F'
      case 'date':
        return d.publishedAt ?? -Infinity
    }
  }
  const sorted = [...documents].sort(
    (a, b) => compare(keyOf(a), keyOf(b)) || compare(a.title, b.title),
  )
  return sort.desc ? sorted.reverse() : sorted
}

function seeded(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

/** Documents with repeated dates, titles in several scripts and cases, some without source. */
function corpus(count: number) {
  const random = seeded(5)
  const words = [
    'Strike',
    'strike',
    'Ärger',
    'Zürich',
    'Łódź',
    'talks',
    'Талан',
    'ceasefire',
    'émeute',
    '10',
    '9',
  ]
  const grades: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']
  const sources = new Map<string, SourceRecord>(
    ['Reuters', 'al-Jazeera', 'BBC', 'Le Monde', 'bbc'].map((name, i) => [
      `s${i}`,
      { id: `s${i}`, caseId: 'c', name, reliability: grades[i]!, history: [], createdAt: 0 },
    ]),
  )
  const documents: DocumentMeta[] = Array.from({ length: count }, (_, i) => {
    const title = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => words[Math.floor(random() * words.length)],
    ).join(' ')
    const source = Math.floor(random() * 6)
    const dated = random() < 0.9
    return {
      id: `d${i}`,
      caseId: 'c',
      title,
      ...(source < 5 ? { sourceId: `s${source}` } : {}),
      ...(dated ? { publishedAt: Date.UTC(2025, 0, 1 + Math.floor(random() * 20)) } : {}),
      textHash: 'x',
      mime: 'text/plain',
      fileName: `${i}.txt`,
      fileSize: 1,
      importer: 'text',
      importerVersion: '1',
      importedAt: 0,
    }
  })
  return { documents, sources }
}

describe('sortDocuments', () => {
  const { documents, sources } = corpus(600)

  for (const key of ['title', 'source', 'grade', 'date'] as DocumentSortKey[]) {
    for (const [desc, ranked] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as [boolean, boolean][]) {
      const how = `${desc ? ', descending' : ''}${ranked ? ', after a sort by title' : ''}`
      it(`orders by ${key}${how} as a comparison of strings does`, () => {
        const cache = ranked ? { ranks: titleRanks(documents) } : {}
        const got = sortDocuments(documents, sources, { key, desc }, cache)
        const want = reference(documents, sources, { key, desc })
        // Documents that tie on key and title may come in either order: compare what shows.
        const shown = (list: DocumentMeta[]) =>
          list.map((d) => `${d.title}|${d.sourceId ?? ''}|${d.publishedAt ?? ''}`)
        if (key === 'title') {
          expect(got.map((d) => d.title)).toEqual(want.map((d) => d.title))
        } else if (key === 'date') {
          expect(got.map((d) => `${d.publishedAt}|${d.title}`)).toEqual(
            want.map((d) => `${d.publishedAt}|${d.title}`),
          )
        } else {
          const keyOf = (d: DocumentMeta) => {
            const s = d.sourceId ? sources.get(d.sourceId) : undefined
            return key === 'source' ? (s?.name ?? '~').toLowerCase() : (s?.reliability ?? 'F')
          }
          expect(got.map((d) => `${keyOf(d)}|${d.title}`)).toEqual(
            want.map((d) => `${keyOf(d)}|${d.title}`),
          )
        }
        expect(shown(got).sort()).toEqual(shown(documents).sort())
      })
    }
  }

  it('keeps every document once and leaves the input as it was', () => {
    const before = documents.map((d) => d.id)
    const got = sortDocuments(documents, sources, { key: 'date', desc: true })
    expect(new Set(got.map((d) => d.id)).size).toBe(documents.length)
    expect(documents.map((d) => d.id)).toEqual(before)
  })

  it('keeps the titles’ order for later sorts once a sort by title made it', () => {
    const cache = orderCacheOf(documents)
    expect(orderCacheOf(documents)).toBe(cache)
    expect(orderCacheOf([...documents])).not.toBe(cache)
    sortDocuments(documents, sources, { key: 'date', desc: false }, cache)
    expect(cache.ranks).toBeUndefined()
    sortDocuments(documents, sources, { key: 'title', desc: false }, cache)
    expect([...cache.ranks!]).toEqual([...titleRanks(documents)])
  })

  it('ranks titles case-insensitively, then as written', () => {
    const docs = corpus(0).documents
    const make = (title: string) => ({ ...corpus(1).documents[0]!, id: title, title })
    docs.push(make('beta'), make('Alpha'), make('alpha'), make('Beta'))
    const ranks = titleRanks(docs)
    expect(docs.map((d, i) => [d.title, ranks[i]!] as const).sort((a, b) => a[1] - b[1])).toEqual([
      ['alpha', 0],
      ['Alpha', 1],
      ['beta', 2],
      ['Beta', 3],
    ])
  })
})
