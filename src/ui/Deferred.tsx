/**
 * Parts of the shell that are not in the first view (the import, backup, STIX and About
 * controllers, the event actions' forms, the top bar's Export and Team server dialogs): their
 * code is left out of the start-up bundle and loaded once the window is usable (the shell says
 * when, `holdDeferredLoads`) and idle;
 * until then a stand-in (a disabled button) may be shown in their place. A command meant for one that arrives before it is
 * loaded (Ctrl+O at once, a menu item) loads it at once and is run again once it is mounted,
 * so that no command is lost.
 */
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react'
import { onCommand, runCommand, type Command } from './commands'

// What every deferred load waits for before it waits for an idle moment (see `holdDeferredLoads`).
let held: Promise<unknown> = Promise.resolve()

/**
 * Holds every deferred load until `until` settles; a command still loads its part at once.
 * The shell passes the moment its first window is usable (app-ready: the welcome screen, or
 * the open case's panes), so that deferred code — and what it brings, zod among it — never
 * competes with the code that window needs.
 */
export function holdDeferredLoads(until: Promise<unknown>): void {
  held = until
}

/** Calls `fn` when the browser is next idle (at most two seconds later), or after a frame. */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)))
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
  }
}

/**
 * Calls `fn` once the window has painted and the start-up work is done: once the hold is
 * released (`holdDeferredLoads`), when the browser is next idle (at most two seconds later),
 * or after the next painted frame where idle callbacks do not exist. Loading earlier would
 * compete with the case list being read and the open case's panes being loaded.
 */
function afterPaint(fn: () => void): () => void {
  let cancel: (() => void) | undefined
  let live = true
  const start = () => {
    if (live) cancel = whenIdle(fn)
  }
  held.then(start, start)
  return () => {
    live = false
    cancel?.()
  }
}

/**
 * A component that renders `fallback` (nothing by default) until `load` has brought in the
 * real one, which it then renders with the props it was given; `load` runs after the first
 * paint, or as soon as one of `commands` is run.
 */
export function deferred<P extends object = object>(
  load: () => Promise<ComponentType<P>>,
  commands: readonly Command[] = [],
  fallback: ReactNode = null,
): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | undefined
  const start = () => (loading ??= load())
  function Deferred(props: P) {
    const [Loaded, setLoaded] = useState<{ C: ComponentType<P> }>()
    const queued = useRef<Command[]>([])
    const ready = useRef(false)
    useEffect(() => {
      let live = true
      const go = () =>
        void start().then((C) => {
          if (live) setLoaded({ C })
        })
      const offs = commands.map((command) =>
        onCommand(command, () => {
          if (ready.current) return
          queued.current.push(command)
          go()
        }),
      )
      const cancel = afterPaint(go)
      return () => {
        live = false
        cancel()
        offs.forEach((off) => off())
      }
    }, [])
    // The loaded component's own command handlers are registered by now (a child's effects
    // run before its parent's): the commands that came too early are run again for it.
    useEffect(() => {
      if (!Loaded) return
      ready.current = true
      const early = queued.current.splice(0)
      early.forEach((command) => runCommand(command))
    }, [Loaded])
    return Loaded ? <Loaded.C {...props} /> : fallback
  }
  return Deferred
}
