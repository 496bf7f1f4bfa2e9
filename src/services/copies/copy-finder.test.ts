import { describe, expect, it } from 'vitest'
import { CopyFinder, READ_SLICE, type CopyDoc } from './copy-finder'

const story = Array.from(
  { length: 80 },
  (_, i) => `word${i} of the report on the harbour seal number ${i}`,
).join(' ')
const other = Array.from(
  { length: 80 },
  (_, i) => `unrelated${i} text about something else ${i}`,
).join(' ')

function doc(id: string, textHash: string, publishedAt?: number): CopyDoc {
  return { id, textHash, publishedAt, importedAt: 1 }
}

function finderOver(texts: Record<string, string>) {
  const calls: string[][] = []
  const finder = new CopyFinder(async (ids) => {
    calls.push(ids)
    return ids.map((id) => texts[id])
  })
  return { finder, calls }
}

describe('CopyFinder', () => {
  it('groups a near-identical copy with its earliest-published original', async () => {
    const { finder } = finderOver({
      a: story,
      b: `A new headline. ${story} One more line.`,
      c: other,
    })
    const pairs = await finder.find([doc('a', 'ha', 10), doc('b', 'hb', 20), doc('c', 'hc', 5)])
    expect(new Map(pairs)).toEqual(
      new Map([
        ['a', 'a'],
        ['b', 'a'],
      ]),
    )
  })

  it('reads each text once, however often it is asked, and forgets documents no longer given', async () => {
    const { finder, calls } = finderOver({ a: story, b: `${story} again`, c: other })
    await finder.find([doc('a', 'ha'), doc('b', 'hb'), doc('c', 'hc')])
    await finder.find([doc('a', 'ha'), doc('b', 'hb'), doc('c', 'hc')])
    expect(finder.textsRead).toBe(3)
    expect(calls).toEqual([['a', 'b', 'c']])
    // "c" deleted: its shingles go; "b" is still a copy of "a".
    const pairs = await finder.find([doc('a', 'ha'), doc('b', 'hb')])
    expect(finder.kept).toBe(2)
    expect(pairs).toHaveLength(2)
  })

  it('reads the texts in slices', async () => {
    const texts: Record<string, string> = {}
    const docs: CopyDoc[] = []
    for (let i = 0; i < READ_SLICE * 2 + 3; i++) {
      texts[`d${i}`] = `short text ${i}`
      docs.push(doc(`d${i}`, `h${i}`))
    }
    const { finder, calls } = finderOver(texts)
    await finder.find(docs)
    expect(calls.map((c) => c.length)).toEqual([READ_SLICE, READ_SLICE, 3])
  })

  it('leaves out a document whose text is missing', async () => {
    const { finder } = finderOver({ a: story })
    expect(await finder.find([doc('a', 'ha'), doc('b', 'hb')])).toEqual([])
  })
})
