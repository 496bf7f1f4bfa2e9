/**
 * The notices shown at the bottom left of the window: what an action did, or why it failed.
 * Only the notice list renders them; everything else takes `notify`, which never changes, so
 * reporting does not re-render the reporters. A notice goes by itself after a while: six
 * seconds, an error fifteen (time to read what to do); only an error that needs an action
 * before anything else works (`{ persist: true }`, and the disk-full message) stays until
 * dismissed. None goes while the analyst is reading the stack (the pointer over it, or the
 * focus in it: `hold`); "Dismiss all" clears it at once. The list shows the newest few and folds the older ones into "+K more"
 * (`noticeStack`), so that several quick actions do not pile notices up over the panes. A
 * notice of an undoable action can carry an Undo button (`{ undo: true }`), shown while that
 * action is still the next to undo; once that action is undone (or redone), every notice about it
 * goes (`settle`), so that "… deleted" does not stay up beside "Undone: …". See
 * `./selection.ts` for why these are zustand stores.
 */
import { create } from 'zustand'
import { QUOTA_MESSAGE } from '../../db/errors'
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
  /**
   * The undo group of the action the notice reports without offering Undo ("Undone: …"): it
   * goes, like one with `undo`, when that action is undone or redone (`settle`).
   */
  about?: string
  /** Stays until dismissed (an error that needs an action). */
  persist?: true
}

/** What a notice may add to its text and kind. */
export interface NoticeOptions {
  /**
   * The notice reports the action just recorded: show an Undo button (the same command as
   * Ctrl+Z) while that action is still the next to undo.
   */
  undo?: boolean
  /** The undo group the notice is about (see `Notice.about`). */
  about?: string
  /**
   * An error the analyst must act on before anything else works (reload the window, free
   * disk space): it stays until dismissed. The disk-full message always does.
   */
  persist?: boolean
}

/** The notices store's fields and actions. */
export interface NoticesState {
  /** The last `NOTICES_KEPT` notices, oldest first. */
  notices: Notice[]
  /** Shows `text`; it goes after `NOTICE_MS` (an error after `ERROR_NOTICE_MS`) unless it persists. */
  notify(text: string, kind?: NoticeKind, options?: NoticeOptions): void
  dismiss(id: number): void
  /**
   * The action of undo group `group` was undone or redone: the notices about it (its
   * "… deleted" with an Undo button, an earlier "Undone: …") are out of date and go.
   */
  settle(group: string): void
  /** Removes every notice, the persisting ones included. */
  dismissAll(): void
  /**
   * While held (the analyst is reading the stack), notices whose time is up stay; once
   * released, they go `NOTICE_MS` later.
   */
  hold(held: boolean): void
}

/** How long a notice that is not an error stays. */
export const NOTICE_MS = 6000
/** How long an error that needs no action stays: long enough to read what to do. */
export const ERROR_NOTICE_MS = 15000
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
  // Notices whose time came while the stack was held: they go once it is released.
  let held = false
  const due = new Set<number>()
  const expire = (id: number) => {
    if (held) due.add(id)
    else dismiss(id)
  }
  return {
    notices: [],
    notify: (text, kind = 'info', options = {}) => {
      const id = ++seq
      const group = options.undo ? latestUndoGroup() : undefined
      const persist = kind === 'error' && (options.persist || text.includes(QUOTA_MESSAGE))
      const notice: Notice = {
        id,
        kind,
        text,
        ...(group ? { undo: group } : {}),
        ...(options.about ? { about: options.about } : {}),
      }
      if (persist) notice.persist = true
      set((s) => ({ notices: [...s.notices.slice(1 - NOTICES_KEPT), notice] }))
      if (!persist) setTimeout(() => expire(id), kind === 'error' ? ERROR_NOTICE_MS : NOTICE_MS)
    },
    dismiss,
    settle: (group) =>
      set((s) => ({ notices: s.notices.filter((n) => n.undo !== group && n.about !== group) })),
    dismissAll: () => {
      due.clear()
      set({ notices: [] })
    },
    hold: (next) => {
      held = next
      if (next) return
      const ids = [...due]
      due.clear()
      if (ids.length) setTimeout(() => ids.forEach(expire), NOTICE_MS)
    },
  }
})
