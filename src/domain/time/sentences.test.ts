import { describe, expect, it } from 'vitest'
import { splitSentences } from './sentences'

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end))

describe('splitSentences', () => {
  it('does not cut at abbreviated months, titles or dotted acronyms', () => {
    expect(
      split(
        'The talks opened on Aug. 2 in Vienna. Mr. Okafor and Gen. Ruiz flew in from the U.S. ' +
          'on Dec. 15, a day late. They left at 10 a.m. Tuesday.',
      ),
    ).toEqual([
      'The talks opened on Aug. 2 in Vienna.',
      'Mr. Okafor and Gen. Ruiz flew in from the U.S. on Dec. 15, a day late.',
      'They left at 10 a.m. Tuesday.',
    ])
  })

  it('ends a sentence at a stop before a capital, a question mark, a quote or a line break', () => {
    expect(split('Who called? Nobody knew.” Then the line went dead\nNew paragraph')).toEqual([
      'Who called?',
      'Nobody knew.”',
      'Then the line went dead',
      'New paragraph',
    ])
  })

  it('ends a sentence after "a.m." when a new one starts', () => {
    expect(split('The shelling stopped at 6 a.m. The town was quiet.')).toEqual([
      'The shelling stopped at 6 a.m.',
      'The town was quiet.',
    ])
  })
})
