/**
 * The tags of a document that need the analyst after its text was replaced: fuzzy ones
 * (placed on an approximate match, shown with their score, the words first tagged and the
 * words they cover now) and orphans (not found, shown with their old quote and why). Each can
 * be shown in the text (fuzzy), re-attached to the words selected in the reader, accepted
 * where it is (fuzzy) or deleted; every action is undoable.
 */
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useAnnotations, useDocument } from '../../db/hooks'
import { acceptAnchor, reattachAnnotation } from '../../db/reanchor'
import { deleteAnnotation } from '../../db/tags'
import type { AnnotationRecord } from '../../domain/types'
import { selectionOffsets, trimSelection } from '../reader/selection'
import { tagAnchorLabel } from './anchor-labels'

/**
 * The flagged (fuzzy or orphaned) tags of a document: fuzzy ones in text order, then
 * orphans oldest first. Undefined while loading. Handy for a count on a tab.
 */
export function useFlaggedTags(docId: string | undefined): AnnotationRecord[] | undefined {
  const tags = useAnnotations(docId)
  if (!tags) return undefined
  const fuzzy = tags.filter((t) => t.anchor?.status === 'fuzzy').sort((a, b) => a.start - b.start)
  const orphans = tags
    .filter((t) => t.anchor?.status === 'orphan')
    .sort((a, b) => a.createdAt - b.createdAt)
  return [...fuzzy, ...orphans]
}

/** The reader's text element, if the reader is showing a document. */
function readerRoot(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="reader-text"]')
}

/** Lists a document's fuzzy and orphaned tags with what can be done about each. */
export function OrphansPanel({ docId }: { docId: string | undefined }) {
  const {
    docId: openDocId,
    openDocument,
    selectTag,
  } = useSelection(
    useShallow((s) => ({ docId: s.docId, openDocument: s.openDocument, selectTag: s.selectTag })),
  )
  const notify = useNotices((s) => s.notify)
  const flagged = useFlaggedTags(docId)
  const doc = useDocument(docId)

  if (!docId) return <p className="empty-pane">Open a document to check its tags here.</p>
  if (!flagged) return <p className="empty-pane" aria-busy />
  if (flagged.length === 0) {
    return (
      <p className="empty-pane" data-testid="orphans-panel-empty">
        Every tag of this document is anchored on its words.
      </p>
    )
  }

  const run = (p: Promise<unknown>, done?: string) =>
    p.then(
      () => done && notify(done, 'success'),
      (e) => notify(errorMessage(e), 'error'),
    )

  const reattach = (tag: AnnotationRecord) => {
    const root = readerRoot()
    const sel = root && openDocId === docId ? selectionOffsets(root) : undefined
    const span = sel && doc ? trimSelection(doc.text, sel) : undefined
    if (!span) {
      notify('Select the words for this tag in the reader, then click “Re-attach to selection”.')
      return
    }
    void run(
      reattachAnnotation(getDb(), tag.id, span.start, span.end).then(() => {
        window.getSelection()?.removeAllRanges()
        selectTag(tag.id)
      }),
      'Tag re-attached.',
    )
  }

  return (
    <section className="orphans-panel" aria-label="Tags to check" data-testid="orphans-panel">
      <p className="muted">
        {flagged.length} {flagged.length === 1 ? 'tag needs' : 'tags need'} checking since the text
        was replaced.
      </p>
      <ul className="anchor-list">
        {flagged.map((tag) => {
          const fuzzy = tag.anchor?.status === 'fuzzy'
          return (
            <li key={tag.id} data-testid="flagged-tag" data-status={tag.anchor?.status}>
              <div>
                <span className={`chip k-${tag.kind}`}>{tag.kind}</span>{' '}
                <strong data-testid="flagged-status">{tagAnchorLabel(tag)}</strong>
              </div>
              {fuzzy ? (
                <>
                  <div className="muted">Tagged</div>
                  <blockquote className="quote" data-testid="flagged-quote">
                    {tag.anchor?.quote ?? tag.exact}
                  </blockquote>
                  <div className="muted">Now on</div>
                  <blockquote className="quote" data-testid="flagged-now">
                    {tag.exact}
                  </blockquote>
                </>
              ) : (
                <>
                  <blockquote className="quote" data-testid="flagged-quote">
                    {tag.exact}
                  </blockquote>
                  {tag.anchor?.note && <p className="muted">{tag.anchor.note}</p>}
                </>
              )}
              <div className="inline">
                {fuzzy && (
                  <button
                    type="button"
                    onClick={() => {
                      openDocument(tag.docId, { start: tag.start, end: tag.end })
                      selectTag(tag.id)
                    }}
                  >
                    Show
                  </button>
                )}
                <button
                  type="button"
                  title="Attach this tag to the words selected in the reader"
                  // Keep the reader's selection: a click must not move the focus first.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => reattach(tag)}
                >
                  Re-attach to selection
                </button>
                {fuzzy && (
                  <button
                    type="button"
                    title="Keep the tag on the words it covers now"
                    onClick={() => void run(acceptAnchor(getDb(), tag.id), 'Tag accepted.')}
                  >
                    Accept
                  </button>
                )}
                <button
                  type="button"
                  className="danger"
                  onClick={() => void run(deleteAnnotation(getDb(), tag.id), 'Tag deleted.')}
                >
                  Delete
                </button>
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
