/**
 * Competing hypotheses (Heuer's ACH) for the open case: hypotheses as columns, the case's
 * events and tagged passages as rows, a rating in each cell. Keyboard first: arrow keys move
 * between cells, letters rate (c C, Shift+C CC, n N, i I, Shift+I II, a NA), Delete clears.
 * Below the grid: the ranking by weighted inconsistency, rows that cannot tell the hypotheses
 * apart marked non-diagnostic (rows sorted by diagnosticity), and what the leader rests on —
 * the single cells whose change would change it, the ranking without sources graded D–F and
 * without each origin. Versions are saved with a label and the changes since the last one are
 * listed, as ICD 203 asks a briefing to explain a changed judgement. Scoring: domain/ach.ts.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useCommand } from '../../ui/commands'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import {
  addAchRows,
  addHypothesis,
  rateAch,
  removeAchRow,
  removeHypothesis,
  saveAchVersion,
  setAchRelevance,
} from '../../db/ach'
import { getDb } from '../../db/db'
import { achToSvg } from '../../briefing/ach-svg'
import { getPlatform } from '../../platform'
import { useCaseAnnotations, useCases, useEvents } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { useCopyGroups } from '../../ui/copy-groups'
import { achInputFromCase } from '../../domain/ach-evidence'
import {
  ACH_RATINGS,
  analyseAch,
  diffAch,
  type AchRating,
  type AchSnapshot,
} from '../../domain/ach'
import type { AchMatrix } from '../../domain/types'
import { focusWhenShown } from '../../ui/focus-when-shown'
import './ach.css'

const KEY_RATING: Record<string, AchRating> = {
  c: 'C',
  C: 'CC',
  n: 'N',
  N: 'N',
  i: 'I',
  I: 'II',
  a: 'NA',
  A: 'NA',
}

const RATING_WORDS: Record<AchRating, string> = {
  CC: 'very consistent',
  C: 'consistent',
  N: 'neutral',
  I: 'inconsistent',
  II: 'very inconsistent',
  NA: 'not applicable',
}

type Row = AchMatrix['rows'][number]

/** The ACH dialog, opened with Ctrl+Shift+H or the case bar's Hypotheses button. */
export function AchDialog() {
  const [open, setOpen] = useState(false)
  useCommand('ach:open', () => setOpen(true))
  const caseId = useSelection((s) => s.caseId)
  return (
    <>
      <button
        type="button"
        disabled={!caseId}
        onClick={() => setOpen(true)}
        title="Competing hypotheses (Ctrl+Shift+H)"
      >
        Hypotheses
      </button>
      {open && caseId && <AchMatrixDialog caseId={caseId} onClose={() => setOpen(false)} />}
    </>
  )
}

function AchMatrixDialog({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const notify = useNotices((s) => s.notify)
  const { openDocument, selectEvent } = useSelection(
    useShallow((s) => ({ openDocument: s.openDocument, selectEvent: s.selectEvent })),
  )
  const cases = useCases()
  const events = useEvents(caseId)
  const annotations = useCaseAnnotations(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  // Near-identical copies share one origin, as in corroboration.
  const copies = useCopyGroups(caseId)
  const matrix = cases?.find((c) => c.id === caseId)?.ach ?? {
    hypotheses: [],
    rows: [],
    versions: [],
  }
  const [hypothesis, setHypothesis] = useState('')
  const [evidence, setEvidence] = useState('')
  const [versionLabel, setVersionLabel] = useState('')
  const [cursor, setCursor] = useState<{ row: number; col: number }>({ row: 0, col: 0 })
  // Rows stay where the analyst put them while rating; sorting is asked for.
  const [sorted, setSorted] = useState(false)
  const grid = useRef<HTMLTableElement>(null)
  const form = useRef<HTMLFormElement>(null)
  // "Add all events" is disabled once they are in, which dropped the focus to the page's body
  // (Tab then started over at the dialog's top). The focus goes on to where the work is next:
  // the matrix's first cell once it shows the rows, or the new hypothesis field when there is
  // no hypothesis yet.
  const focusAfterAdd = () => {
    if (matrix.hypotheses.length) setCursor({ row: 0, col: 0 })
    focusWhenShown(() =>
      matrix.hypotheses.length
        ? grid.current?.querySelector<HTMLElement>('[data-row="0"][data-col="0"]')
        : form.current?.querySelector<HTMLElement>('[data-testid="ach-new-hypothesis"]'),
    )
  }

  const run = (p: Promise<unknown>) => p.catch((e: unknown) => notify(errorMessage(e), 'error'))

  const docById = useMemo(() => new Map((documents ?? []).map((d) => [d.id, d])), [documents])
  const eventById = useMemo(() => new Map((events ?? []).map((e) => [e.id, e])), [events])

  // What each row rests on, with corroboration's origins (domain/ach-evidence.ts).
  const { input, rows, labels, originLabels } = achInputFromCase(matrix, {
    events: eventById,
    passages: annotations ?? new Map(),
    documents: docById,
    sources: sources ?? new Map(),
    ...(copies ? { copies } : {}),
  })
  const label = (row: Row): string => labels.get(row.refId) ?? '(deleted)'
  const result = analyseAch(input)
  const ordered = sorted ? result.rowOrder.map((id) => rows.find((r) => r.refId === id)!) : rows
  const hText = new Map(matrix.hypotheses.map((h) => [h.id, h.text]))
  const rowLabel = labels
  const originName = (key: string) => originLabels.get(key) ?? key

  const snapshot: AchSnapshot = {
    hypotheses: matrix.hypotheses,
    rows: ordered.map((r) => ({
      id: r.refId,
      label: label(r),
      relevance: r.relevance,
      cells: r.cells,
      weight: result.weights[r.refId] ?? 0,
    })),
    ...(result.leader ? { leader: result.leader } : {}),
  }
  const last = matrix.versions[matrix.versions.length - 1]
  const changes = last ? diffAch(JSON.parse(last.snapshot) as AchSnapshot, snapshot) : undefined

  const inMatrix = new Set(matrix.rows.map((r) => r.refId))
  const candidates = [
    ...(events ?? []).map((e) => ({ key: `event:${e.id}`, text: `Event: ${e.title}` })),
    ...[...(annotations?.values() ?? [])]
      .filter((a) => a.kind === 'claim' || a.kind === 'event')
      .map((a) => ({ key: `annotation:${a.id}`, text: `Passage: “${a.exact.slice(0, 80)}”` })),
  ].filter((c) => !inMatrix.has(c.key.slice(c.key.indexOf(':') + 1)))

  const addEvidence = (key: string) => {
    const [kind, refId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
    void run(
      addAchRows(getDb(), caseId, [{ kind: kind as Row['kind'], refId }]).then(() =>
        setEvidence(''),
      ),
    )
  }

  const focusCell = (row: number, col: number) => {
    const r = Math.max(0, Math.min(ordered.length - 1, row))
    const c = Math.max(0, Math.min(matrix.hypotheses.length - 1, col))
    setCursor({ row: r, col: c })
    grid.current?.querySelector<HTMLElement>(`[data-row="${r}"][data-col="${c}"]`)?.focus()
  }

  const onCellKey = (e: KeyboardEvent<HTMLTableCellElement>, row: Row, r: number, c: number) => {
    const h = matrix.hypotheses[c]
    if (!h) return
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    }
    const move = moves[e.key]
    if (move) {
      e.preventDefault()
      focusCell(r + move[0], c + move[1])
      return
    }
    const rating = e.key === 'Delete' || e.key === 'Backspace' ? 'N' : KEY_RATING[e.key]
    if (rating && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault()
      void run(rateAch(getDb(), caseId, row.refId, h.id, rating))
    }
  }

  /** The matrix as it stands, as a printable figure (briefing/ach-svg.ts), saved as SVG. */
  async function exportFigure() {
    const caseTitle = cases?.find((c) => c.id === caseId)?.title ?? 'case'
    const svg = achToSvg(snapshot, {
      title: `${caseTitle}: competing hypotheses`,
      subtitle: `${rows.length} rows of evidence × ${matrix.hypotheses.length} hypotheses, as they stand now (not a saved version)`,
    })
    const name = `${caseTitle.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'case'} hypotheses.svg`
    try {
      const saved = await getPlatform().saveFile({
        title: 'Export the matrix of hypotheses as SVG',
        suggestedName: name,
        mime: 'image/svg+xml',
        data: new TextEncoder().encode(svg),
      })
      if (saved) notify('Matrix exported as SVG.', 'success')
    } catch (e) {
      notify(`The matrix was not exported: ${errorMessage(e)}`, 'error')
    }
  }

  const openRow = (row: Row) => {
    if (row.kind === 'event') {
      selectEvent(row.refId)
      return
    }
    const a = annotations?.get(row.refId)
    if (a) openDocument(a.docId, { start: a.start, end: a.end })
  }

  return (
    <Dialog title="Competing hypotheses" open onClose={onClose} wide testId="ach-dialog">
      <div className="ach">
        <form
          className="ach-add"
          ref={form}
          onSubmit={(e) => {
            e.preventDefault()
            if (!hypothesis.trim()) return
            void run(addHypothesis(getDb(), caseId, hypothesis).then(() => setHypothesis('')))
          }}
        >
          <label>
            New hypothesis{' '}
            <input
              data-testid="ach-new-hypothesis"
              value={hypothesis}
              onChange={(e) => setHypothesis(e.target.value)}
              placeholder="e.g. The strike was retaliation"
              size={34}
            />
          </label>
          <button type="submit" disabled={!hypothesis.trim()}>
            Add hypothesis
          </button>
          <label>
            Evidence{' '}
            <select
              data-testid="ach-add-evidence"
              value={evidence}
              onChange={(e) => {
                setEvidence(e.target.value)
                if (e.target.value) addEvidence(e.target.value)
              }}
            >
              <option value="">
                {candidates.length ? 'Add an event or passage…' : 'All evidence is in'}
              </option>
              {candidates.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.text}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!candidates.some((c) => c.key.startsWith('event:'))}
            onClick={() =>
              void run(
                addAchRows(
                  getDb(),
                  caseId,
                  candidates
                    .filter((c) => c.key.startsWith('event:'))
                    .map((c) => ({ kind: 'event' as const, refId: c.key.slice(6) })),
                ).then(focusAfterAdd),
              )
            }
          >
            Add all events
          </button>
        </form>

        {matrix.hypotheses.length === 0 || rows.length === 0 ? (
          <p className="ach-empty" data-testid="ach-empty">
            {matrix.hypotheses.length === 0
              ? 'No hypotheses yet. Write the explanations you are weighing — at least two — then add the events and passages that bear on them.'
              : 'No evidence yet. Add the events and passages that bear on these hypotheses.'}
          </p>
        ) : null}

        {matrix.hypotheses.length > 0 && (
          <table className="ach-grid" ref={grid} role="grid" aria-label="Hypotheses by evidence">
            <thead>
              <tr>
                <th scope="col">Evidence</th>
                <th scope="col">Relevance</th>
                <th scope="col" title="Relevance × source reliability × passage credibility">
                  Weight
                </th>
                {matrix.hypotheses.map((h) => (
                  <th
                    key={h.id}
                    scope="col"
                    data-testid="ach-hypothesis"
                    className={h.id === result.leader ? 'ach-leader' : undefined}
                  >
                    {h.text}{' '}
                    <button
                      type="button"
                      className="ach-remove"
                      aria-label={`Remove hypothesis ${h.text}`}
                      onClick={() => void run(removeHypothesis(getDb(), caseId, h.id))}
                    >
                      ×
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ordered.map((row, r) => {
                const diagnostic = (result.diagnosticity[row.refId] ?? 0) > 0
                return (
                  <tr
                    key={row.refId}
                    data-testid="ach-row"
                    className={diagnostic ? undefined : 'ach-nondiagnostic'}
                  >
                    <th scope="row">
                      <button type="button" className="ach-open" onClick={() => openRow(row)}>
                        {rowLabel.get(row.refId)}
                      </button>
                      {!diagnostic && <span className="ach-tag"> non-diagnostic</span>}
                      <button
                        type="button"
                        className="ach-remove"
                        aria-label={`Remove ${rowLabel.get(row.refId)} from the matrix`}
                        onClick={() => void run(removeAchRow(getDb(), caseId, row.refId))}
                      >
                        ×
                      </button>
                    </th>
                    <td>
                      <select
                        aria-label="Relevance"
                        value={row.relevance}
                        onChange={(e) =>
                          void run(
                            setAchRelevance(
                              getDb(),
                              caseId,
                              row.refId,
                              e.target.value as Row['relevance'],
                            ),
                          )
                        }
                      >
                        <option value="low">low</option>
                        <option value="medium">medium</option>
                        <option value="high">high</option>
                      </select>
                    </td>
                    <td className="ach-num">{(result.weights[row.refId] ?? 0).toFixed(2)}</td>
                    {matrix.hypotheses.map((h, c) => {
                      const rating = row.cells[h.id]
                      return (
                        <td
                          key={h.id}
                          role="gridcell"
                          data-testid="ach-cell"
                          data-row={r}
                          data-col={c}
                          data-rating={rating ?? ''}
                          tabIndex={cursor.row === r && cursor.col === c ? 0 : -1}
                          className={`ach-cell ach-${(rating ?? 'none').toLowerCase()}`}
                          aria-label={`${rowLabel.get(row.refId)} — ${h.text}: ${rating ? RATING_WORDS[rating] : 'not rated'}`}
                          onFocus={() => setCursor({ row: r, col: c })}
                          onKeyDown={(e) => onCellKey(e, row, r, c)}
                        >
                          {rating ?? '·'}
                        </td>
                      )
                    })}
                  </tr>
                )
              })}
            </tbody>
            <tfoot>
              <tr data-testid="ach-scores">
                <th scope="row" colSpan={3}>
                  Weighted inconsistency (lower is better)
                </th>
                {matrix.hypotheses.map((h) => {
                  const rank = result.ranking.find((x) => x.hypothesisId === h.id)
                  return (
                    <td key={h.id} className="ach-num" data-testid="ach-score">
                      {rank?.inconsistency.toFixed(2)} · #{rank?.rank}
                    </td>
                  )
                })}
              </tr>
            </tfoot>
          </table>
        )}
        {matrix.hypotheses.length > 0 && (
          <div className="ach-figure">
            <button
              type="button"
              data-testid="ach-export-svg"
              title="Save the matrix as a figure (SVG) to print or put in a report"
              onClick={() => void exportFigure()}
            >
              Print / Export SVG…
            </button>
          </div>
        )}
        <label className="ach-sort">
          <input type="checkbox" checked={sorted} onChange={(e) => setSorted(e.target.checked)} />{' '}
          Sort by diagnosticity (most telling evidence first)
        </label>
        <p className="ach-keys">
          Arrow keys move · c consistent · Shift+C very consistent · n neutral · i inconsistent ·
          Shift+I very inconsistent · a not applicable · Delete clears
        </p>

        {matrix.hypotheses.length > 1 && rows.length > 0 && (
          <section
            className="ach-sensitivity"
            data-testid="ach-sensitivity"
            aria-label="What the ranking rests on"
          >
            <h3>What the ranking rests on</h3>
            <p data-testid="ach-leader">
              {result.leader
                ? `Leading: ${hText.get(result.leader)} (the least inconsistent).`
                : 'No single hypothesis leads: the top is tied.'}
            </p>
            {result.flips.length > 0 ? (
              <ul data-testid="ach-flips">
                {result.flips.slice(0, 5).map((f) => (
                  <li key={`${f.rowId}|${f.hypothesisId}`}>
                    Rating {rowLabel.get(f.rowId)} {f.to} instead of {f.from} for “
                    {hText.get(f.hypothesisId)}” would make “{hText.get(f.newLeader)}” lead.
                  </li>
                ))}
              </ul>
            ) : (
              result.leader && <p>No single cell change would change the leader.</p>
            )}
            <p data-testid="ach-without-weak">
              Without evidence from sources graded D–F:{' '}
              {result.withoutWeakSources.ranking.map((x) => hText.get(x.hypothesisId)).join(' › ')}
              {result.withoutWeakSources.leaderChanges
                ? ' — the leader changes.'
                : ' — same leader.'}
            </p>
            {result.withoutOrigin
              .filter((a) => a.leaderChanges)
              .map((a) => (
                <p key={a.without} data-testid="ach-without-origin">
                  Without {originName(a.without)}: the leader changes (
                  {a.ranking.map((x) => hText.get(x.hypothesisId)).join(' › ')}).
                </p>
              ))}
          </section>
        )}

        <section className="ach-versions" aria-label="Versions">
          <h3>Versions</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void run(
                saveAchVersion(getDb(), caseId, versionLabel, JSON.stringify(snapshot)).then(() => {
                  setVersionLabel('')
                  notify('Version saved.', 'success')
                }),
              )
            }}
          >
            {/* A visible label: the placeholder alone went with the first letter typed. */}
            <label>
              Version label{' '}
              <input
                value={versionLabel}
                onChange={(e) => setVersionLabel(e.target.value)}
                placeholder="e.g. Before the 24 June briefing"
                size={34}
              />
            </label>
            <button type="submit" disabled={matrix.hypotheses.length === 0}>
              Save version
            </button>
          </form>
          {last && changes ? (
            <div data-testid="ach-changes">
              <p>
                Since “{last.label}” ({new Date(last.at).toLocaleString()}):
              </p>
              <ul>
                {changes.hypothesesAdded.map((t) => (
                  <li key={`+h${t}`}>Hypothesis added: {t}</li>
                ))}
                {changes.hypothesesRemoved.map((t) => (
                  <li key={`-h${t}`}>Hypothesis removed: {t}</li>
                ))}
                {changes.rowsAdded.map((t) => (
                  <li key={`+r${t}`}>Evidence added: {t}</li>
                ))}
                {changes.rowsRemoved.map((t) => (
                  <li key={`-r${t}`}>Evidence removed: {t}</li>
                ))}
                {changes.cellsChanged.map((x) => (
                  <li key={`c${x.row}${x.hypothesis}`}>
                    {x.row} for “{x.hypothesis}”: {x.from} → {x.to}
                  </li>
                ))}
                {changes.relevanceChanged.map((x) => (
                  <li key={`v${x.row}`}>
                    {x.row}: relevance {x.from} → {x.to}
                  </li>
                ))}
                {changes.leaderBefore !== changes.leaderAfter && (
                  <li>
                    Leader: {changes.leaderBefore ?? 'none'} → {changes.leaderAfter ?? 'none'}
                  </li>
                )}
              </ul>
            </div>
          ) : (
            <p>No version saved yet.</p>
          )}
        </section>
        <p className="ach-method">
          Only inconsistency counts (Heuer): each I adds the row’s weight, each II twice it. Weight
          = relevance (low 0.5, medium 1, high 2) × the best source grade (A 1, B 0.8, C 0.6, D 0.4,
          E 0.2, F 0.5) × the best passage credibility (1 1 … 5 0.2, 6 0.5). Ratings:{' '}
          {ACH_RATINGS.join(' ')}.
        </p>
      </div>
    </Dialog>
  )
}
