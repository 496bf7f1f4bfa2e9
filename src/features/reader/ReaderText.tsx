/**
 * The document text with its tags drawn as highlights (coloured by kind; overlapping and
 * nested tags as flat runs, the innermost on top), the passage other panes asked to show,
 * and selection for tagging. The text is focusable and takes a keyboard caret: it is
 * `contentEditable` only so that Shift+arrows can select, and every edit is refused.
 */
import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { AnnotationRecord, EntityRecord } from '../../domain/types'
import type { Paragraph } from '../../domain/paragraphs'
import { segmentParagraphs, type Segment } from '../../domain/segments'
import { isRightToLeft } from '../../import/language-detect'
import { selectionOffsets } from './selection'

const FOCUS = '\u0000focus'
const SUGGESTION = '\u0000s:'

export interface ReaderTextProps {
  text: string
  /** The document's language (BCP 47): Persian and Arabic text is laid out right to left. */
  language?: string | undefined
  paragraphs: Paragraph[]
  annotations: AnnotationRecord[]
  entities: Map<string, EntityRecord>
  focus: { start: number; end: number } | undefined
  /** Open suggestions, drawn apart from tags (dashed underline). */
  suggestions: { start: number; end: number }[]
  selectedTagId: string | undefined
  /** The actor in focus elsewhere (timeline filter, graph node): its mentions stand out. */
  emphasisEntityId?: string | undefined
  onSelectText(sel: { start: number; end: number } | undefined): void
  onKey(e: KeyboardEvent<HTMLDivElement>): void
  onTagClick(id: string): void
}

const KIND_NAMES: Record<string, string> = {
  actor: 'Actor',
  location: 'Location',
  event: 'Event',
  claim: 'Claim',
  note: 'Note',
}

function describe(a: AnnotationRecord, entities: Map<string, EntityRecord>): string {
  const e = a.entityId ? entities.get(a.entityId) : undefined
  return `${KIND_NAMES[a.kind]}${e ? `: ${e.name}` : ''}${a.credibility ? ` (credibility ${a.credibility})` : ''}`
}

interface ParagraphProps {
  p: Paragraph
  segments: Segment[]
  byId: Map<string, AnnotationRecord>
  entities: Map<string, EntityRecord>
  /** The selected tag, when it is drawn in this paragraph. */
  selectedTagId: string | undefined
  /** The entity whose mentions stand out, when one is tagged in this paragraph. */
  emphasis: string | undefined
  /** Everything this paragraph draws, as a string: equal strings mean an equal rendering. */
  signature: string
  /** `rtl` for a right-to-left language; `auto` (by its first strong letter) when not known. */
  dir: 'rtl' | 'auto'
}

/**
 * What a paragraph shows, by value: its runs, and for every tag in them what its look and
 * tooltip depend on. Store reads return new objects on every change, so identity cannot
 * tell which paragraphs changed; this can, and a tag added in one paragraph re-renders one.
 */
function signatureOf(
  segments: Segment[],
  byId: Map<string, AnnotationRecord>,
  entities: Map<string, EntityRecord>,
): string {
  let out = ''
  for (const s of segments) {
    out += `${s.start}-${s.end}:`
    for (const id of s.ids) {
      const a = byId.get(id)
      out += a
        ? `${id}|${a.kind}|${a.entityId ? entities.get(a.entityId)?.name : ''}|${a.credibility ?? ''}|${a.anchor?.status ?? ''},`
        : `${id},`
    }
    out += ';'
  }
  return out
}

const ParagraphView = memo(
  function ParagraphView({
    p,
    segments,
    byId,
    entities,
    selectedTagId,
    emphasis,
    dir,
  }: ParagraphProps) {
    return (
      <p data-start={p.start} dir={dir}>
        {segments.map((s) => {
          const chunk = p.text.slice(s.start - p.start, s.end - p.start)
          if (s.ids.length === 0) return chunk
          const focus = s.ids.includes(FOCUS)
          const suggestion = s.ids.find((id) => id.startsWith(SUGGESTION))
          const tags = s.ids
            .filter((id) => id !== FOCUS && !id.startsWith(SUGGESTION))
            .map((id) => byId.get(id)!)
          const inner = tags[0]
          const cls = [
            inner ? `tag k-${inner.kind}` : '',
            tags.length > 1 ? 'multi' : '',
            tags.some((t) => t.id === selectedTagId) ? 'selected' : '',
            inner?.anchor?.status === 'fuzzy' ? 'fuzzy' : '',
            emphasis && tags.some((t) => t.entityId === emphasis) ? 'emphasis' : '',
          ]
            .filter(Boolean)
            .join(' ')
          const body = inner ? (
            <span
              className={cls}
              data-tag={inner.id}
              data-kind={inner.kind}
              title={tags.map((t) => describe(t, entities)).join('\n')}
            >
              {chunk}
            </span>
          ) : suggestion ? (
            <span
              className="suggestion"
              data-suggestion={suggestion.slice(SUGGESTION.length)}
              title="Suggested: click to select it, then press S (or its button) to accept, reject or tag it otherwise"
            >
              {chunk}
            </span>
          ) : (
            chunk
          )
          return focus ? (
            <mark key={s.start} className="flash" data-testid="reader-focus">
              {body}
            </mark>
          ) : (
            <span key={s.start}>{body}</span>
          )
        })}
      </p>
    )
  },
  (a, b) =>
    a.p === b.p &&
    a.signature === b.signature &&
    a.selectedTagId === b.selectedTagId &&
    a.emphasis === b.emphasis &&
    a.dir === b.dir,
)

export function ReaderText(props: ReaderTextProps) {
  const { text, paragraphs, annotations, entities, focus, selectedTagId, suggestions } = props
  const ref = useRef<HTMLDivElement>(null)
  // Bumped if the browser ever slips an edit past the guards: the text is re-rendered whole.
  const [generation, setGeneration] = useState(0)
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations])
  const segments = useMemo(() => {
    // An orphaned tag has lost its words: it is listed under Anchors, never drawn.
    const spans = annotations
      .filter((a) => a.anchor?.status !== 'orphan')
      .map((a) => ({ id: a.id, start: a.start, end: a.end }))
    if (focus) spans.push({ id: FOCUS, start: focus.start, end: focus.end })
    suggestions.forEach((x, i) =>
      spans.push({ id: `${SUGGESTION}${i}`, start: x.start, end: x.end }),
    )
    return segmentParagraphs(paragraphs, spans)
  }, [annotations, paragraphs, focus, suggestions])

  // A known right-to-left language sets the direction of the whole text; otherwise each
  // paragraph takes the direction of its first strong letter, so a Persian quotation inside
  // an English report (or a document whose language is unknown) still reads right to left.
  const rtl = isRightToLeft(props.language)
  const dir = rtl ? 'rtl' : 'auto'

  const report = () => {
    if (ref.current) props.onSelectText(selectionOffsets(ref.current))
  }

  return (
    <div
      key={generation}
      className="reader-text"
      ref={ref}
      data-testid="reader-text"
      role="document"
      aria-label="Document text"
      aria-readonly
      tabIndex={0}
      contentEditable
      suppressContentEditableWarning
      spellCheck={false}
      data-length={text.length}
      dir={rtl ? 'rtl' : undefined}
      lang={props.language || undefined}
      onBeforeInput={(e) => e.preventDefault()}
      onPaste={(e) => e.preventDefault()}
      onCut={(e) => e.preventDefault()}
      onDrop={(e) => e.preventDefault()}
      onInput={() => setGeneration((g) => g + 1)}
      onMouseUp={report}
      onKeyUp={(e) => {
        if (e.shiftKey || e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') report()
      }}
      onKeyDown={(e) => {
        // Deleting or typing is never an edit here; Enter, Backspace and Delete are refused.
        if (e.key === 'Enter' || e.key === 'Backspace' || e.key === 'Delete') e.preventDefault()
        props.onKey(e)
      }}
      onClick={(e) => {
        const sel = window.getSelection()
        if (sel && !sel.isCollapsed) return
        const target = e.target as HTMLElement
        const tag = target.closest<HTMLElement>('[data-tag]')
        if (tag) return props.onTagClick(tag.dataset.tag!)
        const suggestion = target.closest<HTMLElement>('[data-suggestion]')
        if (suggestion && sel) {
          // A plain click selects the suggested words, as a selection made by hand: the tag
          // keys tag them, Shift+arrows or Shift+click extend them, and the suggestion's own
          // menu opens from its button or S (features/suggestions/SuggestionMenu.tsx).
          const range = document.createRange()
          range.selectNodeContents(suggestion)
          sel.removeAllRanges()
          sel.addRange(range)
          report()
        }
      }}
    >
      {paragraphs.map((p, i) => {
        const segs = segments[i]!
        const selected =
          selectedTagId && segs.some((x) => x.ids.includes(selectedTagId))
            ? selectedTagId
            : undefined
        const emphasis =
          props.emphasisEntityId &&
          segs.some((x) => x.ids.some((id) => byId.get(id)?.entityId === props.emphasisEntityId))
            ? props.emphasisEntityId
            : undefined
        return (
          <ParagraphView
            key={p.start}
            p={p}
            segments={segs}
            byId={byId}
            entities={entities}
            selectedTagId={selected}
            emphasis={emphasis}
            signature={signatureOf(segs, byId, entities)}
            dir={dir}
          />
        )
      })}
    </div>
  )
}
