import { describe, expect, it } from 'vitest'
import type { Resolution } from '../../domain/time/resolve'
import type { AnnotationRecord, EntityRecord, TimeValue } from '../../domain/types'
import {
  chooseWhen,
  customRelationTypes,
  defaultDirected,
  directedTouched,
  initialEnds,
  initialExpressionOf,
  normaliseRelationType,
  relationConnector,
  relationSentence,
  sentenceActorIds,
} from './relation-form-logic'

const TEXT =
  'Iran and Russia signed a treaty in Moscow. The IRGC answers to Iran. Russia praised Iran.'

type Tag = Pick<AnnotationRecord, 'start' | 'end' | 'kind' | 'entityId' | 'anchor'>

function tag(quote: string, kind: AnnotationRecord['kind'], entityId?: string, from = 0): Tag {
  const start = TEXT.indexOf(quote, from)
  return { start, end: start + quote.length, kind, ...(entityId ? { entityId } : {}) }
}

const jan17: TimeValue = { start: Date.UTC(2025, 0, 17), precision: 'day', approximate: false }
const jan18: TimeValue = { start: Date.UTC(2025, 0, 18), precision: 'day', approximate: false }

describe('sentenceActorIds', () => {
  const tags: Tag[] = [
    tag('Russia', 'actor', 'russia'),
    tag('Iran', 'actor', 'iran'),
    tag('Moscow', 'location', 'moscow'),
    tag('signed a treaty', 'event'),
    tag('IRGC', 'actor', 'irgc'),
    tag('Iran', 'actor', 'iran', TEXT.indexOf('to Iran')),
  ]
  const passage = tag('signed a treaty', 'event')

  it('names the actors of the passage’s sentence in text order, without locations', () => {
    expect(sentenceActorIds(TEXT, passage, tags)).toEqual(['iran', 'russia'])
  })

  it('counts an actor named twice once, in the order first named', () => {
    const second = tag('answers', 'claim')
    expect(sentenceActorIds(TEXT, second, tags)).toEqual(['irgc', 'iran'])
  })

  it('leaves out tags whose entity is a location, and unknown entities, when given entities', () => {
    const mislabelled = [...tags, { ...tag('treaty', 'actor'), entityId: 'moscow' }]
    const entities = new Map<string, Pick<EntityRecord, 'kind'>>([
      ['iran', { kind: 'state' }],
      ['moscow', { kind: 'location' }],
    ])
    expect(sentenceActorIds(TEXT, passage, mislabelled, entities)).toEqual(['iran'])
  })

  it('names nobody for an orphaned passage, and skips orphaned tags', () => {
    expect(sentenceActorIds(TEXT, { ...passage, anchor: { status: 'orphan' } }, tags)).toEqual([])
    const orphaned = tags.map((t) =>
      t.entityId === 'iran' ? { ...t, anchor: { status: 'orphan' as const } } : t,
    )
    expect(sentenceActorIds(TEXT, passage, orphaned)).toEqual(['russia'])
  })
})

describe('initialEnds', () => {
  it('takes the first two actors, leaving out what is missing', () => {
    expect(initialEnds(['a', 'b', 'c'])).toEqual({ from: 'a', to: 'b' })
    expect(initialEnds(['a'])).toEqual({ from: 'a' })
    expect(initialEnds([])).toEqual({})
  })
})

describe('defaultDirected', () => {
  it('follows the type until the analyst sets the box', () => {
    expect(defaultDirected('ally', false, true)).toBe(false)
    expect(defaultDirected('member', false, false)).toBe(true)
    expect(defaultDirected('trains', false, false)).toBe(true)
    expect(defaultDirected('member', true, false)).toBe(false)
    expect(defaultDirected('ally', true, true)).toBe(true)
  })

  it('counts a stored box as set only when it differs from its type’s default', () => {
    expect(directedTouched({ type: 'ally', directed: false })).toBe(false)
    expect(directedTouched({ type: 'ally', directed: true })).toBe(true)
    expect(directedTouched({ type: 'trains', directed: false })).toBe(true)
  })
})

describe('customRelationTypes', () => {
  it('lists the case’s own types once, sorted, with the edited one', () => {
    const relations = [{ type: 'funds' }, { type: 'ally' }, { type: 'arms' }, { type: 'funds' }]
    expect(customRelationTypes(relations)).toEqual(['arms', 'funds'])
    expect(customRelationTypes(relations, 'trains')).toEqual(['arms', 'funds', 'trains'])
    expect(customRelationTypes([], 'rival')).toEqual([])
  })
})

describe('normaliseRelationType', () => {
  it('maps a standard id or label to its id and tidies anything else', () => {
    expect(normaliseRelationType('  Ally   of ')).toBe('ally')
    expect(normaliseRelationType('NEGOTIATES WITH')).toBe('negotiates')
    expect(normaliseRelationType('member')).toBe('member')
    expect(normaliseRelationType('  trains \n fighters ')).toBe('trains fighters')
    expect(normaliseRelationType('   ')).toBe('')
  })
})

describe('chooseWhen', () => {
  const resolved: Resolution = { status: 'resolved', value: jan17, explanation: '' }
  const ambiguous: Resolution = {
    status: 'ambiguous',
    explanation: 'ambiguous',
    candidates: [
      { value: jan17, explanation: 'a' },
      { value: jan18, explanation: 'b' },
    ],
  }
  const base = { initialExpression: '', chosen: 0 }

  it('saves no date for an empty field, even on an edit', () => {
    expect(chooseWhen({ ...base, expression: '  ', stored: jan17 })).toEqual({ status: 'none' })
  })

  it('keeps the stored date while its words are unchanged, without resolving', () => {
    expect(
      chooseWhen({
        expression: 'last week',
        initialExpression: 'last week',
        stored: jan17,
        chosen: 0,
      }),
    ).toEqual({ status: 'kept', value: jan17 })
  })

  it('takes the resolver’s answer once the words change', () => {
    const args = { expression: '17 January 2025', initialExpression: 'last week', chosen: 0 }
    expect(chooseWhen({ ...args, stored: jan18 })).toEqual({ status: 'pending' })
    expect(chooseWhen({ ...args, stored: jan18, resolution: resolved })).toEqual({
      status: 'chosen',
      value: jan17,
    })
    expect(chooseWhen({ ...args, resolution: ambiguous, chosen: 1 })).toEqual({
      status: 'chosen',
      value: jan18,
    })
    expect(
      chooseWhen({ ...args, resolution: { status: 'unresolvable', reason: 'no publication' } }),
    ).toEqual({ status: 'invalid', reason: 'no publication' })
  })

  it('starts an edit from the words the date was read from, else the date in words', () => {
    const fmt = () => 'Fri 17 Jan 2025'
    expect(initialExpressionOf(undefined, fmt)).toBe('')
    expect(initialExpressionOf(jan17, fmt)).toBe('Fri 17 Jan 2025')
    const read = { ...jan17, resolvedFrom: { text: 'on Friday', rule: 'weekday' } }
    expect(initialExpressionOf(read, fmt)).toBe('on Friday')
  })
})

describe('relation in words', () => {
  it('reads as a sentence and draws one way or both ways', () => {
    expect(relationSentence('Iran', 'ally', 'Russia')).toBe('Iran ally of Russia')
    expect(relationSentence('A', 'trains', 'B')).toBe('A trains B')
    expect(relationConnector('supports', true)).toBe('— supports →')
    expect(relationConnector('ally', false)).toBe('═ ally of ═')
  })
})
