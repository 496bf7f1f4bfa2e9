/**
 * The team server in the app: a "Team server…" button in the top bar and its dialog — the
 * settings (server URL, API root, collection, user, password or token; where the secret is
 * kept is said plainly), Test, Push (the whole case or a briefing's selection, with a progress
 * bar, a report, and "Push the rest" after a failure) and Pull (what the collection gained
 * since this case's last pull, shown in an import preview — matches to merge or keep apart,
 * what is skipped — then imported as one undoable action). Every failure shows the client's
 * sentence, which says what to do. The server is contacted only when one of these buttons is
 * pressed.
 */
import { useCommand } from '../../ui/commands'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useBriefings } from '../../db/hooks'
import type { StixImportReport } from '../../interop/stix/import'
import type { PushProgress, PushReport } from '../../interop/taxii/push'
import { getPlatform } from '../../platform'
import type { TeamServerStatus } from '../../platform/platform'
import { skippedSummary } from '../interop-stix/stix-ui'
import {
  NO_SETTINGS,
  clientFor,
  pullIntoPlan,
  pushCase,
  readTeamServerSettings,
  rememberPull,
  saveTeamServerSettings,
  type PulledPlan,
  type TeamServerSettings,
} from './team-server'
import { describePushReport, secretKeptText } from './team-server-text'
import { plural } from '../../ui/plural'

type Work =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'tested'; text: string }
  | { kind: 'pushing'; progress?: PushProgress }
  | { kind: 'pushed'; report: PushReport }
  | { kind: 'pulling'; objects: number }
  | { kind: 'preview'; pulled: PulledPlan; keepApart: Set<string> }
  | { kind: 'importing' }
  | { kind: 'imported'; report: StixImportReport }
  | { kind: 'nothing-new'; pulled: PulledPlan }

/** The top bar's button and the team server dialog. */
export function TeamServer({ trigger = true }: { trigger?: boolean } = {}) {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  const briefings = useBriefings(caseId)
  const [open, setOpen] = useState(false)
  const [settings, setSettings] = useState<TeamServerSettings>(NO_SETTINGS)
  const [secret, setSecret] = useState('')
  const [status, setStatus] = useState<TeamServerStatus | undefined>()
  const [briefingId, setBriefingId] = useState('')
  const [everything, setEverything] = useState(false)
  const [work, setWork] = useState<Work>({ kind: 'idle' })
  const [error, setError] = useState('')

  useEffect(() => {
    if (!open) return
    let live = true
    void Promise.all([readTeamServerSettings(), getPlatform().teamServerStatus()]).then(
      ([s, st]) => {
        if (!live) return
        setSettings(s)
        setStatus(st)
      },
    )
    return () => {
      live = false
    }
  }, [open])

  const busy = ['testing', 'pushing', 'pulling', 'importing'].includes(work.kind)

  async function save(): Promise<boolean> {
    setError('')
    try {
      const st = await saveTeamServerSettings(settings, secret || undefined)
      setSecret('')
      setStatus(st)
      setSettings((s) => ({ ...s, serverUrl: st.serverUrl ?? s.serverUrl }))
      return true
    } catch (e) {
      setError(errorMessage(e))
      return false
    }
  }

  async function test() {
    if (!(await save())) return
    setWork({ kind: 'testing' })
    try {
      const client = await clientFor(settings)
      const target = await client.resolveTarget(settings.apiRoot, settings.collection)
      const c = target.collection
      const can = [c.can_read ? 'read' : '', c.can_write ? 'write' : ''].filter(Boolean)
      setWork({
        kind: 'tested',
        text: `Connected: collection “${c.title || c.id}” (${can.join(' and ') || 'no access'}), requests up to ${target.maxContentLength.toLocaleString('en')} bytes.`,
      })
    } catch (e) {
      setWork({ kind: 'idle' })
      setError(errorMessage(e))
    }
  }

  async function push() {
    if (!caseId || !(await save())) return
    setWork({ kind: 'pushing' })
    try {
      const report = await pushCase(settings, caseId, briefingId, (progress) =>
        setWork({ kind: 'pushing', progress }),
      )
      setWork({ kind: 'pushed', report })
      if (report.error) setError(report.error.message)
      else notify(`Pushed to “${report.collection}”.`, 'success')
    } catch (e) {
      setWork({ kind: 'idle' })
      setError(errorMessage(e))
    }
  }

  async function pull() {
    if (!caseId || !(await save())) return
    setWork({ kind: 'pulling', objects: 0 })
    try {
      const pulled = await pullIntoPlan(settings, caseId, everything, (objects) =>
        setWork({ kind: 'pulling', objects }),
      )
      if (!pulled.plan) {
        await rememberPull(caseId, pulled)
        setWork({ kind: 'nothing-new', pulled })
      } else setWork({ kind: 'preview', pulled, keepApart: new Set() })
    } catch (e) {
      setWork({ kind: 'idle' })
      setError(errorMessage(e))
    }
  }

  async function importPulled(w: Extract<Work, { kind: 'preview' }>) {
    if (!caseId || !w.pulled.plan) return
    setWork({ kind: 'importing' })
    try {
      const { applyStixImport } = await import('../../interop/stix/import')
      const report = await applyStixImport(getDb(), caseId, w.pulled.plan, {
        keepApart: [...w.keepApart],
      })
      await rememberPull(caseId, w.pulled)
      setWork({ kind: 'imported', report })
    } catch (e) {
      setWork(w)
      setError(errorMessage(e))
    }
  }

  const field = (key: keyof TeamServerSettings) => ({
    value: settings[key],
    onChange: (e: { target: { value: string } }) =>
      setSettings((s) => ({ ...s, [key]: e.target.value })),
    disabled: busy,
  })

  const start = () => {
    setError('')
    setWork({ kind: 'idle' })
    setOpen(true)
  }
  useCommand('team-server:open', start)

  return (
    <>
      {trigger && (
        <button
          type="button"
          onClick={start}
          title="Push this case to the team's TAXII server, or pull what the team published"
          data-testid="team-server-open"
        >
          Team server…
        </button>
      )}
      {open && (
        <Dialog
          title="Team server (TAXII 2.1)"
          open
          wide
          onClose={() => !busy && setOpen(false)}
          testId="team-server-dialog"
          actions={
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              Close
            </button>
          }
        >
          <form
            id="team-server-form"
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
          >
            <p className="hint">
              Casefile contacts this server only when you press Test, Push or Pull, and nothing
              else. A server on another machine must use https.
            </p>
            <label className="field">
              <span>Server URL (TAXII discovery or API root)</span>
              <input
                type="url"
                placeholder="https://taxii.example.org/taxii2/"
                data-testid="team-server-url"
                {...field('serverUrl')}
              />
            </label>
            <label className="field">
              <span>API root (empty: the server’s default)</span>
              <input type="text" data-testid="team-api-root" {...field('apiRoot')} />
            </label>
            <label className="field">
              <span>Collection (id, alias or title)</span>
              <input type="text" data-testid="team-collection" {...field('collection')} />
            </label>
            <label className="field">
              <span>User</span>
              <input type="text" autoComplete="off" data-testid="team-user" {...field('user')} />
            </label>
            <label className="field">
              <span>Sign in with</span>
              <select
                data-testid="team-auth-kind"
                value={settings.authKind}
                disabled={busy}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, authKind: e.target.value as 'password' | 'token' }))
                }
              >
                <option value="password">User and password (HTTP Basic)</option>
                <option value="token">Token (Bearer)</option>
              </select>
            </label>
            <label className="field">
              <span>{settings.authKind === 'token' ? 'Token' : 'Password'}</span>
              <input
                type="password"
                autoComplete="off"
                placeholder={status?.hasSecret ? 'kept — type to replace' : ''}
                data-testid="team-secret"
                value={secret}
                disabled={busy}
                onChange={(e) => setSecret(e.target.value)}
              />
            </label>
            <p className="hint" data-testid="team-secret-kept">
              {secretKeptText(status, getPlatform().shell)}
            </p>
            <div className="button-row">
              <button type="submit" disabled={busy}>
                Save settings
              </button>
              <button type="button" disabled={busy} onClick={() => void test()}>
                Test
              </button>
            </div>
          </form>

          <h3>Push</h3>
          {!caseId ? (
            <p>Open a case to push it.</p>
          ) : (
            <div className="button-row">
              <select
                aria-label="What to push"
                data-testid="team-push-scope"
                value={briefingId}
                disabled={busy}
                onChange={(e) => setBriefingId(e.target.value)}
              >
                <option value="">The whole case</option>
                {briefings?.map((b) => (
                  <option key={b.id} value={b.id}>
                    Briefing: {b.title || 'Untitled briefing'}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-testid="team-push"
                onClick={() => void push()}
              >
                {work.kind === 'pushed' && work.report.error ? 'Push the rest' : 'Push'}
              </button>
            </div>
          )}
          {work.kind === 'pushing' && (
            <div role="status" data-testid="team-push-progress">
              <progress
                aria-label="Push progress"
                max={work.progress?.total || 1}
                value={work.progress?.done ?? 0}
              />{' '}
              {work.progress
                ? `${work.progress.done} of ${work.progress.total} objects (batch ${work.progress.batch} of ${work.progress.batches})`
                : 'Preparing the STIX bundle…'}
            </div>
          )}
          {work.kind === 'pushed' && (
            <Reveal>
              <p data-testid="team-push-report">{describePushReport(work.report)}</p>
            </Reveal>
          )}

          <h3>Pull</h3>
          {!caseId ? (
            <p>Open a case to pull into it.</p>
          ) : (
            <div className="button-row">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={everything}
                  disabled={busy}
                  onChange={(e) => setEverything(e.target.checked)}
                />{' '}
                Everything in the collection, not only what was added since this case’s last pull
              </label>
              <button
                type="button"
                disabled={busy}
                data-testid="team-pull"
                onClick={() => void pull()}
              >
                Pull
              </button>
            </div>
          )}
          {work.kind === 'pulling' && (
            <p role="status">Reading the collection… {plural(work.objects, 'object')} so far.</p>
          )}
          {work.kind === 'nothing-new' && (
            <p data-testid="team-pull-report">
              Nothing new in “{work.pulled.target.collection.title}” since the last pull.
            </p>
          )}
          {work.kind === 'preview' && work.pulled.plan && (
            <Reveal>
              <PullPreview
                work={work}
                onChange={(keepApart) => setWork({ ...work, keepApart })}
                onImport={() => void importPulled(work)}
                onCancel={() => setWork({ kind: 'idle' })}
              />
            </Reveal>
          )}
          {work.kind === 'importing' && <p role="status">Importing…</p>}
          {work.kind === 'imported' && (
            <Reveal>
              <p data-testid="team-pull-report">
                Imported {plural(work.report.documents, 'document')},{' '}
                {plural(work.report.entities, 'new entity', 'new entities')}
                {work.report.merged.length ? ` (${work.report.merged.length} merged)` : ''},{' '}
                {plural(work.report.events, 'event')}, {plural(work.report.relations, 'relation')}{' '}
                and {plural(work.report.passages, 'passage or note', 'passages and notes')}. Undo
                takes it back out.
              </p>
            </Reveal>
          )}
          {work.kind === 'tested' && <p data-testid="team-test-result">{work.text}</p>}
          {error && (
            <Reveal key={error}>
              <p className="form-error" role="alert" data-testid="team-error">
                {error}
              </p>
            </Reveal>
          )}
        </Dialog>
      )}
    </>
  )
}

/** Scrolls its content into view when it appears (the dialog's body scrolls). */
function Reveal({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [])
  return <div ref={ref}>{children}</div>
}

function PullPreview({
  work,
  onChange,
  onImport,
  onCancel,
}: {
  work: Extract<Work, { kind: 'preview' }>
  onChange(keepApart: Set<string>): void
  onImport(): void
  onCancel(): void
}) {
  const plan = work.pulled.plan!
  const matched = plan.entities.filter((e) => e.match)
  const skipped = skippedSummary(plan.skipped)
  return (
    <section data-testid="team-pull-preview" aria-label="Pull preview">
      <p>
        {plural(work.pulled.objects, 'object')}{' '}
        {work.pulled.since ? 'added since the last pull' : ''} in “
        {work.pulled.target.collection.title}”. Importing adds{' '}
        {plural(plan.documents.length, 'document')}, {plural(plan.entities.length, 'entity')},{' '}
        {plural(plan.events.length, 'event')}, {plural(plan.relations.length, 'relation')} and{' '}
        {plural(plan.passages.length, 'passage or note', 'passages and notes')}.
      </p>
      {matched.length > 0 && (
        <fieldset>
          <legend>Ticked entities are merged into the case’s own; untick to keep apart.</legend>
          {matched.map((e) => (
            <label key={e.key} className="checkbox">
              <input
                type="checkbox"
                checked={!work.keepApart.has(e.key)}
                onChange={(ev) => {
                  const next = new Set(work.keepApart)
                  if (ev.target.checked) next.delete(e.key)
                  else next.add(e.key)
                  onChange(next)
                }}
              />{' '}
              {e.name} → “{e.match!.name}” ({e.match!.reason})
            </label>
          ))}
        </fieldset>
      )}
      {skipped.length > 0 && (
        <details>
          <summary>{plan.skipped.length} object(s) skipped. Why:</summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.reason}>
                {s.count} × {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="button-row">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="team-import-confirm"
          onClick={onImport}
        >
          Import
        </button>
      </div>
    </section>
  )
}
