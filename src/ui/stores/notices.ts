/**
 * The notices shown at the bottom left of the window: what an action did, or why it failed.
 * Only the notice list renders them; everything else takes `notify`, which never changes, so
 * reporting does not re-render the reporters. An error stays until dismissed, anything else
 * for six seconds. The list shows the newest few and folds the older ones into "+K more"
 * (`noticeStack`), so that several quick actions do not pile notices up over the panes. A
 * notice of an undoable action can carry an Undo button (`{ undo: true }`), shown while that
 * action is still the next to undo. See
 * `./selection.ts` for why these are zustand stores.
 */
import { create } from 'zustand'
import { latestUndoGroup } from '../../db/history'

/** How a notice is shown. */
export type NoticeKind = 'info' | 'success' | 'error'

/** One notice on screen. */
export interface Notice {
  id: number
  kind: NoticeKind
  text: string
  /**
   * The undo group of the action the notice reports (`latestUndoGroup` when it was shown): its
   * Undo button shows only while that action is still the next to undo.
   */
  undo?: string
}

/** What a notice may add to its text and kind. */
export interface NoticeOptions {
  /**
   * The notice reports the action just recorded: show an Undo button (the same command as
   * Ctrl+Z) while that action is still the next to undo.
   */
  undo?: boolean
}

/** The notices store's fields and actions. */
export interface NoticesState {
  /** The last `NOTICES_KEPT` notices, oldest first. */
  notices: Notice[]
  /** Shows `text`; errors stay until dismissed, the rest go after six seconds. */
  notify(text: string, kind?: NoticeKind, options?: NoticeOptions): void
  dismiss(id: number): void
}

/** How long a notice that is not an error stays. */
export const NOTICE_MS = 6000
/** How many notices are shown at once; the older ones fold into "+K more". */
export const NOTICES_SHOWN = 3
/** How many notices are kept (shown or folded); older ones are dropped. */
export const NOTICES_KEPT = 20

/** The notices to show and those folded away, each newest first. */
export interface NoticeStack {
  shown: Notice[]
  folded: Notice[]
}

/**
 * Splits `notices` (oldest first, as the store keeps them) into the newest `shown` ones and
 * the older ones folded into "+K more", each list newest first.
 */
export function noticeStack(notices: readonly Notice[], shown = NOTICES_SHOWN): NoticeStack {
  const newestFirst = [...notices].reverse()
  return { shown: newestFirst.slice(0, shown), folded: newestFirst.slice(shown) }
}

let seq = 0

/** The notices store: `useNotices((s) => s.notify)` to report, the list selects `notices`. */
export const useNotices = create<NoticesState>()((set) => {
  const dismiss = (id: number) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  return {
    notices: [],
    notify: (text, kind = 'info', options = {}) => {
      const id = ++seq
      const group = options.undo ? latestUndoGroup() : undefined
      const notice: Notice = group ? { id, kind, text, undo: group } : { id, kind, text }
      set((s) => ({ notices: [...s.notices.slice(1 - NOTICES_KEPT), notice] }))
      if (kind !== 'error') setTimeout(() => dismiss(id), NOTICE_MS)
    },
    dismiss,
  }
})
