import { describe, expect, it } from 'vitest'
import type { ChangeInput } from '../../db/change-log'
import { documentChanges } from './reopen'

const entry = (table: ChangeInput['table'], recordId: string, before?: unknown, after?: unknown) =>
  ({ caseId: 'c', action: 'a', op: 'delete', table, recordId, before, after }) as ChangeInput

describe('documentChanges', () => {
  // What deleteDocument records: the document and its tags, each from a record to nothing.
  const deletion = {
    entries: [
      entry('documents', 'd1', { id: 'd1' }, undefined),
      entry('annotations', 't1', { id: 't1' }, undefined),
    ],
  }

  it('says an undone deletion restored the document and a redone one removed it', () => {
    expect(documentChanges(deletion, 'undo')).toEqual({ restored: ['d1'], removed: [] })
    expect(documentChanges(deletion, 'redo')).toEqual({ restored: [], removed: ['d1'] })
  })

  it('says nothing of an edit of a document, nor of other tables', () => {
    const edit = { entries: [entry('documents', 'd1', { title: 'a' }, { title: 'b' })] }
    expect(documentChanges(edit, 'undo')).toEqual({ restored: [], removed: [] })
    const tag = { entries: [entry('annotations', 't1', undefined, { id: 't1' })] }
    expect(documentChanges(tag, 'undo')).toEqual({ restored: [], removed: [] })
  })
})
