import { describe, expect, it } from 'vitest'
import { findSecondHand, outletKey } from './second-hand'

/** Sentence → the outlets it cites (empty: it cites none). */
const TABLE: [string, string[]][] = [
  ['Three missiles hit the base, according to Reuters.', ['Reuters']],
  ['The strike killed two guards, state TV said.', ['state TV']],
  ['Reuters reported that the talks had stalled.', ['Reuters']],
  ['The BBC reported heavy damage at the site.', ['BBC']],
  ['An official told the Associated Press the drones were shot down.', ['Associated Press']],
  [
    'According to the semi-official Tasnim news agency, the launch came at dawn.',
    ['semi-official Tasnim news agency'],
  ],
  ['The ministry denied the attack, as reported by Al Jazeera.', ['Al Jazeera']],
  ['Kayhan newspaper said the meeting was cancelled.', ['Kayhan newspaper']],
  ['The convoy was hit near the border, state media reported.', ['state media']],
  ['Al-Monitor reported the envoy had left Doha.', ['Al-Monitor']],
  ['IRNA, citing a military source, said the drills had ended.', ['IRNA']],
  ['Speaking to CNN, the minister rejected the claim.', ['CNN']],
  ['The talks resumed, according to The New York Times, after a week.', ['The New York Times']],
  ['Two ships were seized, AFP and Reuters reported.', ['Reuters']],
  // Negatives: people, officials, plans and first-hand statements are not outlets.
  ['The operation went according to plan.', []],
  ['According to witnesses, the blast shook nearby houses.', []],
  ['Trump said the strikes were a success.', []],
  ['Officials reported no casualties.', []],
  ['The minister met his Russian counterpart in Moscow on Monday.', []],
  ['"We will respond," he said.', []],
  ['According to officials, the base was evacuated.', []],
  ['It reported a rise in prices.', []],
  ['Iran fired missiles at a US base in Qatar on Monday.', []],
]

describe('findSecondHand', () => {
  it.each(TABLE)('%s', (sentence, outlets) => {
    expect(findSecondHand(sentence).map((c) => c.outlet)).toEqual(outlets)
  })

  it('gives the phrase and where it is', () => {
    const s = 'Three missiles hit the base, according to Reuters.'
    const [cue] = findSecondHand(s)
    expect(cue?.phrase).toBe('according to Reuters')
    expect(s.slice(cue!.start, cue!.end)).toBe('according to Reuters')
  })
})

describe('outletKey', () => {
  it('gives short and long names of one outlet one key', () => {
    expect(outletKey('AP')).toBe(outletKey('The Associated Press'))
    expect(outletKey('  Reuters ')).toBe(outletKey('reuters'))
    expect(outletKey('IRNA news agency')).toBe(outletKey('IRNA'))
    expect(outletKey('Reuters')).not.toBe(outletKey('BBC'))
  })
})
