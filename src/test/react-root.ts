/**
 * Test support for React components under jsdom (files that start with
 * `// @vitest-environment jsdom`): tells React it runs in a test, so that `act()` flushes
 * effects, gives each test a fresh container in the document with a React root on it, unmounts
 * and removes it after the test, and supplies the `<dialog>` methods jsdom lacks. Imported by
 * tests only.
 */
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, expect } from 'vitest'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}

/** The current test's container and the React root mounted on it. */
export interface Mount {
  readonly container: HTMLDivElement
  readonly root: Root
}

/**
 * Registers `beforeEach`/`afterEach` hooks that give every test of the file its own container
 * (appended to `document.body`) and React root, and unmount and remove them afterwards. Call it
 * once at the top level of a test file; read `container` and `root` inside tests only. Hooks
 * run in the order they are registered and `afterEach` hooks in reverse, so a file that seeds a
 * database in its own hooks calls this after them: the root is made after the seeding and
 * unmounted before the database is deleted.
 */
export function mountEachTest(): Mount {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true
  let current: { container: HTMLDivElement; root: Root } | undefined
  beforeEach(() => {
    const container = document.createElement('div')
    document.body.append(container)
    current = { container, root: createRoot(container) }
  })
  afterEach(async () => {
    const mounted = current
    current = undefined
    if (!mounted) return
    await act(async () => mounted.root.unmount())
    mounted.container.remove()
  })
  const mounted = () => {
    if (!current) throw new Error('the React root exists only inside a test')
    return current
  }
  return {
    get container() {
      return mounted().container
    },
    get root() {
      return mounted().root
    },
  }
}

/**
 * jsdom has `<dialog>` but not its modal methods; components only need them not to throw, and
 * the `open` attribute to follow them.
 */
export function polyfillDialog(): void {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open')
  }
}

/**
 * Lets React and the store work (10 ms at a time, inside `act`) until `until()` holds, for up to
 * 2 s; then expects it to hold.
 */
export async function settle(until: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !until(); i++) {
    await act(() => new Promise((r) => setTimeout(r, 10)))
  }
  expect(until()).toBe(true)
}
