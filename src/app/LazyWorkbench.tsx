/**
 * Loads the workbench's chunk (`Workbench.tsx`: every pane of an open case) apart from the
 * start-up bundle. Start-up calls `loadWorkbench()` as soon as it has found a case, so that the
 * chunk downloads while the store is still being read; the shell asks for it with
 * `useWorkbenchLoaded`, which also fetches it when the browser is idle on the welcome screen, so
 * that creating the first case does not wait for it either, and renders it as `LazyWorkbench`.
 * One load is shared by every caller; a failed load is forgotten, so that the next call tries
 * again.
 */
import { useEffect, useState, type ComponentType } from 'react'

/** The workbench component (`Workbench.tsx`). */
export type WorkbenchComponent = ComponentType<{ view: 'workbench' | 'briefing' }>

let loading: Promise<WorkbenchComponent> | undefined
let loaded: WorkbenchComponent | undefined

/** Starts loading the workbench's code (once) and resolves with its component. */
export function loadWorkbench(): Promise<WorkbenchComponent> {
  loading ??= import('./Workbench').then(
    (m) => (loaded = m.Workbench),
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}

/** Calls `fn` when the browser is next idle (at most two seconds later). */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  const timer = setTimeout(fn, 200)
  return () => clearTimeout(timer)
}

/**
 * True once the workbench's code is loaded. When `wanted` it is loaded at once; otherwise when
 * the browser is idle. `onError` hears a load that was wanted and failed.
 */
export function useWorkbenchLoaded(wanted: boolean, onError: (error: unknown) => void): boolean {
  const [ready, setReady] = useState(() => loaded !== undefined)
  useEffect(() => {
    if (ready) return
    let live = true
    const load = () =>
      void loadWorkbench().then(
        () => live && setReady(true),
        (error: unknown) => live && wanted && onError(error),
      )
    if (wanted) load()
    const cancel = wanted ? () => undefined : whenIdle(load)
    return () => {
      live = false
      cancel()
    }
    // onError is read when a load fails; a new function each render must not restart the load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, ready])
  return ready
}

/** The workbench, once `useWorkbenchLoaded` has said it is loaded; nothing before. */
export function LazyWorkbench(props: { view: 'workbench' | 'briefing' }) {
  const Workbench = loaded
  return Workbench ? <Workbench {...props} /> : null
}
