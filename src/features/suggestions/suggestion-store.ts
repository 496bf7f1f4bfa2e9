/**
 * The suggestions of the open document, shared by the suggestions panel (which lists them)
 * and the reader (which marks them distinctly from tags). Runs the offline recogniser in
 * its worker when asked, remembers what the analyst rejected in this session, and hides
 * what is already tagged or on the case's never-suggest list. Suggestions belong to one
 * version of the text — keyed by its hash, not only by the document — so after Replace text
 * (or its undo) the old ones are not shown or offered, and the store refuses them anyway.
 */
import { useSyncExternalStore } from 'react'
import type { AnnotationRecord } from '../../domain/types'
import type { Suggestion } from '../../suggest/ner'

export interface SuggestionState {
  docId?: string
  /** The hash of the text version the suggestions were found in. */
  textHash?: string
  status: 'idle' | 'running' | 'done' | 'error'
  error?: string
  items: Suggestion[]
  /** Spans rejected in this session, as "start:end". */
  rejected: Set<string>
}

let state: SuggestionState = { status: 'idle', items: [], rejected: new Set() }
const listeners = new Set<() => void>()
let run = 0

function set(next: Partial<SuggestionState>): void {
  state = { ...state, ...next }
  listeners.forEach((fn) => fn())
}

/** The current suggestion state (re-renders on change). */
export function useSuggestionState(): SuggestionState {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    () => state,
  )
}

/** Whether `s` holds the suggestions of this version of the document. */
export function suggestionsAreFor(
  s: SuggestionState,
  doc: { id: string; textHash: string } | null | undefined,
): boolean {
  return !!doc && s.docId === doc.id && s.textHash === doc.textHash
}

/** Runs the recogniser over `doc`'s text (never-suggest forms excluded). */
export async function runSuggestions(
  doc: { id: string; textHash: string; text: string },
  never: string[],
): Promise<void> {
  const mine = ++run
  const same = suggestionsAreFor(state, doc)
  set({
    docId: doc.id,
    textHash: doc.textHash,
    status: 'running',
    items: [],
    // Rejections are offsets: they hold for the same text version only.
    rejected: same ? state.rejected : new Set(),
  })
  const text = doc.text
  try {
    const { suggest } = await import('../../suggest/suggest-client')
    const items = await suggest(text, never)
    if (mine === run) set({ status: 'done', items })
  } catch (e) {
    if (mine === run) set({ status: 'error', error: e instanceof Error ? e.message : String(e) })
  }
}

/** Forgets the suggestions (another case, or the panel closed). */
export function clearSuggestions(): void {
  run++
  set({ docId: undefined, textHash: undefined, status: 'idle', items: [], rejected: new Set() })
}

/** Marks spans as rejected for this session. */
export function rejectSpans(spans: { start: number; end: number }[]): void {
  const rejected = new Set(state.rejected)
  spans.forEach((s) => rejected.add(`${s.start}:${s.end}`))
  set({ rejected })
}

/** Suggestions still open: not rejected, and not already covered by a tag of that span. */
export function openSuggestions(s: SuggestionState, tags: AnnotationRecord[]): Suggestion[] {
  return s.items.filter(
    (x) =>
      !s.rejected.has(`${x.start}:${x.end}`) &&
      !tags.some(
        (t) => t.start < x.end && x.start < t.end && (t.kind !== 'note' || x.kind === 'date'),
      ),
  )
}

export interface SuggestionGroup {
  key: string
  kind: Suggestion['kind']
  /** The longest form seen, used as the entity's name. */
  name: string
  forms: string[]
  items: Suggestion[]
}

/** Groups open suggestions by the thing they name, most mentioned first. */
export function groupSuggestions(items: Suggestion[]): SuggestionGroup[] {
  const groups = new Map<string, SuggestionGroup>()
  for (const s of items) {
    const id = `${s.kind}\u0000${s.key}`
    let g = groups.get(id)
    if (!g) groups.set(id, (g = { key: s.key, kind: s.kind, name: s.text, forms: [], items: [] }))
    g.items.push(s)
    if (!g.forms.includes(s.text)) g.forms.push(s.text)
    if (s.text.length > g.name.length) g.name = s.text
  }
  return [...groups.values()].sort(
    (a, b) => b.items.length - a.items.length || a.items[0]!.start - b.items[0]!.start,
  )
}
