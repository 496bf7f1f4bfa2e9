/**
 * The OCR language choice: asked when an import meets a scan (a PDF page without a usable
 * text layer, or an image), and before Re-run OCR. One checkbox per language the OCR can read
 * (several may be ticked: a page in Persian with Arabic quotations), the guess from the file
 * name ticked to start with, and for an import the choice can stand for the other scans of
 * the same import. Enter reads (the button has the focus), Escape cancels.
 */
import { useState } from 'react'
import { Dialog } from '../../ui/Dialog'
import { OCR_LANGUAGES } from '../../import/ocr/languages'

/** What the dialog asks about. */
export interface OcrLanguageRequest {
  fileName: string
  /** Tesseract codes ticked to start with. */
  guess: string[]
  /** Offer "use for the other scans of this import". */
  batch?: boolean
}

export interface OcrLanguageDialogProps {
  request: OcrLanguageRequest | null
  onChoose(languages: string[], forRest: boolean): void
  onCancel(): void
  /** The confirming button's label. */
  action?: string
  /** The dialog's test id; 'ocr-language' by default. */
  testId?: string
}

/** The language choice (see the module comment). */
export function OcrLanguageDialog({
  request,
  onChoose,
  onCancel,
  action,
  testId,
}: OcrLanguageDialogProps) {
  // The ticks belong to one request; a new request starts from its guess.
  const [picked, setPicked] = useState<{ of: OcrLanguageRequest | null; codes: string[] }>({
    of: null,
    codes: [],
  })
  const [forRest, setForRest] = useState(true)
  const chosen = picked.of === request ? picked.codes : (request?.guess ?? [])
  const toggle = (code: string) =>
    setPicked({
      of: request,
      codes: chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code],
    })
  return (
    <Dialog
      title="Read a scan with OCR"
      open={request !== null}
      onClose={onCancel}
      testId={testId ?? 'ocr-language'}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            data-autofocus
            disabled={chosen.length === 0}
            onClick={() => onChoose(chosen, forRest)}
          >
            {action ?? 'Read with OCR'}
          </button>
        </>
      }
    >
      {request && (
        <>
          <p>
            “{request.fileName}” is a scan: Casefile reads it with OCR. In which language is it
            written?
          </p>
          <fieldset className="ocr-languages">
            <legend>Language(s)</legend>
            {OCR_LANGUAGES.map((l) => (
              <label key={l.code}>
                <input
                  type="checkbox"
                  checked={chosen.includes(l.code)}
                  onChange={() => toggle(l.code)}
                  data-testid={`ocr-lang-${l.code}`}
                />{' '}
                {l.label}
              </label>
            ))}
          </fieldset>
          {chosen.length === 0 && <p className="warning">Tick at least one language.</p>}
          <p className="muted">
            Each extra language makes reading slower. Russian is not available (no OCR data for it
            ships with Casefile); Ukrainian reads Cyrillic best of the others.
          </p>
          {request.batch && (
            <label>
              <input
                type="checkbox"
                checked={forRest}
                onChange={(e) => setForRest(e.target.checked)}
              />{' '}
              Use for the other scans of this import
            </label>
          )}
        </>
      )}
    </Dialog>
  )
}
