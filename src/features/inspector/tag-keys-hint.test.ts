import { describe, expect, it } from 'vitest'
import { TAG_KEYS } from '../../ui/commands'
import { ADD_TO_EVENT_KEY } from '../reader/tagging'
import { tagKeyList, tagKeysHint } from './tag-keys-hint'

describe('the inspector’s keyboard hint', () => {
  it('lists every key that acts on selected words, R and X included', () => {
    const hint = tagKeysHint()
    for (const { key, label } of TAG_KEYS) expect(hint).toContain(`${key} (${label.toLowerCase()})`)
    expect(hint).toContain('R (relation)')
    expect(hint).toContain(`${ADD_TO_EVENT_KEY} (add to an event)`)
    expect(hint).toBe(
      'Select words in the document and press A (actor), L (location), E (event), C (claim), N (note), R (relation) or X (add to an event).',
    )
  })

  it('says one key without a list', () => {
    expect(tagKeysHint(tagKeyList([], 'X'))).toBe(
      'Select words in the document and press X (add to an event).',
    )
  })
})
