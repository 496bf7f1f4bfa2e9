/**
 * Maps the browser's text selection inside the reader to offsets in the document's stored
 * text. Every paragraph element carries `data-start` (its offset) and its text content is
 * exactly the stored text of that paragraph, so an offset is the paragraph's start plus the
 * length of the text before the selection point inside it.
 */

function paragraphOf(node: Node, root: HTMLElement): HTMLElement | null {
  let el: Node | null = node
  while (el && el !== root) {
    if (el instanceof HTMLElement && el.dataset.start !== undefined) return el
    el = el.parentNode
  }
  return null
}

function offsetOf(root: HTMLElement, node: Node, offset: number): number | undefined {
  const p = paragraphOf(node, root)
  if (!p) return undefined
  const r = document.createRange()
  r.selectNodeContents(p)
  r.setEnd(node, offset)
  return Number(p.dataset.start) + r.toString().length
}

/** The current selection inside `root` as [start, end) text offsets, if it is non-empty. */
export function selectionOffsets(root: HTMLElement): { start: number; end: number } | undefined {
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return undefined
  const range = sel.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return undefined
  const start = offsetOf(root, range.startContainer, range.startOffset)
  const end = offsetOf(root, range.endContainer, range.endOffset)
  if (start === undefined || end === undefined || end <= start) return undefined
  return { start, end }
}

/** Trims white space off both ends of a selection, as analysts expect of a tag. */
export function trimSelection(
  text: string,
  sel: { start: number; end: number },
): { start: number; end: number } | undefined {
  let { start, end } = sel
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return end > start ? { start, end } : undefined
}
