/**
 * What the reader shows of a document read by OCR: an "OCR · 87 %" badge (mean word
 * confidence; its tooltip names the engine, languages and pages), a toggle that underlines
 * the words the OCR was unsure of, and "Re-run OCR…", which reads the scan again in other
 * languages and replaces the text through Replace text's path (db/reanchor.ts), so every tag
 * is re-anchored and the step can be undone. The underlines are CSS Custom Highlights over
 * the reader's own text (no change to its markup), placed from the stored offsets and placed
 * again whenever the reader re-renders.
 */
import { useEffect, useState, type RefObject } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { replaceDocumentText, type ReanchorReport } from '../../db/reanchor'
import type { DocumentMeta } from '../../domain/types'
import { extractDocument } from '../../import/extract'
import { ocrLanguageNames } from '../../import/ocr/languages'
import { getPlatform } from '../../platform'
import { ReanchorReportDialog } from '../reanchor/ReplaceTextButton'
import { OcrLanguageDialog, type OcrLanguageRequest } from '../library/OcrLanguageDialog'

/** The name of the highlight the unsure words are drawn with (see app.css). */
export const UNSURE_HIGHLIGHT = 'ocr-unsure'

interface HighlightRegistry {
  set(name: string, value: unknown): void
  delete(name: string): void
}

function highlights(): HighlightRegistry | undefined {
  const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined
  return css?.highlights
}

/** A DOM range over [start, end) of the stored text inside the reader `root`, if shown. */
export function rangeOf(root: HTMLElement, start: number, end: number): Range | undefined {
  for (const p of root.querySelectorAll<HTMLElement>('[data-start]')) {
    const from = Number(p.dataset.start)
    const length = p.textContent?.length ?? 0
    if (start < from || end > from + length) continue
    const range = document.createRange()
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
    let at = from
    let started = false
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const size = node.textContent?.length ?? 0
      if (!started && start <= at + size) {
        range.setStart(node, start - at)
        started = true
      }
      if (started && end <= at + size) {
        range.setEnd(node, end - at)
        return range
      }
      at += size
    }
  }
  return undefined
}

/** The badge, the toggle and Re-run OCR for `doc` (nothing when it was not read by OCR). */
export function OcrBadge({
  doc,
  textRef,
}: {
  doc: Pick<DocumentMeta, 'id' | 'title' | 'textHash' | 'fileName' | 'ocr'>
  textRef: RefObject<HTMLElement | null>
}) {
  const notify = useNotices((s) => s.notify)
  const [shown, setShown] = useState(false)
  const [asking, setAsking] = useState<OcrLanguageRequest | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [report, setReport] = useState<ReanchorReport | null>(null)
  const ocr = doc.ocr
  const unsure = ocr ? ocr.lowConfidence.length / 2 : 0

  useEffect(() => {
    const registry = highlights()
    const root = textRef.current
    if (!shown || !ocr || !registry || !root) return
    const Highlight = (globalThis as unknown as { Highlight: new (...r: Range[]) => unknown })
      .Highlight
    const draw = () => {
      const ranges: Range[] = []
      for (let i = 0; i + 1 < ocr.lowConfidence.length; i += 2) {
        const range = rangeOf(root, ocr.lowConfidence[i]!, ocr.lowConfidence[i + 1]!)
        if (range) ranges.push(range)
      }
      registry.set(UNSURE_HIGHLIGHT, new Highlight(...ranges))
    }
    draw()
    const observer = new MutationObserver(draw)
    observer.observe(root, { childList: true, subtree: true, characterData: true })
    return () => {
      observer.disconnect()
      registry.delete(UNSURE_HIGHLIGHT)
    }
  }, [shown, ocr, textRef])

  if (!ocr) return null

  const rerun = (languages: string[]) => {
    setAsking(null)
    setBusy('Choosing the scan…')
    // The chooser first, in the click's own turn: a browser opens it only then.
    const picked = getPlatform().openFiles({
      title: `Re-run OCR on “${doc.title}”: choose its scan`,
      extensions: ['pdf', 'png', 'jpg', 'jpeg', 'webp'],
      multiple: false,
    })
    void (async () => {
      try {
        const [file] = await picked
        if (!file) return
        setBusy('Reading the scan…')
        const outcome = await extractDocument(file, {
          ocr: {
            languages: () => languages,
            force: true,
            onProgress: (p) => setBusy(`OCR page ${p.page} of ${p.pages}`),
          },
        })
        if (!outcome.ok) {
          notify(`OCR was not re-run on “${file.name}”: ${outcome.error.message}`, 'error')
          return
        }
        const result = await replaceDocumentText(getDb(), doc.id, outcome.doc)
        if (!result.changed) notify(result.message, 'info')
        else setReport(result)
      } catch (e) {
        notify(`OCR was not re-run: ${errorMessage(e)}`, 'error')
      } finally {
        setBusy(null)
      }
    })()
  }

  const pages = ocr.pages.length === 1 ? `page ${ocr.pages[0]}` : `pages ${ocr.pages.join(', ')}`
  return (
    <>
      <span
        className="ocr-badge"
        data-testid="ocr-badge"
        title={`Text read by OCR (${ocr.engine}, ${ocrLanguageNames(ocr.languages)}) from ${pages}; mean word confidence ${Math.round(ocr.confidence)} %. ${unsure} word(s) read with low confidence.`}
      >
        OCR · {Math.round(ocr.confidence)} %
      </span>
      <button
        type="button"
        aria-pressed={shown}
        data-testid="ocr-unsure-toggle"
        disabled={unsure === 0}
        title={
          unsure === 0
            ? 'The OCR was confident of every word'
            : 'Underline the words the OCR was unsure of'
        }
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide unsure words' : `Unsure words (${unsure})`}
      </button>
      <button
        type="button"
        disabled={busy !== null}
        data-testid="ocr-rerun"
        onClick={() => setAsking({ fileName: doc.fileName, guess: ocr.languages, batch: false })}
      >
        {busy ?? 'Re-run OCR…'}
      </button>
      <OcrLanguageDialog
        request={asking}
        action="Choose the scan…"
        testId="ocr-rerun-language"
        onChoose={(languages) => rerun(languages)}
        onCancel={() => setAsking(null)}
      />
      <ReanchorReportDialog report={report} onClose={() => setReport(null)} />
    </>
  )
}
