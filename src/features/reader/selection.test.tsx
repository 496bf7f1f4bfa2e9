// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { AnnotationRecord } from '../../domain/types'
import { tagOver } from '../../test/annotations'
import { mountEachTest } from '../../test/react-root'
import { renderReaderText } from '../../test/reader-text'
import { selectionOffsets, trimSelection } from './selection'

// Persian with a zero-width non-joiner (خامنه‌ای, می‌گوید), Arabic with tashkeel (مُحَمَّدٌ),
// digits that run left to right inside the right-to-left line, and Latin words.
const TEXT =
  'آیت‌الله خامنه\u200cای روز ۲ تیر ۱۴۰۴ در تهران گفت: «پاسخ ما قاطع است.»\n\n' +
  'قالَ مُحَمَّدٌ إنَّ الوفدَ وصلَ إلى الدوحة، according to Reuters، وهو ما يُؤكِّدُه البيان.'

const tag = (id: string, quote: string) => tagOver(TEXT, quote, { id })

const mount = mountEachTest()

function render(language: string | undefined, annotations: AnnotationRecord[] = []): HTMLElement {
  return renderReaderText(mount, { text: TEXT, language, annotations })
}

/** Selects `quote` with a DOM range over the rendered text nodes, as a drag leaves it. */
function select(readerRoot: HTMLElement, quote: string, backwards = false): void {
  const walker = document.createTreeWalker(readerRoot, NodeFilter.SHOW_TEXT)
  const nodes: Text[] = []
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
  const full = nodes.map((n) => n.data).join('')
  const at = full.indexOf(quote)
  expect(at).toBeGreaterThanOrEqual(0)
  // A start at a node's end is placed at the next node's start, as a browser places it.
  const locate = (offset: number, isStart: boolean): [Text, number] => {
    for (const n of nodes) {
      if (offset < n.data.length || (!isStart && offset === n.data.length)) return [n, offset]
      offset -= n.data.length
    }
    throw new Error('out of range')
  }
  const sel = window.getSelection()!
  sel.removeAllRanges()
  const [a, i] = locate(at, true)
  const [b, j] = locate(at + quote.length, false)
  // A drag from right to left in right-to-left text may leave the focus before the anchor.
  if (backwards) sel.setBaseAndExtent(b, j, a, i)
  else sel.setBaseAndExtent(a, i, b, j)
}

describe('selection offsets in right-to-left and mixed text', () => {
  const QUOTES = [
    'خامنه\u200cای',
    'آیت‌الله خامنه\u200cای روز',
    '۲ تیر ۱۴۰۴',
    'در تهران گفت:',
    '«پاسخ ما قاطع است.»',
    'مُحَمَّدٌ',
    'قالَ مُحَمَّدٌ إنَّ',
    'الدوحة، according to Reuters، وهو',
    'according',
    'يُؤكِّدُه البيان.',
  ]

  it.each(QUOTES)('maps a selection of “%s” to the offsets of those characters', (quote) => {
    const readerRoot = render('fa')
    for (const backwards of [false, true]) {
      select(readerRoot, quote, backwards)
      const offsets = selectionOffsets(readerRoot)
      expect(offsets).toEqual({
        start: TEXT.indexOf(quote),
        end: TEXT.indexOf(quote) + quote.length,
      })
      expect(TEXT.slice(offsets!.start, offsets!.end)).toBe(quote)
    }
  })

  it('maps a selection that starts or ends inside a highlighted tag', () => {
    const readerRoot = render('fa', [tag('t1', 'خامنه\u200cای روز'), tag('t2', 'مُحَمَّدٌ')])
    expect(readerRoot.querySelectorAll('[data-tag]')).toHaveLength(2)
    for (const quote of ['خامنه\u200cای روز ۲', 'الله خامنه', 'قالَ مُحَمَّد', 'ٌ إنَّ']) {
      select(readerRoot, quote)
      const offsets = selectionOffsets(readerRoot)!
      expect(TEXT.slice(offsets.start, offsets.end)).toBe(quote)
    }
  })

  it('draws each tag over exactly its characters', () => {
    const tags = [tag('t1', 'خامنه\u200cای روز'), tag('t2', 'مُحَمَّدٌ'), tag('t3', '۲ تیر ۱۴۰۴')]
    const readerRoot = render('fa', tags)
    const drawn = [...readerRoot.querySelectorAll<HTMLElement>('[data-tag]')].map((e) => [
      e.dataset.tag,
      e.textContent,
    ])
    expect(drawn).toEqual([
      ['t1', 'خامنه\u200cای روز'],
      ['t3', '۲ تیر ۱۴۰۴'],
      ['t2', 'مُحَمَّدٌ'],
    ])
  })

  it('keeps the non-joiner and tashkeel at the edges of a trimmed selection', () => {
    const start = TEXT.indexOf(' مُحَمَّدٌ ')
    expect(trimSelection(TEXT, { start, end: start + ' مُحَمَّدٌ '.length })).toEqual({
      start: start + 1,
      end: start + 1 + 'مُحَمَّدٌ'.length,
    })
  })
})

describe('text direction', () => {
  it('lays out Persian and Arabic right to left', () => {
    for (const language of ['fa', 'ar', 'fa-IR']) {
      const readerRoot = render(language)
      expect(readerRoot.getAttribute('dir')).toBe('rtl')
      expect(readerRoot.getAttribute('lang')).toBe(language)
      const dirs = [...readerRoot.querySelectorAll('p')].map((p) => p.getAttribute('dir'))
      expect(dirs).toEqual(['rtl', 'rtl'])
    }
  })

  it('lets each paragraph find its own direction when the language is not right to left or not known', () => {
    for (const language of ['en', 'ru', undefined]) {
      const readerRoot = render(language)
      expect(readerRoot.hasAttribute('dir')).toBe(false)
      const dirs = [...readerRoot.querySelectorAll('p')].map((p) => p.getAttribute('dir'))
      expect(dirs).toEqual(['auto', 'auto'])
    }
  })
})
