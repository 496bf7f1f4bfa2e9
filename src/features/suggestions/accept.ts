/**
 * Accepting a suggestion group (every occurrence, or just one): what each kind of name is
 * tagged as, and which actor or location it links to — an existing one when its name or an
 * alias matches, else a new one named after the longest form.
 */
import { getDb } from '../../db/db'
import { acceptSuggestions } from '../../db/suggestions'
import { normaliseName } from '../../domain/entity-match'
import type { AnnotationKind, AnnotationRecord, EntityKind, EntityRecord } from '../../domain/types'
import { multilingualEntry } from '../../suggest/multilingual-names'
import type { SuggestionGroup } from './suggestion-store'

export const TARGET: Record<string, { tag: AnnotationKind; entity?: EntityKind; label: string }> = {
  person: { tag: 'actor', entity: 'person', label: 'person' },
  organisation: { tag: 'actor', entity: 'organisation', label: 'organisation' },
  state: { tag: 'actor', entity: 'state', label: 'state' },
  other: { tag: 'actor', entity: 'other', label: 'name' },
  location: { tag: 'location', entity: 'location', label: 'place' },
  date: { tag: 'note', label: 'date' },
}

/** An existing entity that this group names (same normalised name or alias, compatible kind). */
export function findEntity(
  group: SuggestionGroup,
  entities: EntityRecord[],
): EntityRecord | undefined {
  // A name in another language ("ایران", "Москве") also links to the entity of its English
  // name or aliases ("Iran"; "Putin" for "Vladimir Putin").
  const english = multilingualEntry(group.key)
  const names = english ? [english.name, ...english.englishAliases] : []
  const forms = new Set([group.key, ...group.forms, ...names].map(normaliseName))
  const wantLocation = group.kind === 'location'
  return entities.find(
    (e) =>
      (e.kind === 'location') === wantLocation &&
      [e.name, ...e.aliases].some((f) => forms.has(normaliseName(f))),
  )
}

/**
 * The name of a new entity for `group`: the longest form seen, except that names seen only
 * in another script ("ایران", "Москве") take their English name from the multilingual
 * gazetteer ("Iran"), so that the English mentions in other documents find the entity.
 */
export function newName(group: SuggestionGroup): string {
  const english = multilingualEntry(group.key)
  if (english && !group.forms.some((f) => /\p{Script=Latin}/u.test(f))) return english.name
  return group.name
}

/**
 * Tags `group.items` in `docId` as its kind says, linked to one entity. `textHash` is the
 * text version the suggestions were found in: the store refuses (STALE_ANCHOR) if the
 * document holds another now.
 */
export function acceptGroup(
  docId: string,
  textHash: string | undefined,
  group: SuggestionGroup,
  entities: EntityRecord[],
): Promise<AnnotationRecord[]> {
  const target = TARGET[group.kind]!
  const existing = target.entity ? findEntity(group, entities) : undefined
  return acceptSuggestions(getDb(), {
    docId,
    ...(textHash ? { textHash } : {}),
    kind: target.tag,
    spans: group.items.map((s) => ({ start: s.start, end: s.end, exact: s.text })),
    ...(existing ? { entityId: existing.id } : {}),
    ...(target.entity && !existing
      ? { newEntity: { name: newName(group), kind: target.entity } }
      : {}),
    ...(group.kind === 'date' ? { note: 'Date expression' } : {}),
  })
}
