import { describe, expect, it } from 'vitest'
import {
  DEFAULT_FONT_FAMILY,
  EDGE_COLOURS,
  NODE_COLOURS,
  ROUGH_CHAR_WIDTH,
  escapeHtml,
  escapeXml,
  estimateTextWidth,
  fitText,
  num,
  roughTextWidth,
  xmlSafe,
} from './figure-kit'

describe('escapers', () => {
  it('escapeXml turns every markup character into an entity', () => {
    expect(escapeXml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;',
    )
  })

  it('escapeXml and xmlSafe drop what XML 1.0 cannot carry, and keep whole surrogate pairs', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000bd\uffffe\ud800f')).toBe('abcdef')
    expect(escapeXml('tab\tnew\nline 𝄞')).toBe('tab\tnew\nline 𝄞')
    expect(escapeXml('\udc00<')).toBe('&lt;')
  })

  it('escapeHtml leaves no character that could open a tag, an entity or end an attribute', () => {
    const out = escapeHtml(`<script>alert("x" + 'y') && 1</script>`)
    expect(out).not.toMatch(/[<>"']|&(?!#\d+;)/)
    expect(out).toBe(
      '&#60;script&#62;alert(&#34;x&#34; + &#39;y&#39;) &#38;&#38; 1&#60;/script&#62;',
    )
  })
})

describe('num', () => {
  it('rounds to one decimal and never writes NaN, Infinity or -0', () => {
    expect(num(1.26)).toBe('1.3')
    expect(num(-0.01)).toBe('0')
    expect(num(Number.NaN)).toBe('0')
    expect(num(Number.POSITIVE_INFINITY)).toBe('0')
    expect(num(12)).toBe('12')
  })
})

describe('text widths', () => {
  it('estimateTextWidth reads DejaVu Sans advances, wide scripts an em, marks nothing', () => {
    expect(estimateTextWidth('', 11)).toBe(0)
    expect(estimateTextWidth('W', 10)).toBeCloseTo(9.89)
    expect(estimateTextWidth('i', 10)).toBeCloseTo(2.78)
    expect(estimateTextWidth('中', 10)).toBe(10)
    expect(estimateTextWidth('e\u0301', 10)).toBeCloseTo(estimateTextWidth('e', 10))
  })

  it('fitText shortens with an ellipsis to the width, or gives up', () => {
    const title = 'Missile strike on the air base at Al Udeid'
    const fitted = fitText(title, 80, 11)
    expect(fitted.endsWith('…')).toBe(true)
    expect(estimateTextWidth(fitted, 11)).toBeLessThanOrEqual(80)
    expect(fitText('short', 200, 11)).toBe('short')
    expect(fitText(title, 5, 11)).toBe('')
  })

  it('roughTextWidth counts code points at 0.6 em', () => {
    expect(roughTextWidth('abc', 10)).toBeCloseTo(3 * 10 * ROUGH_CHAR_WIDTH)
    expect(roughTextWidth('𝄞𝄞', 10)).toBeCloseTo(2 * 10 * ROUGH_CHAR_WIDTH)
  })
})

describe('palette', () => {
  it('gives every entity kind and event family its own colour', () => {
    const nodes = Object.values(NODE_COLOURS)
    expect(new Set(nodes).size).toBe(nodes.length)
    expect(Object.keys(NODE_COLOURS).sort()).toEqual(
      ['group', 'location', 'organisation', 'other', 'person', 'state'].sort(),
    )
    expect(EDGE_COLOURS).toEqual({
      conflict: '#b91c1c',
      cooperation: '#15803d',
      neutral: '#6b7280',
    })
    expect(DEFAULT_FONT_FAMILY.startsWith("'DejaVu Sans'")).toBe(true)
  })
})
