/**
 * The reader: the open document's metadata header and its text, paragraph by paragraph,
 * exactly as stored. When another pane asks to show a passage (a search hit, later an
 * event's evidence) the reader scrolls to it and flashes it. E tags the selection and opens the
 * event form on it, R tags it as a claim and opens the relation form on it; closing either
 * form without saving takes the tag back (form-tag.ts). The open document is
 * remembered per case and reopened (`useRememberedDocument`).
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { useView } from '../../ui/stores/view'
import { useAnnotations, useDocument, useEntities } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { ReaderText } from './ReaderText'
import { TagToolbar, useTagging } from './tagging'
import { RelationForm } from '../relations/RelationForm'
import { initialEnds, sentenceActorIds } from '../relations/relation-form-logic'
import { useCommand } from '../../ui/commands'
import type { AnnotationRecord } from '../../domain/types'
import {
  openSuggestions,
  suggestionsAreFor,
  useSuggestionState,
} from '../suggestions/suggestion-store'
import {
  SUGGESTION_KEY,
  SuggestionButton,
  SuggestionMenu,
  suggestionAt,
} from '../suggestions/SuggestionMenu'
import { formatBytes, formatPublished, RELIABILITY_LABELS } from '../../domain/format'
import { splitParagraphs } from '../../domain/paragraphs'
import { zoneLabel } from '../../domain/time/calendar'
import { getPlatform } from '../../platform'
import { GradeBadge } from './GradeBadge'
import { languageLabel } from '../../import/language-detect'
import { Dialog } from '../../ui/Dialog'
import { getDb } from '../../db/db'
import { deleteDocument, evidenceOnlyIn } from '../../db/documents'
import { listInWords, plural } from '../../ui/plural'
import { errorMessage } from '../../ui/errors'
import { ReplaceTextButton } from '../reanchor/ReplaceTextButton'
import { OcrBadge } from './OcrBadge'
import { useRememberedDocument } from './useRememberedDocument'
import { takeBackTag, useFormTag, type MadeTag } from './form-tag'

// The event form and the details editor load when first opened, not at start-up.
const EventForm = lazy(() => import('../events/EventForm').then((m) => ({ default: m.EventForm })))
const MetadataEditor = lazy(() =>
  import('./MetadataEditor').then((m) => ({ default: m.MetadataEditor })),
)

export function ReaderPane() {
  const { docId, focus, caseId, openDocument, selectedTagId, selectTag } = useSelection(
    useShallow((s) => ({
      docId: s.docId,
      focus: s.focus,
      caseId: s.caseId,
      openDocument: s.openDocument,
      selectedTagId: s.selectedTagId,
      selectTag: s.selectTag,
    })),
  )
  const notify = useNotices((s) => s.notify)
  useRememberedDocument()
  const actorFocusId = useView((s) => s.actorFocusId)
  const [confirmDelete, setConfirmDelete] = useState(false)
  // What the deletion would leave without evidence, said in its dialog (read when it opens).
  const [leftBare, setLeftBare] = useState<{ docId: string; events: number; relations: number }>()
  useEffect(() => {
    if (!confirmDelete || !docId) return
    let live = true
    evidenceOnlyIn(getDb(), docId).then(
      (n) => live && setLeftBare({ docId, ...n }),
      () => {},
    )
    return () => {
      live = false
    }
  }, [confirmDelete, docId])
  const [suggestionMenu, setSuggestionMenu] = useState<{ index: number; rect: DOMRect }>()
  const doc = useDocument(docId)
  const sources = useSources(caseId)
  // Whether the case has documents at all: an empty case's reader says how to bring some in.
  const caseEmpty = useDocuments(caseId)?.length === 0
  const [editing, setEditing] = useState(false)
  const textRef = useRef<HTMLDivElement>(null)
  const annotations = useAnnotations(docId)
  const entityList = useEntities(caseId)
  const entities = useMemo(() => new Map(entityList?.map((e) => [e.id, e])), [entityList])
  const paragraphs = useMemo(() => (doc ? splitParagraphs(doc.text) : []), [doc])
  const mark = focus && focus.docId === docId ? focus : undefined
  const [eventFor, setEventFor] = useState<AnnotationRecord>()
  const [relationFor, setRelationFor] = useState<AnnotationRecord>()
  // The tag E or R made to open its form: a form closed unsaved takes it back, so Cancel or
  // Escape leaves nothing behind.
  const eventTag = useFormTag()
  const relationTag = useFormTag()
  const tagging = useTagging(
    doc ?? undefined,
    entityList ?? [],
    (tag, group) => {
      eventTag.made({ id: tag.id, group })
      setEventFor(tag)
    },
    (tag, group) => {
      relationTag.made({ id: tag.id, group })
      setRelationFor(tag)
    },
  )
  // The event form and its date finder load while the analyst selects words, so that E shows
  // the sentence's date at once rather than after both have loaded.
  const selecting = !!tagging.selection
  useEffect(() => {
    if (!selecting) return
    void import('../events/EventForm')
    void import('../../domain/time/find')
  }, [selecting])
  useCommand('event:new', () => {
    const tag = annotations?.find((a) => a.id === selectedTagId)
    if (!tag) return
    // An existing tag: it stays whatever the form does.
    eventTag.existing()
    setEventFor(tag)
  })
  useCommand('relation:new', () => {
    const tag = annotations?.find((a) => a.id === selectedTagId)
    if (!tag) return
    relationTag.existing()
    setRelationFor(tag)
  })
  /** Untags the passage a form closed unsaved was opened on, if its key tagged it. */
  const takeBack = (made: MadeTag | undefined, what: string) => {
    if (!made || !doc) return
    takeBackTag(getDb(), doc.caseId, made).then(
      () => {
        if (useSelection.getState().selectedTagId === made.id) selectTag(undefined)
      },
      (e: unknown) =>
        notify(`The passage tagged for the ${what} is still tagged: ${errorMessage(e)}`, 'error'),
    )
  }
  const closeEventForm = () => {
    setEventFor(undefined)
    takeBack(eventTag.closed(), 'event')
  }
  const closeRelationForm = () => {
    setRelationFor(undefined)
    takeBack(relationTag.closed(), 'relation')
  }
  // The actors tagged in the passage's sentence are offered as the relation's two ends.
  const relationEnds = useMemo(
    () =>
      doc && relationFor
        ? initialEnds(sentenceActorIds(doc.text, relationFor, annotations ?? [], entities))
        : {},
    [doc, relationFor, annotations, entities],
  )
  const suggestionState = useSuggestionState()
  const suggestions = useMemo(
    () =>
      suggestionsAreFor(suggestionState, doc)
        ? openSuggestions(suggestionState, annotations ?? [])
        : [],
    [suggestionState, doc, annotations],
  )

  // The suggestion under the selection: its menu opens from a button or S, not a click.
  const selectedSuggestion = suggestionAt(suggestions, tagging.selection)
  const suggestionRect = (index: number) =>
    textRef.current?.querySelector(`[data-suggestion="${index}"]`)?.getBoundingClientRect()
  const openSuggestionMenu = (e: KeyboardEvent<HTMLDivElement>): boolean => {
    if (e.key.toLowerCase() !== SUGGESTION_KEY || e.ctrlKey || e.metaKey || e.altKey) return false
    const rect = selectedSuggestion >= 0 ? suggestionRect(selectedSuggestion) : undefined
    if (!rect) return false
    e.preventDefault()
    setSuggestionMenu({ index: selectedSuggestion, rect })
    return true
  }
  // Placed under the selection (which holds the suggestion's words).
  const buttonRect =
    selectedSuggestion >= 0 && !suggestionMenu ? tagging.selection?.rect : undefined

  useEffect(() => {
    if (!mark || !textRef.current) return
    const el = textRef.current.querySelector('mark.flash')
    el?.scrollIntoView({ block: 'center' })
  }, [mark, paragraphs])

  useEffect(() => {
    textRef.current?.scrollTo?.({ top: 0 })
  }, [docId])

  if (!docId) {
    return (
      <section className="reader empty-pane" aria-label="Reader" data-testid="reader-empty">
        {caseEmpty ? (
          <p>
            Nothing to read yet: this case has no documents. Import reports, statements or scans
            with Import… (Ctrl+O) or by dropping files on the window; the first one opens here.
          </p>
        ) : (
          <p>Select a document on the left to read it here.</p>
        )}
      </section>
    )
  }
  if (doc === undefined) return <section className="reader" aria-label="Reader" aria-busy />
  if (doc === null) {
    return (
      <section className="reader empty-pane" aria-label="Reader">
        <p>This document no longer exists.</p>
      </section>
    )
  }
  const source = doc.sourceId ? sources?.get(doc.sourceId) : undefined
  return (
    <section className="reader" aria-label="Reader" data-testid="reader">
      <header className="reader-header">
        <h1 data-testid="reader-title" dir="auto">
          {doc.title}
        </h1>
        <div className="reader-meta">
          <GradeBadge reliability={source?.reliability} />
          <span title={RELIABILITY_LABELS[source?.reliability ?? 'F']}>
            {source?.name ?? 'No source set'}
          </span>
          {doc.author && <span>by {doc.author}</span>}
          <span data-testid="reader-date">
            {formatPublished(doc.publishedAt, doc.publishedPrecision)}
          </span>
          {doc.timeZone && (
            <span title={`The source's time zone (${doc.timeZone})`}>
              {zoneLabel(doc.timeZone)}
            </span>
          )}
          <span data-testid="reader-language" title="Edit details to change the language">
            {languageLabel(doc.language)}
          </span>
          <OcrBadge doc={doc} textRef={textRef} />
          {doc.url && (
            <a
              href={doc.url}
              onClick={(e) => {
                e.preventDefault()
                getPlatform()
                  .openExternal(doc.url!)
                  .catch((err) => notify(`That link was not opened: ${errorMessage(err)}`, 'error'))
              }}
            >
              {doc.url}
            </a>
          )}
          <button type="button" onClick={() => setEditing(true)}>
            Edit details
          </button>
          <button type="button" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
          <ReplaceTextButton doc={doc} />
        </div>
        <div className="reader-provenance">
          {doc.fileName} · {formatBytes(doc.fileSize)} · {doc.importer} importer{' '}
          {doc.importerVersion} · SHA-256{' '}
          <code title={doc.textHash}>{doc.textHash.slice(0, 12)}…</code>
          {doc.pageStarts && ` · ${doc.pageStarts.length} page(s)`}
        </div>
        {doc.warnings?.map((w) => (
          <p key={w} className="warning">
            ⚠ {w}
          </p>
        ))}
      </header>
      <div className="reader-scroll" ref={textRef} data-testid="reader-scroll">
        <ReaderText
          text={doc.text}
          language={doc.language}
          paragraphs={paragraphs}
          annotations={annotations ?? []}
          entities={entities}
          focus={mark}
          suggestions={suggestions}
          selectedTagId={selectedTagId}
          emphasisEntityId={actorFocusId || undefined}
          onSelectText={tagging.setSelection}
          onKey={(e: KeyboardEvent<HTMLDivElement>) => {
            if (openSuggestionMenu(e)) return
            tagging.onKey(e)
          }}
          onTagClick={(id) => selectTag(id)}
        />
      </div>
      <TagToolbar tagging={tagging} />
      {buttonRect && (
        <SuggestionButton
          suggestion={suggestions[selectedSuggestion]!}
          rect={buttonRect}
          onOpen={() => setSuggestionMenu({ index: selectedSuggestion, rect: buttonRect })}
        />
      )}
      {eventFor && (
        <Suspense fallback={null}>
          <EventForm
            doc={doc}
            passage={eventFor}
            tags={annotations ?? []}
            entities={entityList ?? []}
            onSaved={eventTag.saved}
            onClose={closeEventForm}
          />
        </Suspense>
      )}
      {relationFor && (
        <RelationForm
          caseId={doc.caseId}
          passage={relationFor}
          doc={doc}
          {...(relationEnds.from ? { initialFrom: relationEnds.from } : {})}
          {...(relationEnds.to ? { initialTo: relationEnds.to } : {})}
          onSaved={relationTag.saved}
          onClose={closeRelationForm}
        />
      )}
      {suggestionMenu && suggestions[suggestionMenu.index] && (
        <SuggestionMenu
          doc={doc}
          suggestion={suggestions[suggestionMenu.index]!}
          all={suggestions}
          entities={entityList ?? []}
          rect={suggestionMenu.rect}
          onClose={() => setSuggestionMenu(undefined)}
        />
      )}
      <Dialog
        title="Delete document"
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        actions={
          <>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              onClick={async () => {
                try {
                  await deleteDocument(getDb(), doc.id)
                  openDocument(undefined)
                  notify(`“${doc.title}” deleted. Undo (Ctrl+Z) brings it back.`, 'info', {
                    undo: true,
                  })
                  // The reader that had the focus is gone: the document list takes it.
                  requestAnimationFrame(() =>
                    document.querySelector<HTMLElement>('.doc-list-viewport')?.focus(),
                  )
                } catch (e) {
                  notify(errorMessage(e), 'error')
                }
                setConfirmDelete(false)
              }}
            >
              Delete document
            </button>
          </>
        }
      >
        <p>
          Delete “{doc.title}” and every tag made on it from this case? Undo (Ctrl+Z) brings it all
          back.
        </p>
        {leftBare?.docId === doc.id && leftBare.events + leftBare.relations > 0 && (
          <p data-testid="delete-leaves-bare">{leftBareText(leftBare)}</p>
        )}
      </Dialog>
      {editing && (
        <Suspense fallback={null}>
          <MetadataEditor doc={doc} source={source} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </section>
  )
}

/** What a document's deletion leaves without evidence, as its dialog says it. */
function leftBareText({ events, relations }: { events: number; relations: number }): string {
  const what = listInWords(
    [events ? plural(events, 'event') : '', relations ? plural(relations, 'relation') : ''].filter(
      Boolean,
    ),
  )
  return events + relations === 1
    ? `${what} rests only on passages of this document: it stays in the case with no evidence (delete it from the timeline or the graph if it should go too).`
    : `${what} rest only on passages of this document: they stay in the case with no evidence (delete them from the timeline or the graph if they should go too).`
}
