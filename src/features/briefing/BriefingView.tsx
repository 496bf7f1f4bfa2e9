/**
 * The briefing composer: the case's briefings, one open at a time, edited in place and
 * saved as the analyst types (each field's typing is one undo step); beside it a live
 * preview of exactly what will print — the print HTML in a sandboxed frame without scripts,
 * whose keys the app hears, so its shortcuts work with the focus there — and the
 * problems to fix before exporting (orphaned evidence and the like, never printed as if
 * sound). Exports: Markdown, standalone HTML, and the print view, which prints (or saves as
 * PDF) through the browser or the desktop app's print dialog. A new briefing opens with the
 * focus in its title, the placeholder title selected, so the keyboard can name it at once.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { errorMessage } from '../../ui/errors'
import { routeKey } from '../../ui/commands'
import { getDb } from '../../db/db'
import {
  addJudgement,
  addSection,
  createBriefing,
  deleteBriefing,
  removeJudgement,
  removeSection,
  setBriefingEvents,
  updateBriefing,
  updateJudgement,
  updateSection,
} from '../../db/briefings'
import { citeAchVersion } from '../../db/ach'
import { useBriefings, useCase, useEvents } from '../../db/hooks'
import { formatPublished } from '../../domain/format'
import { CONFIDENCE_LEVELS, LIKELIHOOD_SCALE } from '../../briefing/likelihood'
import { analystOrdered, moveInChronology, orderChronology } from '../../briefing/chronology-order'
import { formatWhen } from '../../domain/time/calendar'
import type {
  AchMatrix,
  BriefingRecord,
  EventRecord,
  Judgement,
  Likelihood,
} from '../../domain/types'
import { getPlatform } from '../../platform'
import { DraftField } from './DraftField'
import { printKeys } from './PrintRoute'
import { useComposedBriefing } from './use-composed-briefing'
import { focusWhenShown } from '../../ui/focus-when-shown'
import './briefing.css'

/** The composer of the open case's briefings (see the module comment). */
export function BriefingView() {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  const briefings = useBriefings(caseId)
  const [openId, setOpenId] = useState<string>()
  // The briefing just made, whose title takes the focus when its composer first shows.
  const [fresh, setFresh] = useState<string>()
  const open = briefings?.find((b) => b.id === openId) ?? briefings?.[0]

  async function create() {
    if (!caseId) return
    try {
      const b = await createBriefing(getDb(), caseId)
      setOpenId(b.id)
      setFresh(b.id)
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }

  if (!caseId) return <section className="briefing-view empty-pane">Open a case first.</section>
  return (
    <section className="briefing-view" aria-label="Briefing" data-testid="briefing-view">
      <nav className="briefing-list" aria-label="Briefings">
        <button type="button" className="primary" onClick={() => void create()}>
          New briefing
        </button>
        <ul className="plain-list">
          {briefings?.map((b) => (
            <li key={b.id}>
              <button
                type="button"
                className={b.id === open?.id ? 'link active' : 'link'}
                onClick={() => setOpenId(b.id)}
              >
                {b.title}
              </button>
            </li>
          ))}
        </ul>
        {briefings?.length === 0 && (
          <p className="muted">
            No briefing yet. A briefing quotes the passages behind every event it reports, with
            their sources and grades.
          </p>
        )}
      </nav>
      {open ? (
        <Composer
          key={open.id}
          briefing={open}
          focusTitle={open.id === fresh}
          onDeleted={() => setOpenId(undefined)}
        />
      ) : (
        <div className="empty-pane">
          <p>Make a briefing with “New briefing”.</p>
        </div>
      )}
    </section>
  )
}

function Composer({
  briefing,
  focusTitle,
  onDeleted,
}: {
  briefing: BriefingRecord
  focusTitle: boolean
  onDeleted(): void
}) {
  const notify = useNotices((s) => s.notify)
  const composer = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (!focusTitle) return
    const title = composer.current?.querySelector<HTMLInputElement>(
      '[data-testid="briefing-title"]',
    )
    title?.focus()
    title?.select()
  }, [focusTitle])
  const { timelineWindow, actorFocusId } = useView(
    useShallow((s) => ({ timelineWindow: s.timelineWindow, actorFocusId: s.actorFocusId })),
  )
  const events = useEvents(briefing.caseId)
  // Saved versions of the matrix of competing hypotheses, for judgements to cite.
  const achVersions = useCase(briefing.caseId)?.ach?.versions ?? []
  const composed = useComposedBriefing(briefing)
  const [pageSize, setPageSize] = useState<'A4' | 'Letter'>('A4')
  const db = getDb()
  const run = (p: Promise<unknown>) => p.catch((e) => notify(errorMessage(e), 'error'))
  // The key judgement or section just added takes the focus in its first field once it shows:
  // left on the Add button, the words typed next went nowhere and each space pressed the
  // button again (a sentence of eight words made eight empty judgements).
  const focusAdded = (id: string) =>
    focusWhenShown(() =>
      composer.current?.querySelector<HTMLElement>(`[data-item-id="${id}"] :is(input, textarea)`),
    )
  const save = (patch: Partial<BriefingRecord>, key: string) =>
    void run(updateBriefing(db, briefing.id, patch, { coalesceKey: key }))

  const dated = useMemo(
    () =>
      [...(events ?? [])].sort((a, b) => (a.when?.start ?? Infinity) - (b.when?.start ?? Infinity)),
    [events],
  )
  const included = new Set(briefing.eventIds)
  // The list in the order the chronology prints: the chosen events as composed (by day, time
  // of day where known, then the analyst's order), each of the others at its date.
  const listed = useMemo(
    () => orderChronology(dated, briefing.eventIds),
    [dated, briefing.eventIds],
  )
  const chosenInOrder = listed.filter((e) => included.has(e.id))
  /** The chosen event next to `id` in the chronology that the analyst's order decides. */
  const neighbour = (id: string, step: -1 | 1) => {
    const at = chosenInOrder.findIndex((e) => e.id === id)
    const other = chosenInOrder[at + step]
    return at >= 0 && other && analystOrdered(chosenInOrder[at]!, other) ? other : undefined
  }
  // The event just moved from the keyboard: its checkbox keeps the focus in its new place.
  const listRef = useRef<HTMLUListElement>(null)
  const [movedByKey, setMovedByKey] = useState<string>()
  useEffect(() => {
    if (!movedByKey) return
    listRef.current
      ?.querySelector<HTMLInputElement>(`li[data-id="${CSS.escape(movedByKey)}"] input`)
      ?.focus()
  }, [movedByKey, listed])
  const move = (id: string, step: -1 | 1) => {
    if (!neighbour(id, step)) return
    void run(
      setBriefingEvents(db, briefing.id, moveInChronology(dated, briefing.eventIds, id, step)),
    )
  }

  function applyTimelineView() {
    const chosen = dated.filter(
      (e) =>
        (!timelineWindow ||
          (e.when &&
            e.when.start <= timelineWindow.end &&
            (e.when.end ?? e.when.start) >= timelineWindow.start)) &&
        (!actorFocusId || e.initiators.includes(actorFocusId) || e.targets.includes(actorFocusId)),
    )
    void run(
      setBriefingEvents(
        db,
        briefing.id,
        chosen.map((e) => e.id),
      ),
    )
  }

  async function exportAs(format: 'md' | 'html') {
    if (!composed) return
    const text = format === 'md' ? composed.markdown() : composed.html(pageSize)
    const name = `${briefing.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'briefing'}.${format}`
    try {
      const saved = await getPlatform().saveFile({
        title: format === 'md' ? 'Export the briefing as Markdown' : 'Export the briefing as HTML',
        suggestedName: name,
        mime: format === 'md' ? 'text/markdown' : 'text/html',
        data: new TextEncoder().encode(text),
      })
      if (saved) notify(`Briefing exported as ${format === 'md' ? 'Markdown' : 'HTML'}.`, 'success')
    } catch (e) {
      notify(`The briefing was not exported: ${errorMessage(e)}`, 'error')
    }
  }

  const problems = composed?.doc.problems ?? []
  const errors = problems.filter((p) => p.severity === 'error')
  const printHref = `#/print/${encodeURIComponent(briefing.caseId)}/${encodeURIComponent(briefing.id)}?size=${pageSize}`
  const [printing, setPrinting] = useState(false)

  /**
   * Desktop: the main process prints the print route to a PDF behind a save dialog. Web: the
   * route opens in a new tab, where the browser's print dialog saves it (no "saved" notice:
   * the browser does not say).
   */
  /** How to print in the browser build. */
  function printHint(): string {
    return `The briefing opened in a new tab, ready to print: there, press ${printKeys()} and choose “Save as PDF” as the printer.`
  }

  async function printPdf() {
    const base =
      briefing.title
        .replace(/[^\p{L}\p{N} _-]+/gu, '')
        .trim()
        .slice(0, 120) || 'briefing'
    setPrinting(true)
    try {
      const saved = await getPlatform().printBriefing({
        route: printHref,
        suggestedName: `${base}.pdf`,
        title: 'Save the briefing as PDF',
      })
      if (saved && getPlatform().shell === 'desktop') notify('Briefing saved as PDF.', 'success')
      // The browser cannot print for us: say how, where the eye is (the tab opens beside).
      else if (saved) notify(printHint(), 'info')
    } catch (e) {
      notify(`The briefing was not printed: ${errorMessage(e)}`, 'error')
    } finally {
      setPrinting(false)
    }
  }

  return (
    <div className="briefing-body">
      <form
        ref={composer}
        className="briefing-composer"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Compose"
      >
        <DraftField
          label="Title"
          value={briefing.title}
          onSave={(v) => v.trim() && save({ title: v }, 'title')}
          maxLength={200}
          testId="briefing-title"
        />
        <DraftField
          label="Handling line (printed at the top and bottom of every page)"
          value={briefing.handling}
          onSave={(v) => save({ handling: v }, 'handling')}
          placeholder="e.g. OFFICIAL – for the crisis cell only"
          testId="briefing-handling"
        />
        <div className="briefing-row">
          <DraftField
            label="Author"
            value={briefing.author ?? ''}
            onSave={(v) => save({ author: v }, 'author')}
          />
          <label className="field">
            <span>Date</span>
            <input
              type="date"
              value={briefing.date ? new Date(briefing.date).toISOString().slice(0, 10) : ''}
              onChange={(e) => {
                const at = Date.parse(`${e.target.value}T00:00Z`)
                if (Number.isFinite(at)) save({ date: at }, 'date')
              }}
            />
          </label>
        </div>
        <DraftField
          label="Bottom line up front"
          multiline
          rows={3}
          value={briefing.bluf}
          onSave={(v) => save({ bluf: v }, 'bluf')}
          testId="briefing-bluf"
        />

        <fieldset className="field">
          <legend>Key judgements</legend>
          {briefing.judgements.map((j, i) => (
            <JudgementEditor
              key={j.id}
              n={i + 1}
              judgement={j}
              events={dated.filter((e) => included.has(e.id))}
              achVersions={achVersions}
              onCiteAch={(versionId) => void run(citeAchVersion(db, briefing.id, j.id, versionId))}
              onChange={(patch, key) =>
                void run(
                  updateJudgement(db, briefing.id, j.id, patch, key ? { coalesceKey: key } : {}),
                )
              }
              onRemove={() => void run(removeJudgement(db, briefing.id, j.id))}
            />
          ))}
          <button
            type="button"
            onClick={() =>
              void run(
                addJudgement(db, briefing.id, {
                  text: '',
                  likelihood: 'likely',
                  confidence: 'moderate',
                  eventIds: [],
                }).then((j) => focusAdded(j.id)),
              )
            }
          >
            Add a key judgement
          </button>
        </fieldset>

        <fieldset className="field">
          <legend>Sections</legend>
          {briefing.sections.map((s) => (
            <div key={s.id} className="briefing-section" data-item-id={s.id}>
              <DraftField
                label="Heading"
                value={s.heading}
                onSave={(v) =>
                  void run(
                    updateSection(
                      db,
                      briefing.id,
                      s.id,
                      { heading: v },
                      { coalesceKey: `section:${s.id}:heading` },
                    ),
                  )
                }
              />
              <DraftField
                label="Text"
                multiline
                rows={4}
                value={s.body}
                onSave={(v) =>
                  void run(
                    updateSection(
                      db,
                      briefing.id,
                      s.id,
                      { body: v },
                      { coalesceKey: `section:${s.id}:body` },
                    ),
                  )
                }
              />
              <button type="button" onClick={() => void run(removeSection(db, briefing.id, s.id))}>
                Remove section
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              void run(
                addSection(db, briefing.id, { heading: 'Assessment', body: '' }).then((s) =>
                  focusAdded(s.id),
                ),
              )
            }
          >
            Add a section
          </button>
        </fieldset>

        <fieldset className="field" data-testid="briefing-events">
          <legend>Events in the chronology ({briefing.eventIds.length})</legend>
          <div className="button-row">
            <button
              type="button"
              onClick={applyTimelineView}
              title="The events in the timeline's window (and of the actor in focus)"
            >
              Use the timeline’s window and focus
            </button>
            <button
              type="button"
              onClick={() =>
                void run(
                  setBriefingEvents(
                    db,
                    briefing.id,
                    dated.map((e) => e.id),
                  ),
                )
              }
            >
              All
            </button>
            <button type="button" onClick={() => void run(setBriefingEvents(db, briefing.id, []))}>
              None
            </button>
          </div>
          <p className="muted">
            Events of the same day without a time print in the order set here: move one with its
            arrows, or Alt+↑ / Alt+↓ on its checkbox.
          </p>
          <ul
            className="plain-list briefing-event-list"
            data-testid="briefing-event-list"
            ref={listRef}
          >
            {listed.map((e) => (
              <li key={e.id} data-testid="briefing-event" data-id={e.id}>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={included.has(e.id)}
                    onKeyDown={(ev) => {
                      if (!ev.altKey || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return
                      ev.preventDefault()
                      setMovedByKey(e.id)
                      move(e.id, ev.key === 'ArrowUp' ? -1 : 1)
                    }}
                    onChange={(ev) =>
                      void run(
                        setBriefingEvents(
                          db,
                          briefing.id,
                          ev.target.checked
                            ? [...briefing.eventIds, e.id]
                            : briefing.eventIds.filter((x) => x !== e.id),
                        ),
                      )
                    }
                  />
                  {e.title}
                  <span className="muted"> {e.when ? formatWhen(e.when) : 'no date'}</span>
                </label>
                {included.has(e.id) && (neighbour(e.id, -1) || neighbour(e.id, 1)) && (
                  <span className="briefing-move">
                    <button
                      type="button"
                      aria-label={`Move “${e.title}” up`}
                      title="Earlier in the chronology (Alt+↑)"
                      disabled={!neighbour(e.id, -1)}
                      onClick={() => move(e.id, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`Move “${e.title}” down`}
                      title="Later in the chronology (Alt+↓)"
                      disabled={!neighbour(e.id, 1)}
                      onClick={() => move(e.id, 1)}
                    >
                      ↓
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="button-row">
          <button
            type="button"
            className="danger"
            onClick={() => {
              void run(
                deleteBriefing(db, briefing.id).then(() =>
                  notify(`Briefing “${briefing.title}” deleted. Ctrl+Z brings it back.`),
                ),
              )
              onDeleted()
            }}
          >
            Delete briefing
          </button>
        </div>
      </form>

      <div className="briefing-preview-pane">
        <div className="briefing-toolbar" role="toolbar" aria-label="Export">
          <label>
            Page{' '}
            <select
              value={pageSize}
              onChange={(e) => setPageSize(e.target.value as 'A4' | 'Letter')}
              data-testid="briefing-page-size"
            >
              <option value="A4">A4</option>
              <option value="Letter">US Letter</option>
            </select>
          </label>
          <a
            className="button"
            href={printHref}
            target="_blank"
            rel="noopener"
            data-testid="briefing-print"
            aria-busy={printing}
            onClick={(e) => {
              e.preventDefault()
              if (!printing) void printPdf()
            }}
          >
            {printing ? 'Printing…' : 'Print / PDF…'}
          </a>
          <button type="button" onClick={() => void exportAs('html')} disabled={!composed}>
            HTML
          </button>
          <button type="button" onClick={() => void exportAs('md')} disabled={!composed}>
            Markdown
          </button>
        </div>
        {problems.length > 0 && (
          <div
            className={errors.length ? 'briefing-problems has-errors' : 'briefing-problems'}
            role="status"
            data-testid="briefing-problems"
          >
            <strong>
              {errors.length
                ? `Fix before exporting (${errors.length}):`
                : `Worth a look before exporting (${problems.length}):`}
            </strong>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {composed ? (
          <iframe
            className="briefing-preview"
            title="Print preview"
            // No scripts run in the preview (no allow-scripts; the app's CSP applies to it too).
            // Same origin only so that the app can hear the keys pressed in it: a click in the
            // preview gave it the keyboard, and the app's shortcuts (Ctrl+Z, Ctrl+K, ?) stopped.
            sandbox="allow-same-origin"
            srcDoc={composed.html(pageSize)}
            onLoad={(e) => e.currentTarget.contentDocument?.addEventListener('keydown', routeKey)}
            data-testid="briefing-preview"
          />
        ) : (
          <p className="muted">Composing…</p>
        )}
      </div>
    </div>
  )
}

function JudgementEditor({
  n,
  judgement,
  events,
  achVersions,
  onCiteAch,
  onChange,
  onRemove,
}: {
  n: number
  judgement: Judgement
  events: EventRecord[]
  achVersions: AchMatrix['versions']
  onCiteAch(versionId: string | null): void
  onChange(patch: Partial<Omit<Judgement, 'id'>>, coalesceKey?: string): void
  onRemove(): void
}) {
  const cited = judgement.achVersion
  const citedGone = cited && !achVersions.some((v) => v.id === cited.id)
  return (
    <div
      className="briefing-judgement"
      data-testid="briefing-judgement"
      data-item-id={judgement.id}
    >
      <DraftField
        label={`Judgement ${n}`}
        multiline
        rows={2}
        value={judgement.text}
        onSave={(v) => onChange({ text: v }, `judgement:${judgement.id}:text`)}
        testId="judgement-text"
      />
      <div className="briefing-row">
        <label className="field">
          <span>Likelihood (ICD 203)</span>
          <select
            value={judgement.likelihood}
            onChange={(e) => onChange({ likelihood: e.target.value as Likelihood })}
            data-testid="judgement-likelihood"
          >
            {LIKELIHOOD_SCALE.map((s) => (
              <option key={s.term} value={s.term}>
                {s.term} ({s.range})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Confidence</span>
          <select
            value={judgement.confidence}
            onChange={(e) => onChange({ confidence: e.target.value as Judgement['confidence'] })}
          >
            {CONFIDENCE_LEVELS.map((c) => (
              <option key={c.level} value={c.level} title={c.meaning}>
                {c.level}
              </option>
            ))}
          </select>
        </label>
      </div>
      {events.length > 0 && (
        <label className="field">
          <span>Rests on these events (their evidence is cited)</span>
          <select
            multiple
            value={judgement.eventIds}
            onChange={(e) =>
              onChange({ eventIds: [...e.target.selectedOptions].map((o) => o.value) })
            }
            size={Math.min(5, events.length)}
          >
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Rests on the competing hypotheses (the matrix is printed as a figure)</span>
        <select
          value={cited?.id ?? ''}
          onChange={(e) => onCiteAch(e.target.value || null)}
          data-testid="judgement-ach"
          disabled={achVersions.length === 0 && !cited}
        >
          <option value="">
            {achVersions.length
              ? 'No matrix cited'
              : 'No saved version: save one in Hypotheses (Ctrl+Shift+H)'}
          </option>
          {citedGone && (
            <option value={cited.id}>
              Version of {formatPublished(cited.at, 'minute')} (no longer kept)
            </option>
          )}
          {[...achVersions].reverse().map((v) => (
            <option key={v.id} value={v.id}>
              {v.label} — {formatPublished(v.at, 'minute')}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onRemove}>
        Remove judgement
      </button>
    </div>
  )
}
