// @vitest-environment jsdom
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { splitParagraphs } from '../../domain/paragraphs'
import type { AnnotationRecord } from '../../domain/types'
import { tagOver } from '../../test/annotations'
import { mountEachTest } from '../../test/react-root'
import { renderReaderText } from '../../test/reader-text'
import { selectionOffsets } from './selection'

/** A long text: 2,000 numbered paragraphs of about 300 characters (about 600 KB). */
const TEXT = Array.from(
  { length: 2000 },
  (_, i) => `Paragraph ${i} begins here. ` + 'The report goes on at length. '.repeat(9),
).join('\n\n')
const PARAGRAPHS = splitParagraphs(TEXT)

const tag = (id: string, quote: string) => tagOver(TEXT, quote, { id })

const mount = mountEachTest()

function render(
  annotations: AnnotationRecord[],
  focus?: { start: number; end: number },
): HTMLElement {
  return renderReaderText(mount, {
    text: TEXT,
    language: 'en',
    paragraphs: PARAGRAPHS,
    annotations,
    focus,
  })
}

function firstTextIn(el: Element): Text {
  return document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text
}

describe('a long text is drawn near the viewport only', () => {
  it('draws the first blocks and stands gaps in for the rest', () => {
    const readerRoot = render([tag('first', 'Paragraph 1 begins'), tag('last', 'Paragraph 1999')])
    const blocks = Number(readerRoot.dataset.blocks)
    const drawn = readerRoot.querySelectorAll('[data-block]')
    expect(blocks).toBeGreaterThan(100)
    expect(drawn.length).toBeGreaterThan(0)
    expect(drawn.length).toBeLessThan(10)
    expect(readerRoot.querySelectorAll('p').length).toBeLessThan(200)
    expect(readerRoot.querySelector('[data-start="0"]')).not.toBeNull()
    expect(readerRoot.querySelector('[data-tag="first"]')?.textContent).toBe('Paragraph 1 begins')
    expect(readerRoot.querySelector('[data-tag="last"]')).toBeNull()
    const gap = readerRoot.lastElementChild as HTMLElement
    expect(gap.dataset.gap).toBe(`${drawn.length}-${blocks}`)
    expect(parseFloat(gap.style.height)).toBeGreaterThan(10_000)
  })

  it('draws the block of a passage another pane asks to show, however far down', () => {
    const quote = 'Paragraph 1990 begins here.'
    const start = TEXT.indexOf(quote)
    const readerRoot = render([tag('far', 'Paragraph 1990')], { start, end: start + quote.length })
    const marks = [...readerRoot.querySelectorAll('mark.flash')].map((m) => m.textContent)
    expect(marks.join('')).toBe(quote)
    expect(readerRoot.querySelector('[data-tag="far"]')?.textContent).toBe('Paragraph 1990')
    // The blocks in between are not drawn.
    expect(readerRoot.querySelector(`[data-start="${TEXT.indexOf('Paragraph 1000 ')}"]`)).toBeNull()
  })

  it('maps a selection in a far block, and one that spans the gap, to the right offsets', () => {
    const quote = 'Paragraph 1990 begins here.'
    const start = TEXT.indexOf(quote)
    const readerRoot = render([], { start, end: start + quote.length })
    const farText = firstTextIn(readerRoot.querySelector('mark.flash')!)
    const firstText = firstTextIn(readerRoot.querySelector('[data-start="0"]')!)
    const sel = window.getSelection()!
    sel.setBaseAndExtent(farText, 10, farText, 14)
    expect(selectionOffsets(readerRoot)).toEqual({ start: start + 10, end: start + 14 })
    expect(TEXT.slice(start + 10, start + 14)).toBe('1990')
    // From the first paragraph's 10th character to the far one's: the gap holds no text,
    // and the offsets still span the stored text between them.
    sel.setBaseAndExtent(firstText, 10, farText, 14)
    expect(selectionOffsets(readerRoot)).toEqual({ start: 10, end: start + 14 })
  })

  it('keeps the blocks at both ends of the selection drawn while it lasts', () => {
    const quote = 'Paragraph 1990 begins here.'
    const start = TEXT.indexOf(quote)
    const readerRoot = render([], { start, end: start + quote.length })
    const farText = firstTextIn(readerRoot.querySelector('mark.flash')!)
    act(() => {
      window.getSelection()!.setBaseAndExtent(farText, 0, farText, 4)
      document.dispatchEvent(new Event('selectionchange'))
    })
    // The passage is no longer asked for; the selection still holds its block.
    const again = render([])
    expect(again.querySelector(`[data-start="${start}"]`)).not.toBeNull()
    act(() => {
      window.getSelection()!.removeAllRanges()
      document.dispatchEvent(new Event('selectionchange'))
    })
    expect(render([]).querySelector(`[data-start="${start}"]`)).toBeNull()
  })

  it('goes to the true end of the text with Ctrl+End, drawing its last block', () => {
    const readerRoot = render([tag('last', 'Paragraph 1999')])
    expect(readerRoot.querySelector('[data-tag="last"]')).toBeNull()
    act(() => {
      readerRoot.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'End', ctrlKey: true, bubbles: true }),
      )
    })
    expect(readerRoot.querySelector('[data-tag="last"]')?.textContent).toBe('Paragraph 1999')
    const sel = window.getSelection()!
    expect(readerRoot.contains(sel.focusNode)).toBe(true)
    expect(sel.focusNode?.textContent?.endsWith('at length. ')).toBe(true)
  })
})
