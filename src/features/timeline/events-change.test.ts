import { describe, expect, it } from 'vitest'
import { eventsChange } from './events-change'

const ids = (...list: string[]) => list.map((id) => ({ id }))

describe('eventsChange', () => {
  it('tells additions, deletions and edits apart', () => {
    const before = new Set(['a', 'b', 'c'])
    expect(eventsChange(before, ids('a', 'b', 'c', 'd'))).toBe('added')
    expect(eventsChange(before, ids('a', 'c'))).toBe('removed')
    // One gone and one new (an undo that takes back a creation and a deletion at once).
    expect(eventsChange(before, ids('a', 'b', 'd'))).toBe('removed')
    expect(eventsChange(before, ids('c', 'b', 'a'))).toBe('same')
    expect(eventsChange(new Set(), ids('a'))).toBe('added')
    expect(eventsChange(new Set(), [])).toBe('same')
  })

  it('takes the events last drawn by id (the pane’s map) as well as their ids', () => {
    const before = new Map(ids('a', 'b').map((e) => [e.id, e]))
    expect(eventsChange(before, ids('a', 'b', 'c'))).toBe('added')
    expect(eventsChange(before, ids('b'))).toBe('removed')
    expect(eventsChange(before, ids('b', 'a'))).toBe('same')
  })
})
