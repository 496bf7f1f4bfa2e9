/**
 * The document text with its tags drawn as highlights (coloured by kind; overlapping and
 * nested tags as flat runs, the innermost on top), the passage other panes asked to show,
 * and selection for tagging. The text is focusable and takes a keyboard caret: it is
 * `contentEditable` only so that Shift+arrows can select, and every edit is refused.
 *
 * A long text is drawn in windows: its paragraphs are grouped in blocks (reader-window.ts) and
 * only the blocks near the viewport are in the DOM, with gaps of their measured (or, until
 * drawn once, estimated) height standing in for the rest. Blocks the DOM must keep stay drawn
 * wherever they are: the block of the passage another pane asked to show (so that it can be
 * scrolled to) and the blocks holding the ends of the selection (so that a selection that
 * spans blocks keeps its anchor while the text scrolls). Ctrl+Home and Ctrl+End (with Shift,
 * extending the selection) go to the true start and end of the text.
 */
import {
  memo,
  useEffect,
  useLayoutEffect,
  useCallback,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import { flushSync } from 'react-dom'
import type { AnnotationRecord, EntityRecord } from '../../domain/types'
import type { Paragraph } from '../../domain/paragraphs'
import { segmentParagraphs, type Segment } from '../../domain/segments'
import { isRightToLeft } from '../../import/language-detect'
import { selectionOffsets } from './selection'
import {
  blockAt,
  blocksIn,
  DEFAULT_METRICS,
  estimateHeight,
  makeBlocks,
  plan,
  tops,
  type Block,
  type TextMetrics,
} from './reader-window'

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

/** Drawn beyond the viewport on each side, px (at least; one viewport's height if taller). */
const OVERSCAN = 800
/** The viewport assumed before one can be measured (and in jsdom, which has no layout). */
const DEFAULT_VIEWPORT = 1000

/** No block measured yet. */
const NO_HEIGHTS = new Map<number, number>()

/** The nearest ancestor of `el` that scrolls vertically, if any. */
function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(p).overflowY)) return p
  }
  return null
}

/** The page's text metrics, read from the reader's computed style and width. */
function measureMetrics(root: HTMLElement): TextMetrics {
  const style = getComputedStyle(root)
  const fontSize = parseFloat(style.fontSize) || 16
  const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.6
  const inner =
    root.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0)
  if (inner <= 0) return DEFAULT_METRICS
  // A paragraph is at most 46em wide (app.css); a character of the serif is about half an em.
  const width = Math.min(inner, 46 * fontSize)
  return {
    charsPerLine: Math.max(8, Math.floor(width / (fontSize * 0.5))),
    lineHeight,
    paragraphGap: fontSize,
  }
}

export function ReaderText(props: ReaderTextProps) {
  const { text, paragraphs, annotations, entities, focus, selectedTagId, suggestions } = props
  const ref = useRef<HTMLDivElement>(null)
  // Bumped if the browser ever slips an edit past the guards: the text is re-rendered whole.
  const [generation, setGeneration] = useState(0)
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations])
  const spans = useMemo(() => {
    // An orphaned tag has lost its words: it is listed under Anchors, never drawn.
    const list = annotations
      .filter((a) => a.anchor?.status !== 'orphan')
      .map((a) => ({ id: a.id, start: a.start, end: a.end }))
    if (focus) list.push({ id: FOCUS, start: focus.start, end: focus.end })
    suggestions.forEach((x, i) =>
      list.push({ id: `${SUGGESTION}${i}`, start: x.start, end: x.end }),
    )
    return list
  }, [annotations, focus, suggestions])

  // Blocks, their heights (measured once drawn, else estimated) and where each begins.
  const blocks = useMemo(() => makeBlocks(paragraphs), [paragraphs])
  const [metrics, setMetrics] = useState<TextMetrics>(DEFAULT_METRICS)
  const [measured, setMeasured] = useState<{ of: Block[]; heights: Map<number, number> }>({
    of: blocks,
    heights: new Map(),
  })
  const heights = measured.of === blocks ? measured.heights : NO_HEIGHTS
  const estimates = useMemo(
    () => blocks.map((b) => estimateHeight(paragraphs, b, metrics)),
    [blocks, paragraphs, metrics],
  )
  const starts = useMemo(() => {
    // Estimates are scaled by how far off they were for the blocks drawn so far.
    let seen = 0
    let guessed = 0
    heights.forEach((h, i) => {
      seen += h
      guessed += estimates[i] ?? 0
    })
    const scale = seen > 0 && guessed > 0 ? seen / guessed : 1
    return tops(estimates.map((e, i) => heights.get(i) ?? e * scale))
  }, [estimates, heights])

  // The band of the text in view (px from the top of the first block), and the blocks kept.
  const [band, setBand] = useState({ top: 0, height: DEFAULT_VIEWPORT })
  const [selectionBlocks, setSelectionBlocks] = useState<{ of: unknown; keep: number[] }>({
    of: blocks,
    keep: [],
  })
  const [jump, setJump] = useState<{ of: unknown; index: number }>()
  const scroller = useRef<HTMLElement | null>(null)
  const over = Math.max(OVERSCAN, band.height)
  const drawn = blocksIn(starts, band.top - over, band.top + band.height + over)
  const keep: number[] = []
  if (focus) {
    const last = blockAt(blocks, Math.max(focus.start, focus.end - 1))
    for (let i = blockAt(blocks, focus.start); i <= last; i++) keep.push(i)
  }
  if (selectionBlocks.of === blocks) keep.push(...selectionBlocks.keep)
  if (jump?.of === blocks) keep.push(jump.index)
  const items = plan(blocks.length, drawn, keep, starts)

  // What the scroll handler needs of the latest render.
  const latest = useRef({ band, starts, drawn, blocks })
  useLayoutEffect(() => {
    latest.current = { band, starts, drawn, blocks }
  })

  /** Reads where the text is scrolled (on scroll, on resize, after a render) and follows it. */
  const follow = useCallback((sync: boolean) => {
    const root = ref.current
    const box = scroller.current
    if (!root || !box) return
    const first = root.firstElementChild ?? root
    const top = Math.round(box.getBoundingClientRect().top - first.getBoundingClientRect().top)
    const next = { top, height: box.clientHeight || DEFAULT_VIEWPORT }
    const now = latest.current
    if (Math.abs(next.top - now.band.top) < 40 && next.height === now.band.height) return
    const [from, to] = blocksIn(now.starts, next.top, next.top + next.height)
    // A jump past what is drawn is drawn before this frame is painted; a step within it waits.
    if (sync && (from < now.drawn[0] || to > now.drawn[1])) flushSync(() => setBand(next))
    else setBand(next)
  }, [])

  const width = useRef(0)
  useLayoutEffect(() => {
    const root = ref.current
    if (!root) return
    scroller.current = scrollerOf(root)
    const box = scroller.current
    const onScroll = () => follow(true)
    box?.addEventListener('scroll', onScroll, { passive: true })
    const resized = () => {
      if (root.clientWidth !== width.current) {
        // A new width wraps every line anew: heights are measured again.
        width.current = root.clientWidth
        setMetrics(measureMetrics(root))
        setMeasured((prev) => ({ of: prev.of, heights: new Map() }))
      }
      follow(false)
    }
    resized()
    const observer =
      typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => resized())
    observer?.observe(root)
    if (box) observer?.observe(box)
    return () => {
      box?.removeEventListener('scroll', onScroll)
      observer?.disconnect()
    }
  }, [generation, follow])

  // Each block drawn is measured when it is laid out (and again whenever its size changes):
  // its real height replaces the estimate.
  const observer = useRef<ResizeObserver | undefined>(undefined)
  const observed = useRef(new Set<Element>())
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return
    const watching = observed.current
    const ro = new ResizeObserver((entries) => {
      const found = new Map<number, number>()
      for (const entry of entries) {
        const el = entry.target as HTMLElement
        const h = el.getBoundingClientRect().height
        if (h > 0 && el.isConnected) found.set(Number(el.dataset.block), h)
      }
      if (found.size === 0) return
      const of = latest.current.blocks
      setMeasured((prev) => {
        const base = prev.of === of ? prev.heights : NO_HEIGHTS
        let changed = false
        found.forEach((h, i) => {
          if (Math.abs((base.get(i) ?? -1) - h) > 0.5) changed = true
        })
        return changed ? { of, heights: new Map([...base, ...found]) } : prev
      })
    })
    observer.current = ro
    return () => {
      ro.disconnect()
      watching.clear()
      observer.current = undefined
    }
  }, [])
  useLayoutEffect(() => {
    const root = ref.current
    const ro = observer.current
    if (root && ro) {
      const now = new Set<Element>(root.querySelectorAll(':scope > [data-block]'))
      for (const el of observed.current) if (!now.has(el)) ro.unobserve(el)
      for (const el of now) if (!observed.current.has(el)) ro.observe(el)
      observed.current = now
    }
    follow(false)
  })

  // The blocks holding the ends of the selection stay drawn while it lasts.
  useEffect(() => {
    const onSelection = () => {
      const root = ref.current
      const sel = document.getSelection()
      const found: number[] = []
      if (root && sel && sel.rangeCount > 0) {
        for (const node of [sel.anchorNode, sel.focusNode]) {
          if (!node || !root.contains(node)) continue
          const el = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>(
            '[data-block]',
          )
          if (el) found.push(Number(el.dataset.block))
        }
      }
      setSelectionBlocks((prev) =>
        prev.of === blocks && prev.keep.join() === found.join()
          ? prev
          : { of: blocks, keep: found },
      )
    }
    document.addEventListener('selectionchange', onSelection)
    return () => document.removeEventListener('selectionchange', onSelection)
  }, [blocks])

  // The spans meeting each block; a block's runs are cut from them when it is drawn.
  const spansByBlock = useMemo(() => {
    const out = blocks.map((): typeof spans => [])
    for (const x of spans) {
      if (x.end <= x.start) continue
      const last = blockAt(blocks, x.end - 1)
      for (let i = blockAt(blocks, x.start); i >= 0 && i <= last; i++) out[i]!.push(x)
    }
    return out
  }, [blocks, spans])
  const segmentsOf = (i: number): Segment[][] =>
    segmentParagraphs(paragraphs.slice(blocks[i]!.first, blocks[i]!.end), spansByBlock[i]!)

  // A known right-to-left language sets the direction of the whole text; otherwise each
  // paragraph takes the direction of its first strong letter, so a Persian quotation inside
  // an English report (or a document whose language is unknown) still reads right to left.
  const rtl = isRightToLeft(props.language)
  const dir = rtl ? 'rtl' : 'auto'

  const report = () => {
    if (ref.current) props.onSelectText(selectionOffsets(ref.current))
  }

  /**
   * Ctrl+Home / Ctrl+End: draws the first or last block, puts the caret at its start or end
   * (Shift: extends the selection there) and scrolls to it.
   */
  const goToEnd = (end: boolean, extend: boolean) => {
    const root = ref.current
    if (!root || blocks.length === 0) return
    const index = end ? blocks.length - 1 : 0
    flushSync(() => setJump({ of: blocks, index }))
    const block = root.querySelector<HTMLElement>(`[data-block="${index}"]`)
    const p = end ? block?.lastElementChild : block?.firstElementChild
    const sel = document.getSelection()
    if (!p || !sel) return
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
    let node: Node | null = walker.nextNode()
    if (end) for (let n = node; n; n = walker.nextNode()) node = n
    const at = node ?? p
    const offset = end && node ? (node.textContent?.length ?? 0) : 0
    if (extend && sel.rangeCount > 0) sel.extend(at, offset)
    else sel.collapse(at, offset)
    if (scroller.current) scroller.current.scrollTop = end ? scroller.current.scrollHeight : 0
    report()
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
      data-blocks={blocks.length}
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
        if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'Home' || e.key === 'End')) {
          e.preventDefault()
          goToEnd(e.key === 'End', e.shiftKey)
          return
        }
        props.onKey(e)
      }}
      onClick={(e) => {
        const sel = document.getSelection()
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
      {items.map((item) => {
        if (item.kind === 'gap') {
          return (
            <div
              key={`gap-${item.from}`}
              className="reader-gap"
              contentEditable={false}
              aria-hidden
              data-gap={`${item.from}-${item.to}`}
              style={{ height: item.height }}
            />
          )
        }
        const b = blocks[item.index]!
        const segments = segmentsOf(item.index)
        return (
          <div key={`block-${b.start}`} className="reader-block" data-block={item.index}>
            {paragraphs.slice(b.first, b.end).map((p, k) => {
              const segs = segments[k]!
              const selected =
                selectedTagId && segs.some((x) => x.ids.includes(selectedTagId))
                  ? selectedTagId
                  : undefined
              const emphasis =
                props.emphasisEntityId &&
                segs.some((x) =>
                  x.ids.some((id) => byId.get(id)?.entityId === props.emphasisEntityId),
                )
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
      })}
    </div>
  )
}
