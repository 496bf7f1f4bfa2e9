/**
 * The notices shown at the bottom of the window: what an action did, or why it failed. Only
 * the notice list renders them; everything else takes `notify`, which never changes, so
 * reporting does not re-render the reporters. An error stays until dismissed, anything else
 * for six seconds. See `./selection.ts` for why these are zustand stores.
 */
import { create } from 'zustand'

/** How a notice is shown. */
export type NoticeKind = 'info' | 'success' | 'error'

/** One notice on screen. */
export interface Notice {
  id: number
  kind: NoticeKind
  text: string
}

/** The notices store's fields and actions. */
export interface NoticesState {
  /** The last five notices, oldest first. */
  notices: Notice[]
  /** Shows `text`; errors stay until dismissed, the rest go after six seconds. */
  notify(text: string, kind?: NoticeKind): void
  dismiss(id: number): void
}

/** How long a notice that is not an error stays. */
export const NOTICE_MS = 6000

let seq = 0

/** The notices store: `useNotices((s) => s.notify)` to report, the list selects `notices`. */
export const useNotices = create<NoticesState>()((set) => {
  const dismiss = (id: number) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  return {
    notices: [],
    notify: (text, kind = 'info') => {
      const id = ++seq
      set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, text }] }))
      if (kind !== 'error') setTimeout(() => dismiss(id), NOTICE_MS)
    },
    dismiss,
  }
})
