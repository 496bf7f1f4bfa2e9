/**
 * A modal dialog on the native <dialog> element: focus is trapped and restored by the
 * browser, Escape closes it, and the rest of the app is inert while it is open. Focus lands
 * in the dialog's first field when it opens (a text field's words selected, so typing
 * replaces them): `showModal()` moves focus to the first focusable element — the × button —
 * after React's `autoFocus` has run, so the dialog places it itself, after opening. An
 * element marked `data-autofocus` is preferred (a form's own pick); a dialog without fields
 * (a confirmation) focuses its least destructive action, Cancel. Escape cancels.
 */
import { useEffect, useRef, type ReactNode } from 'react'

export interface DialogProps {
  title: string
  open: boolean
  onClose(): void
  children: ReactNode
  /** Buttons shown at the bottom right. */
  actions?: ReactNode
  wide?: boolean
  testId?: string
}

/** The fields a dialog's focus may start in, in document order. */
const FIELDS =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])'

/**
 * The least destructive of a dialog's action buttons: one that is neither dangerous nor the
 * primary action (Cancel), else any that is not dangerous.
 */
const SAFE_ACTIONS = [
  '.dialog-actions button:not(.danger, .primary, :disabled)',
  '.dialog-actions button:not(.danger, :disabled)',
]

/**
 * Focuses where a dialog's work starts: its `[data-autofocus]` element, else the first
 * enabled field of its body, else its least destructive action (a confirmation's Cancel, so
 * that Enter never deletes by accident), else leaves the browser's choice. Text fields get
 * their words selected.
 */
export function focusFirstField(dialog: HTMLElement): void {
  const target =
    dialog.querySelector<HTMLElement>('[data-autofocus]') ??
    dialog.querySelector<HTMLElement>(`.dialog-body :is(${FIELDS})`) ??
    SAFE_ACTIONS.map((q) => dialog.querySelector<HTMLElement>(q)).find(Boolean)
  if (!target) return
  target.focus()
  if (target instanceof HTMLInputElement && /^(text|search|url|email|)$/.test(target.type)) {
    target.select()
  } else if (target instanceof HTMLTextAreaElement) target.select()
}

export function Dialog({ title, open, onClose, children, actions, wide, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  // Where the focus was when the dialog opened. The browser gives it back when a dialog is
  // closed, but not when the dialog is removed from the page while open — which is how most
  // of the app's dialogs go (their host renders nothing once done): the focus fell to the
  // page's body, so after Delete on the timeline, or Escape in the hypotheses, the keyboard
  // had lost its place.
  const opener = useRef<HTMLElement | null>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      d.showModal()
      focusFirstField(d)
    }
    if (!open && d.open) d.close()
  }, [open])
  useEffect(
    () => () => {
      const back = opener.current
      const lost = !document.activeElement || document.activeElement === document.body
      // Only when nothing else took the focus meanwhile, and the opener is still on the page.
      if (lost && back?.isConnected && back !== document.body) back.focus()
    },
    [],
  )
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-label={title}
      data-testid={testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {actions && <footer className="dialog-actions">{actions}</footer>}
        </>
      )}
    </dialog>
  )
}
