import { describe, expect, it } from 'vitest'
import { PANE_KEYS } from './pane-keys'
import { ADD_TO_EVENT_KEY } from '../reader/tagging'
import { SUGGESTION_KEY } from '../suggestions/SuggestionMenu'

describe('PANE_KEYS', () => {
  it('lists the reader’s letters as the reader reads them', () => {
    const keys = PANE_KEYS.map((k) => k.keys)
    expect(keys).toContain(SUGGESTION_KEY.toUpperCase())
    expect(keys).toContain(ADD_TO_EVENT_KEY.toUpperCase())
  })
})
