/**
 * A text field that saves as the analyst types without fighting them: while it has focus it
 * shows what is being typed (the store's answer arrives a moment later and would move the
 * caret); otherwise it shows the stored value, so an undo or another pane's edit appears.
 */
import { useState, type ChangeEvent } from 'react'

interface DraftProps {
  value: string
  /** Called on every change with the new text (the caller saves it). */
  onSave(value: string): void
  label: string
  multiline?: boolean
  rows?: number
  maxLength?: number
  placeholder?: string
  testId?: string
}

/** An input or textarea with a label (see the module comment). */
export function DraftField({
  value,
  onSave,
  label,
  multiline,
  rows = 3,
  maxLength,
  placeholder,
  testId,
}: DraftProps) {
  const [draft, setDraft] = useState<string | undefined>()
  const shown = draft ?? value
  const change = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setDraft(e.target.value)
    onSave(e.target.value)
  }
  const common = {
    value: shown,
    onChange: change,
    onFocus: () => setDraft(value),
    onBlur: () => setDraft(undefined),
    placeholder,
    maxLength,
    'data-testid': testId,
  }
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={rows} {...common} /> : <input {...common} />}
    </label>
  )
}
