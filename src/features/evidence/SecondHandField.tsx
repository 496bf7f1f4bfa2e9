/**
 * A passage's origin in the tag inspector: first-hand (its document's publisher) or
 * second-hand from the outlet it cites. When the passage's sentence cites an outlet
 * ("according to Reuters", "state TV said": domain/second-hand.ts) the field offers to mark
 * it so, quoting the phrase; nothing is marked without a click. The outlet can also be typed
 * (the case's sources are offered); a name that matches a source counts as that source's
 * origin, any other as a new outlet. Each change is one undoable action.
 */
import { useMemo, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useDocument } from '../../db/hooks'
import { useSources } from '../../ui/case-documents'
import { setSecondHand } from '../../db/weigh'
import { sentenceAround } from '../../domain/event-types'
import { findSecondHand, outletKey } from '../../domain/second-hand'
import type { AnnotationRecord } from '../../domain/types'

/** See the module comment. */
export function SecondHandField({ tag }: { tag: AnnotationRecord }) {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  const doc = useDocument(tag.docId)
  const sources = useSources(caseId)
  const [typed, setTyped] = useState('')
  const cues = useMemo(() => {
    if (!doc || tag.anchor?.status === 'orphan') return []
    const s = sentenceAround(doc.text, tag.start, tag.end)
    return findSecondHand(doc.text.slice(s.start, s.end))
  }, [doc, tag.start, tag.end, tag.anchor?.status])
  const publisher = doc?.sourceId ? sources?.get(doc.sourceId)?.name : undefined
  const sourceNamed = (outlet: string) =>
    [...(sources?.values() ?? [])].find((s) => outletKey(s.name) === outletKey(outlet))
  const mark = (outlet: string | null) =>
    void setSecondHand(getDb(), tag.id, outlet).then(
      () => setTyped(''),
      (e: unknown) => notify(errorMessage(e), 'error'),
    )
  const cited = tag.secondHand ? sourceNamed(tag.secondHand.outlet) : undefined
  return (
    <section className="field second-hand" data-testid="second-hand">
      <span>Origin</span>
      {tag.secondHand ? (
        <p data-testid="second-hand-state">
          Second-hand: cites <strong>{tag.secondHand.outlet}</strong>{' '}
          <span className="muted">
            {cited
              ? `(counted as the case’s source “${cited.name}”)`
              : '(an outlet the case has no source for: its own origin)'}
          </span>{' '}
          <button type="button" className="link" onClick={() => mark(null)}>
            Mark first-hand
          </button>
        </p>
      ) : (
        <p className="muted" data-testid="second-hand-state">
          First-hand: its origin is {publisher ? `“${publisher}”` : 'its document (no publisher)'}.
        </p>
      )}
      {!tag.secondHand &&
        cues.map((c) => (
          <p key={c.start} className="suggestion-box">
            The sentence says “{c.phrase}”.{' '}
            <button type="button" data-testid="second-hand-offer" onClick={() => mark(c.outlet)}>
              Mark second-hand from {c.outlet}
            </button>
          </p>
        ))}
      <div className="add-evidence">
        <input
          aria-label="Outlet this passage cites"
          placeholder="Cites another outlet…"
          list={`outlets-${tag.id}`}
          value={typed}
          data-testid="second-hand-outlet"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && typed.trim()) {
              e.preventDefault()
              mark(typed)
            }
          }}
        />
        <datalist id={`outlets-${tag.id}`}>
          {[...(sources?.values() ?? [])].map((s) => (
            <option key={s.id} value={s.name} />
          ))}
        </datalist>
        <button
          type="button"
          disabled={!typed.trim()}
          data-testid="second-hand-set"
          onClick={() => mark(typed)}
        >
          Mark second-hand
        </button>
      </div>
    </section>
  )
}
