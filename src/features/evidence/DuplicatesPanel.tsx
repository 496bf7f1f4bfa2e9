/**
 * Possible duplicates (side pane tab "Duplicates", Ctrl+Shift+D): pairs of events that may be
 * the same happening reported twice (domain/duplicates.ts), each with its reasons in words.
 * "Merge…" opens a preview of the merged event — which title to keep, and the time as the
 * union of both or the narrower of the two — and merges in one undoable action; "Not the
 * same" remembers the pair on the case (in backups, gone with the case) so it is not proposed
 * again. Both are undone with Ctrl+Z.
 */
import { useMemo, useState } from 'react'
import { Dialog } from '../../ui/Dialog'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useCase, useEntities, useEvents } from '../../db/hooks'
import { markNotSame, mergeEventPair } from '../../db/weigh'
import {
  mergeEvents,
  pairKey,
  proposeDuplicates,
  type DuplicatePair,
  type MergeTime,
} from '../../domain/duplicates'
import { eventPlaceIds } from '../../domain/event-places'
import { typeLabel } from '../../domain/event-types'
import { formatWhen } from '../../domain/time/calendar'
import type { EventRecord } from '../../domain/types'

/** See the module comment. */
export function DuplicatesPanel() {
  const { caseId, selectEvent } = useSelection(
    useShallow((s) => ({ caseId: s.caseId, selectEvent: s.selectEvent })),
  )
  const notify = useNotices((s) => s.notify)
  const events = useEvents(caseId)
  const entities = useEntities(caseId)
  const caseRecord = useCase(caseId)
  const [merging, setMerging] = useState<DuplicatePair>()
  const names = useMemo(() => new Map(entities?.map((e) => [e.id, e.name])), [entities])
  const byId = useMemo(() => new Map(events?.map((e) => [e.id, e])), [events])
  const pairs = useMemo(() => {
    if (!events || caseRecord === undefined) return undefined
    const notSame = new Set((caseRecord?.notSameEvents ?? []).map(([a, b]) => pairKey(a, b)))
    return proposeDuplicates(events, { notSame })
  }, [events, caseRecord])

  if (!caseId) return <p className="empty-pane">Open a case to look for duplicate events.</p>
  if (!pairs) return <p className="empty-pane">Looking for possible duplicates…</p>
  const name = (id: string) => names.get(id) ?? 'unknown'
  const list = (ids: string[]) => ids.map(name).join(', ')
  return (
    <section className="duplicates-pane" aria-label="Possible duplicates" data-testid="duplicates">
      <h2>Possible duplicates</h2>
      {pairs.length === 0 ? (
        <p className="muted" data-testid="duplicates-empty">
          No two events look like one: a pair is proposed when both are of the same type family,
          share an initiator or a target, lie within a day of each other and have compatible places.
          Pairs marked “not the same” are not shown again.
        </p>
      ) : (
        <ul className="plain-list duplicate-list">
          {pairs.map((p) => {
            const a = byId.get(p.a)!
            const b = byId.get(p.b)!
            const r = p.reasons
            return (
              <li key={`${p.a}|${p.b}`} className="duplicate" data-testid="duplicate-pair">
                <p>
                  <EventLink event={a} onSelect={selectEvent} /> and{' '}
                  <EventLink event={b} onSelect={selectEvent} />
                </p>
                <ul className="reasons" data-testid="duplicate-reasons">
                  <li>
                    both {r.family} ({typeLabel(a.type)}
                    {a.type !== b.type ? `, ${typeLabel(b.type)}` : ''})
                  </li>
                  {r.sharedInitiators.length > 0 && (
                    <li>same initiator: {list(r.sharedInitiators)}</li>
                  )}
                  {r.sharedTargets.length > 0 && <li>same target: {list(r.sharedTargets)}</li>}
                  <li>
                    {r.time === 'overlap' ? 'their times overlap' : 'within a day of each other'}
                  </li>
                  <li>
                    {r.place.kind === 'same'
                      ? `same place: ${list(r.place.ids)}`
                      : r.place.kind === 'inside'
                        ? `${name(r.place.inner)} lies in ${name(r.place.outer)}`
                        : 'the place of one is unknown'}
                  </li>
                </ul>
                <div className="button-row">
                  <button type="button" data-testid="duplicate-merge" onClick={() => setMerging(p)}>
                    Merge…
                  </button>
                  <button
                    type="button"
                    data-testid="duplicate-not-same"
                    onClick={() =>
                      void markNotSame(getDb(), caseId, p.a, p.b).then(
                        () =>
                          notify('Marked as not the same (Ctrl+Z undoes it).', 'info', {
                            undo: true,
                          }),
                        (e: unknown) => notify(errorMessage(e), 'error'),
                      )
                    }
                  >
                    Not the same
                  </button>
                </div>
              </li>
            )
          })}
        </ul>
      )}
      {merging && byId.get(merging.a) && byId.get(merging.b) && (
        <MergeDialog
          first={byId.get(merging.a)!}
          second={byId.get(merging.b)!}
          name={name}
          onClose={() => setMerging(undefined)}
          onMerged={(id) => {
            setMerging(undefined)
            selectEvent(id)
          }}
        />
      )}
    </section>
  )
}

function EventLink({ event, onSelect }: { event: EventRecord; onSelect(id: string): void }) {
  return (
    <button type="button" className="link" onClick={() => onSelect(event.id)}>
      “{event.title}”{event.when ? ` (${formatWhen(event.when)})` : ''}
    </button>
  )
}

function MergeDialog({
  first,
  second,
  name,
  onClose,
  onMerged,
}: {
  first: EventRecord
  second: EventRecord
  name(id: string): string
  onClose(): void
  onMerged(id: string): void
}) {
  const notify = useNotices((s) => s.notify)
  const [keepFirst, setKeepFirst] = useState(true)
  const [time, setTime] = useState<MergeTime>('union')
  const [keep, drop] = keepFirst ? [first, second] : [second, first]
  const merged = mergeEvents(keep, drop, time)
  const names = (ids: string[]) => (ids.length ? ids.map(name).join(', ') : '—')
  const merge = () =>
    void mergeEventPair(getDb(), keep.id, drop.id, time).then(
      () => {
        notify(`Merged into “${keep.title}” (Ctrl+Z undoes it).`, 'success', { undo: true })
        onMerged(keep.id)
      },
      (e: unknown) => notify(errorMessage(e), 'error'),
    )
  return (
    <Dialog
      title="Merge two events"
      open
      wide
      onClose={onClose}
      testId="merge-events"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="merge-confirm" onClick={merge}>
            Merge
          </button>
        </>
      }
    >
      <fieldset className="field">
        <legend>Keep the title of</legend>
        {[first, second].map((e, i) => (
          <label key={e.id} className="checkbox">
            <input
              type="radio"
              name="merge-keep"
              checked={keepFirst === (i === 0)}
              onChange={() => setKeepFirst(i === 0)}
            />{' '}
            “{e.title}”
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>Time</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="merge-time"
            data-testid="merge-time-union"
            checked={time === 'union'}
            onChange={() => setTime('union')}
          />{' '}
          both windows together (union)
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="merge-time"
            data-testid="merge-time-narrower"
            checked={time === 'narrower'}
            onChange={() => setTime('narrower')}
          />{' '}
          the narrower of the two
        </label>
      </fieldset>
      <dl className="event-facts" data-testid="merge-preview">
        <dt>Title</dt>
        <dd>{merged.title}</dd>
        <dt>Type</dt>
        <dd>{typeLabel(merged.type)}</dd>
        <dt>Who</dt>
        <dd>{names(merged.initiators)}</dd>
        <dt>To whom</dt>
        <dd>{names(merged.targets)}</dd>
        <dt>Where</dt>
        <dd>{names(eventPlaceIds(merged))}</dd>
        <dt>When</dt>
        <dd data-testid="merge-preview-when">
          {merged.when ? formatWhen(merged.when) : 'no date'}
        </dd>
        <dt>Evidence</dt>
        <dd data-testid="merge-preview-evidence">
          {merged.evidence.length} passage{merged.evidence.length === 1 ? '' : 's'} (
          {first.evidence.length} + {second.evidence.length}
          {first.evidence.length + second.evidence.length > merged.evidence.length
            ? ', shared ones once'
            : ''}
          )
        </dd>
      </dl>
      <p className="muted">
        “{drop.title}” is deleted; briefings that include it include the merged event.
      </p>
    </Dialog>
  )
}
