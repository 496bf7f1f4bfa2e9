/**
 * The case's document list: title, source, grade and publication date, sortable, with
 * keyboard navigation (arrows, Home/End, Enter). Rows are windowed so that a case of
 * thousands of documents scrolls without rendering them all.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { DocumentMeta, SourceRecord } from '../../domain/types'
import { formatShortDate } from '../../domain/format'
import { GradeBadge } from '../reader/GradeBadge'
import { orderCacheOf, sortDocuments, type DocumentSortKey } from './document-order'

type SortKey = DocumentSortKey

const ROW = 58
const OVERSCAN = 8

export interface DocumentListProps {
  documents: DocumentMeta[]
  sources: Map<string, SourceRecord>
  selectedId: string | undefined
  onOpen(id: string): void
  /**
   * Set while only the case's first rows are read (`documents` are then in the default order,
   * newest first): sorting waits for the whole list.
   */
  reading?: boolean
}

export function DocumentList({
  documents,
  sources,
  selectedId,
  onOpen,
  reading,
}: DocumentListProps) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'date', desc: true })
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const viewport = useRef<HTMLDivElement>(null)

  // What one sort works out for the next (the titles' order), while the documents stay.
  const rows = useMemo(
    () => (reading ? documents : sortDocuments(documents, sources, sort, orderCacheOf(documents))),
    [documents, sources, sort, reading],
  )

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN)

  function header(key: SortKey, label: string) {
    const active = sort.key === key
    return (
      <button
        type="button"
        className={active ? 'sort active' : 'sort'}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
        disabled={reading}
        title={reading ? 'Sorting is possible once every document is read' : undefined}
        onClick={() => setSort({ key, desc: active ? !sort.desc : key === 'date' })}
      >
        {label}
        {active ? (sort.desc ? ' ↓' : ' ↑') : ''}
      </button>
    )
  }

  function onKeyDown(e: KeyboardEvent) {
    const i = rows.findIndex((d) => d.id === selectedId)
    let next: number
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, i + 1)
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1)
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = rows.length - 1
    else return
    e.preventDefault()
    const doc = rows[next]
    if (!doc) return
    onOpen(doc.id)
    const el = viewport.current
    if (el) {
      if (next * ROW < el.scrollTop) el.scrollTop = next * ROW
      else if ((next + 1) * ROW > el.scrollTop + el.clientHeight)
        el.scrollTop = (next + 1) * ROW - el.clientHeight
    }
  }

  return (
    <div className="doc-list">
      <div className="doc-list-head">
        {header('title', 'Title')}
        {header('source', 'Source')}
        {header('grade', 'Grade')}
        {header('date', 'Date')}
      </div>
      <div
        ref={(el) => {
          viewport.current = el
          if (el && el.clientHeight && el.clientHeight !== height) setHeight(el.clientHeight)
        }}
        className="doc-list-viewport"
        role="listbox"
        aria-label="Documents"
        tabIndex={0}
        aria-activedescendant={selectedId ? `doc-${selectedId}` : undefined}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: (rows.length + (reading ? 1 : 0)) * ROW, position: 'relative' }}>
          {rows.slice(first, last).map((d, k) => {
            const s = d.sourceId ? sources.get(d.sourceId) : undefined
            return (
              <div
                key={d.id}
                id={`doc-${d.id}`}
                role="option"
                aria-selected={d.id === selectedId}
                className={d.id === selectedId ? 'doc-row selected' : 'doc-row'}
                style={{ top: (first + k) * ROW, height: ROW }}
                onClick={() => onOpen(d.id)}
                data-testid="doc-row"
              >
                <span className="doc-title" title={d.title} dir="auto">
                  {d.title}
                </span>
                <span className="doc-source">
                  <GradeBadge reliability={s?.reliability} /> {s?.name ?? 'No source'}
                </span>
                <span className="doc-date">
                  {formatShortDate(d.publishedAt, d.publishedPrecision)}
                </span>
              </div>
            )
          })}
          {reading && (
            <div
              className="doc-list-reading"
              style={{ top: rows.length * ROW, height: ROW }}
              data-testid="doc-list-reading"
              aria-busy
            >
              Reading the rest of the list…
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
