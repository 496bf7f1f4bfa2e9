import { describe, expect, it } from 'vitest'
import { containment, copyGroups, jaccard, shingles } from './text-copies'

const WIRE = `DUBAI, June 23 - Iran fired missiles at the Al Udeid air base in Qatar on Monday,
hours after its foreign minister met the Russian president in Moscow, officials said. Qatar's
air defences intercepted most of the missiles and nobody was hurt, the defence ministry said in
a statement. The United States had struck three nuclear sites in Iran over the weekend, in an
operation the Pentagon described as limited and precise. Oil prices rose sharply in early Asian
trading as markets weighed the risk of a wider war in the Gulf, which carries a fifth of the
world's oil. Diplomats in Vienna said talks on the nuclear programme were unlikely to resume
before the end of the month.`

const REWRITE = `Tehran launched a salvo of ballistic missiles toward a large American military
installation in the Gulf state of Qatar late on Monday. Most were shot down, according to Doha.
The attack followed weekend bombing raids by American aircraft against Iranian enrichment
facilities. Energy markets reacted nervously, with crude climbing in Asia. The Iranian foreign
minister had earlier held talks with Vladimir Putin in the Russian capital.`

describe('text copies', () => {
  it('finds a republished wire story with a new header and a cut last paragraph', () => {
    const copy = `Gulf Times staff. ${WIRE.split('Diplomats')[0]} Read more on our website.`
    expect(containment(shingles(WIRE), shingles(copy))).toBeGreaterThan(0.9)
    expect(jaccard(shingles(WIRE), shingles(copy))).toBeGreaterThan(0.7)
  })

  it('keeps a rewrite of the same event apart', () => {
    expect(containment(shingles(WIRE), shingles(REWRITE))).toBeLessThan(0.1)
  })

  it('groups copies transitively under the earliest-published original', () => {
    const docs = [
      { id: 'copy', shingles: shingles(`Header. ${WIRE}`), publishedAt: 2_000, importedAt: 1 },
      { id: 'wire', shingles: shingles(WIRE), publishedAt: 1_000, importedAt: 2 },
      { id: 'other', shingles: shingles(REWRITE), publishedAt: 500, importedAt: 3 },
      { id: 'copy2', shingles: shingles(`${WIRE} Footer line.`), importedAt: 4 },
    ]
    const groups = copyGroups(docs)
    expect(Object.fromEntries(groups)).toEqual({ copy: 'wire', wire: 'wire', copy2: 'wire' })
  })

  it('never calls texts too short to tell copies', () => {
    const a = { id: 'a', shingles: shingles('Iran fired missiles at the base.'), importedAt: 1 }
    const b = { id: 'b', shingles: shingles('Iran fired missiles at the base.'), importedAt: 2 }
    expect(copyGroups([a, b]).size).toBe(0)
  })
})
