/**
 * The stack of transient notices (successes, errors that say what to do), bottom left over
 * the document list: the newest `NOTICES_SHOWN` on top of one another, newest first, and the
 * older ones folded into a "+K more" button that opens their list (newest first, scrolling
 * inside the stack's own height). A notice of an undoable action has an Undo button, the same
 * command as Ctrl+Z, while that action is still the next to undo (so it never takes back a
 * later action instead). With two notices or more, "Dismiss all" clears the stack; none goes
 * by itself while the pointer is over the stack or the focus is in it (it is being read). The stack is no wider than the document list, so that it never covers the
 * timeline or its toolbar beside it.
 */
import { useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { isNextUndo, latestUndoGroup, subscribeHistory } from '../db/history'
import { runCommand } from '../ui/commands'
import { noticeStack, useNotices, type Notice } from '../ui/stores/notices'

/** The notice list (see the module comment). */
export function Notices() {
  const { notices, dismiss, dismissAll, hold } = useNotices(
    useShallow((s) => ({
      notices: s.notices,
      dismiss: s.dismiss,
      dismissAll: s.dismissAll,
      hold: s.hold,
    })),
  )
  const [open, setOpen] = useState(false)
  const { shown, folded } = noticeStack(notices)
  const width = useLibraryWidth(notices.length > 0)
  // Re-render when the undo stack changes, so that an Undo button goes once its action is no
  // longer the next to undo (another action came after it, or it was undone).
  useSyncExternalStore(subscribeHistory, latestUndoGroup)
  const card = (n: Notice) => (
    <div
      key={n.id}
      className={`notice ${n.kind}`}
      role={n.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{n.text}</span>
      {n.undo && isNextUndo(n.undo) && (
        <button
          type="button"
          className="notice-undo"
          onClick={() => {
            runCommand('edit:undo')
            dismiss(n.id)
          }}
        >
          Undo
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => dismiss(n.id)}
      >
        ×
      </button>
    </div>
  )
  return (
    <div
      className="notices"
      aria-live="polite"
      data-testid="notices"
      style={width ? { maxWidth: width } : undefined}
      onPointerEnter={() => hold(true)}
      onPointerLeave={() => hold(false)}
      onFocus={() => hold(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hold(false)
      }}
    >
      {shown.map(card)}
      {notices.length > 1 && (
        <div className="notices-bar">
          {folded.length > 0 && (
            <button
              type="button"
              className="notices-more"
              aria-expanded={open}
              aria-controls="notices-folded"
              data-testid="notices-more"
              onClick={() => setOpen(!open)}
            >
              {open ? 'Hide older notices' : `+${folded.length} more`}
            </button>
          )}
          <button
            type="button"
            className="notices-more"
            data-testid="notices-dismiss-all"
            onClick={() => {
              setOpen(false)
              dismissAll()
            }}
          >
            Dismiss all ({notices.length})
          </button>
        </div>
      )}
      {open && folded.length > 0 && (
        <div className="notices-folded" id="notices-folded" role="list" aria-label="Older notices">
          {folded.map(card)}
        </div>
      )}
    </div>
  )
}

/**
 * The width the stack may take while it shows anything: the document list's, less the stack's
 * margin, following the list's separator; undefined (the stylesheet's width) while there is no
 * document list (the welcome screen). The list may appear after the first notice (a notice
 * from the welcome screen is still up when a case opens, and the workbench loads on its own),
 * or go and come back (a case deleted, another made), so the stack follows it as it comes.
 */
function useLibraryWidth(active: boolean): number | undefined {
  const [width, setWidth] = useState<number>()
  useLayoutEffect(() => {
    if (!active || typeof ResizeObserver === 'undefined') return
    let library: Element | null = null
    // A ResizeObserver reports the element's size once as soon as it observes it.
    const sizes = new ResizeObserver(() => {
      if (library) setWidth(Math.max(200, Math.floor(library.getBoundingClientRect().width) - 16))
    })
    const follow = () => {
      if (library?.isConnected) return
      if (library) sizes.unobserve(library)
      library = document.querySelector('.workspace > .library')
      if (library) sizes.observe(library)
      else setWidth(undefined)
    }
    follow()
    const mounts = new MutationObserver(follow)
    mounts.observe(document.body, { childList: true, subtree: true })
    return () => {
      mounts.disconnect()
      sizes.disconnect()
      setWidth(undefined)
    }
  }, [active])
  return width
}
