import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCase } from '../../db/cases'
import { clearHistory, historyState, undo } from '../../db/history'
import { CasefileDB } from '../../db/schema'
import { createEntity, editEntityAliases } from '../../db/tags'

let db: CasefileDB
let n = 0
let caseId: string

beforeEach(async () => {
  clearHistory()
  db = new CasefileDB(`test-entity-aliases-${++n}`)
  await db.open()
  caseId = (await createCase(db, 'Case')).id
})
afterEach(async () => {
  await db.delete()
})

describe('editEntityAliases', () => {
  it('keeps both of two aliases added one right after the other', async () => {
    const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
    await Promise.all([
      editEntityAliases(db, iran.id, { add: ['Islamic Republic'] }),
      editEntityAliases(db, iran.id, { add: ['Persia'] }),
    ])
    expect((await db.entities.get(iran.id))!.aliases.sort()).toEqual(['Islamic Republic', 'Persia'])
  })

  it('removes aliases ignoring case, skips duplicates and the name, and is undoable', async () => {
    const iran = await createEntity(db, caseId, {
      name: 'Iran',
      kind: 'state',
      aliases: ['Persia', 'IRI'],
    })
    await editEntityAliases(db, iran.id, { remove: ['persia'], add: ['iran', 'IRI', ' Tehran  '] })
    expect((await db.entities.get(iran.id))!.aliases).toEqual(['IRI', 'Tehran'])
    expect(historyState(caseId).undo).toBe('Edit aliases of Iran')
    await undo(db, caseId)
    expect((await db.entities.get(iran.id))!.aliases).toEqual(['Persia', 'IRI'])
  })

  it('names the action after the one alias it adds or removes', async () => {
    const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state' })
    await editEntityAliases(db, iran.id, { add: ['Persia'] })
    expect(historyState(caseId).undo).toBe('Add alias “Persia” to Iran')
    await editEntityAliases(db, iran.id, { remove: ['Persia'] })
    expect(historyState(caseId).undo).toBe('Remove alias “Persia” from Iran')
  })

  it('writes nothing, and adds nothing to undo, when nothing changes', async () => {
    const iran = await createEntity(db, caseId, { name: 'Iran', kind: 'state', aliases: ['IRI'] })
    await editEntityAliases(db, iran.id, { add: ['iri', 'Iran'], remove: ['Persia'] })
    expect(historyState(caseId).undo).toBe('Add Iran')
  })

  it('refuses an entity that no longer exists', async () => {
    await expect(editEntityAliases(db, 'gone', { add: ['x'] })).rejects.toThrow(/no longer exists/)
  })
})
