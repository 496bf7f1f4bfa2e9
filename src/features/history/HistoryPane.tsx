/**
 * The case's history: every change from the append-only change log, newest first, one row
 * per user action (entries written together share a group), with the time, what was done
 * and how many records it touched. Undo and redo act on the same actions.
 */
import { useSelection } from '../../ui/stores/selection'
import { useChangeLog } from '../../db/hooks'
import type { ChangeRecord } from '../../domain/types'
import { plural } from '../../ui/plural'

interface Row {
  key: string
  at: number
  action: string
  count: number
  tables: string[]
}

function rows(changes: ChangeRecord[]): Row[] {
  const out: Row[] = []
  for (const c of changes) {
    const key = c.group ?? `${c.at}:${c.action}`
    const last = out.at(-1)
    if (last && last.key === key) {
      last.count++
      if (!last.tables.includes(c.table)) last.tables.push(c.table)
    } else {
      out.push({ key, at: c.at, action: c.action, count: 1, tables: [c.table] })
    }
  }
  return out
}

const TIME = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

export function HistoryPane() {
  const caseId = useSelection((s) => s.caseId)
  const changes = useChangeLog(caseId, 1000)
  if (!changes) return null
  const list = rows(changes)
  return (
    <div className="history-pane" data-testid="history">
      <div className="pane-caption">
        {list.length === 0
          ? 'Nothing has changed in this case yet.'
          : `${plural(list.length, 'action')}, newest first`}
      </div>
      <ol>
        {list.map((r) => (
          <li key={r.key} data-testid="history-row">
            <span className="history-action">{r.action}</span>
            <span className="muted">
              {TIME.format(r.at)} · {plural(r.count, 'record')} in {r.tables.join(', ')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  )
}
