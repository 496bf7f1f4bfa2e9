import { describe, expect, it } from 'vitest'
import type { EntityRecord } from '../../domain/types'
import { findEntity, newName } from './accept'
import type { SuggestionGroup } from './suggestion-store'

const entity = (id: string, name: string, kind: EntityRecord['kind'], aliases: string[] = []) =>
  ({ id, caseId: 'c', name, kind, aliases }) as unknown as EntityRecord

const group = (key: string, kind: SuggestionGroup['kind'], forms: string[]): SuggestionGroup => ({
  key,
  kind,
  name: forms.reduce((a, b) => (b.length > a.length ? b : a)),
  forms,
  items: [],
})

describe('linking suggestions in other languages', () => {
  const entities = [
    entity('iran', 'Iran', 'state'),
    entity('putin', 'Putin', 'person'),
    entity('moscow', 'Moscow', 'location'),
  ]

  it('links a Persian, Arabic or Russian name to the entity of its English name', () => {
    expect(findEntity(group('iran', 'state', ['ایران', 'إيران']), entities)?.id).toBe('iran')
    // The entity was made from an English text that named only "Putin".
    expect(findEntity(group('vladimir putin', 'person', ['Путиным']), entities)?.id).toBe('putin')
    expect(findEntity(group('moscow', 'location', ['Москве', 'مسکو']), entities)?.id).toBe('moscow')
    expect(findEntity(group('doha', 'location', ['الدوحة']), entities)).toBeUndefined()
  })

  it('names a new entity seen only in another script by its English name', () => {
    expect(newName(group('doha', 'location', ['الدوحة', 'دوحه']))).toBe('Doha')
    expect(newName(group('ali khamenei', 'person', ['خامنه‌ای']))).toBe('Ali Khamenei')
    // Seen in Latin letters: the form the text used, as before.
    expect(newName(group('moscow', 'location', ['Moskau']))).toBe('Moskau')
    expect(newName(group('kell', 'person', ['Kell']))).toBe('Kell')
  })
})
