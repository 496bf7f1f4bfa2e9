/**
 * Moves the focus to an element that a write is about to make appear: a field added to a
 * form shows only once the store's answer has been read and rendered, a frame or several
 * later. Checks once a frame, for at most about two seconds, and gives up quietly (the
 * focus then stays where it was).
 */

/**
 * Focuses what `find` returns as soon as it returns something, checking once a frame for at
 * most `frames` frames; a text input gets its words selected (so typing replaces them).
 */
export function focusWhenShown(find: () => HTMLElement | null | undefined, frames = 120): void {
  const target = find()
  if (target) {
    target.focus()
    if (target instanceof HTMLInputElement) target.select()
    return
  }
  if (frames > 0) requestAnimationFrame(() => focusWhenShown(find, frames - 1))
}
