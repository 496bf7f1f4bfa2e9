/**
 * The decisions behind the relation form and the relation views, kept out of React so they
 * can be tested without a browser: which actors a passage's sentence names (to pre-fill
 * From and To), whether a new relation starts out directed, which types the case has added,
 * what the analyst's own type means when it is a standard one in other words, which date the
 * form will save, and how a relation reads in one line. Nothing here touches the store.
 */
import { sentenceAround } from '../../domain/event-types'
import {
  RELATION_TYPES,
  relationDirectedByDefault,
  relationTypeLabel,
} from '../../domain/graph-model'
import type { Resolution } from '../../domain/time/resolve'
import type { AnnotationRecord, EntityRecord, RelationRecord, TimeValue } from '../../domain/types'

/**
 * The distinct actors tagged in the sentence around `passage`, in the order the text names
 * them. Tags that link a location (by kind, or by the linked entity's kind when `entities`
 * is given) are left out: a location is never party to a relation. An orphaned passage has
 * no sentence, so it names nobody.
 */
export function sentenceActorIds(
  text: string,
  passage: Pick<AnnotationRecord, 'start' | 'end' | 'anchor'>,
  tags: Pick<AnnotationRecord, 'start' | 'end' | 'kind' | 'entityId' | 'anchor'>[],
  entities?: Map<string, Pick<EntityRecord, 'kind'>>,
): string[] {
  if (passage.anchor?.status === 'orphan') return []
  const sentence = sentenceAround(text, passage.start, passage.end)
  const ids: string[] = []
  const inSentence = tags
    .filter(
      (t) =>
        t.entityId &&
        t.kind !== 'location' &&
        t.anchor?.status !== 'orphan' &&
        t.start >= sentence.start &&
        t.end <= sentence.end,
    )
    .sort((a, b) => a.start - b.start)
  for (const t of inSentence) {
    const id = t.entityId!
    const entity = entities?.get(id)
    if (entities && (!entity || entity.kind === 'location')) continue
    if (!ids.includes(id)) ids.push(id)
  }
  return ids
}

/**
 * From and To for a new relation made from a passage: the first two actors its sentence
 * names. Either is absent when the sentence names fewer.
 */
export function initialEnds(actorIds: string[]): { from?: string; to?: string } {
  const [from, to] = actorIds
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

/**
 * Whether the Directed box should be ticked after the type changes to `type`: the type's
 * default, unless the analyst has set the box themselves (`touched`), in which case their
 * choice (`current`) stands.
 */
export function defaultDirected(type: string, touched: boolean, current: boolean): boolean {
  return touched ? current : relationDirectedByDefault(type)
}

/**
 * Whether the Directed box of a relation being edited counts as set by the analyst: it does
 * when it differs from its type's default, so that changing the type then keeps it.
 */
export function directedTouched(relation: Pick<RelationRecord, 'type' | 'directed'>): boolean {
  return relation.directed !== relationDirectedByDefault(relation.type)
}

/**
 * The relation types a case has added (those of `relations` that are not standard, plus
 * `extra` — the type of the relation being edited), each once, sorted.
 */
export function customRelationTypes(
  relations: Pick<RelationRecord, 'type'>[],
  extra?: string,
): string[] {
  const standard = new Set(RELATION_TYPES.map((t) => t.id))
  const used = new Set(relations.map((r) => r.type).filter((t) => !standard.has(t)))
  if (extra && !standard.has(extra)) used.add(extra)
  return [...used].sort((a, b) => a.localeCompare(b))
}

/**
 * The type to store for what the analyst typed as a new type: a standard type when the
 * words are its id or its label ("Ally of" is `ally`, so that the graph colours and filters
 * it as one), else the words with their spacing tidied. Empty when nothing was typed.
 */
export function normaliseRelationType(typed: string): string {
  const t = typed.replace(/\s+/g, ' ').trim()
  const lower = t.toLowerCase()
  const standard = RELATION_TYPES.find((r) => r.id === lower || r.label === lower)
  return standard ? standard.id : t
}

/** What the form's date field will save, or why it cannot yet. */
export type WhenChoice =
  | { status: 'none' }
  | { status: 'kept'; value: TimeValue }
  | { status: 'chosen'; value: TimeValue }
  | { status: 'pending' }
  | { status: 'invalid'; reason: string }

/**
 * The date the form saves. An empty field saves none. On an edit, an expression the analyst
 * has not changed keeps the stored date as it is, without resolving it again: the document
 * it was read against may be gone, or its publication date corrected since, and opening the
 * form to fix a typo in the type must not move or refuse the date. Otherwise the
 * resolver's answer counts: the resolved value, the chosen reading of an ambiguous one, or
 * the reason it could not be read.
 */
export function chooseWhen(args: {
  expression: string
  /** The field's text when the form opened. */
  initialExpression: string
  /** The date stored on the relation being edited. */
  stored?: TimeValue
  /** The resolver's answer for `expression`; undefined while it loads. */
  resolution?: Resolution
  /** The reading chosen among an ambiguous resolution's candidates. */
  chosen: number
}): WhenChoice {
  const { expression, initialExpression, stored, resolution, chosen } = args
  if (!expression.trim()) return { status: 'none' }
  if (stored && expression === initialExpression) return { status: 'kept', value: stored }
  if (!resolution) return { status: 'pending' }
  if (resolution.status === 'resolved') return { status: 'chosen', value: resolution.value }
  if (resolution.status === 'unresolvable') return { status: 'invalid', reason: resolution.reason }
  const candidate = resolution.candidates[chosen] ?? resolution.candidates[0]
  return candidate
    ? { status: 'chosen', value: candidate.value }
    : { status: 'invalid', reason: resolution.explanation }
}

/**
 * The date field's text for a relation being edited: the words it was resolved from, or,
 * for a date stored without them, the date in words (`formatted`), which `chooseWhen` keeps
 * as long as it is not changed.
 */
export function initialExpressionOf(
  when: TimeValue | undefined,
  formatted: (value: TimeValue) => string,
): string {
  if (!when) return ''
  return when.resolvedFrom?.text ?? formatted(when)
}

/** A relation in words for notices: "Iran ally of Russia". */
export function relationSentence(from: string, type: string, to: string): string {
  return `${from} ${relationTypeLabel(type)} ${to}`
}

/**
 * The connector drawn between the two names: a single line ending in an arrow for a directed
 * tie ("— ally of →"), a double line on both sides for a mutual one ("═ ally of ═").
 */
export function relationConnector(type: string, directed: boolean): string {
  const label = relationTypeLabel(type)
  return directed ? `— ${label} →` : `═ ${label} ═`
}
