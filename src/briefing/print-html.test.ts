// @vitest-environment jsdom
import { parse } from 'parse5'
import { describe, expect, it } from 'vitest'
import { composeBriefing, type BriefingDocument } from './compose'
import { base64Utf8, cssString, noteRuns, renderBriefingHtml } from './print-html'
import { sampleInput } from './test-fixtures'

const TIMELINE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20"><text x="1" y="12">Tehran — تهران</text></svg>'
const GRAPH_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><circle r="4" cx="5" cy="5"/></svg>'

const html = (
  doc: BriefingDocument = composeBriefing(sampleInput()),
  pageSize: 'A4' | 'Letter' = 'A4',
) =>
  renderBriefingHtml(doc, {
    pageSize,
    figures: { timelineSvg: TIMELINE_SVG, graphSvg: GRAPH_SVG },
    generatedAt: Date.UTC(2025, 5, 24, 12, 0),
  })

const dom = (text: string) => new DOMParser().parseFromString(text, 'text/html')

/** The value of a CSS string literal as written by cssString. */
const cssValue = (literal: string) =>
  literal
    .slice(1, -1)
    .replace(/\\([0-9a-f]{1,6}) ?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))

/** The `content` of a page-margin box in the document's style sheet. */
function marginBox(text: string, box: string): string | undefined {
  const style = dom(text).querySelector('style')!.textContent!
  return new RegExp(`@${box} \\{ content: ("[^"]*")`).exec(style)?.[1]
}

const PAYLOAD = '<script>alert("x")</script></style><img src=x onerror=alert(1)>&amp;\'"'

describe('renderBriefingHtml', () => {
  it('is a complete, well-formed HTML document with no parse errors', () => {
    const text = html()
    const errors: string[] = []
    parse(text, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) })
    expect(errors).toEqual([])
    const d = dom(text)
    expect(text.startsWith('<!doctype html>')).toBe(true)
    expect(d.documentElement.lang).toBe('en')
    expect(d.title).toBe('Iran retaliates against US base in Qatar')
    expect(d.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8')
  })

  it('is standalone: no script, no external resource, a strict CSP of its own', () => {
    const d = dom(html())
    expect(d.querySelectorAll('script, link, iframe, object, embed, svg')).toHaveLength(0)
    expect(d.querySelectorAll('style')).toHaveLength(1)
    for (const img of d.querySelectorAll('img'))
      expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(d.querySelector('style')!.textContent).not.toMatch(/url\(|@import/)
    expect(
      d.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  })

  it('has every part, in order', () => {
    const d = dom(html())
    expect([...d.querySelectorAll('body > section')].map((s) => s.id)).toEqual([
      'bluf',
      'judgements',
      'section-1',
      'chronology',
      'figures',
      'notes',
      'sources',
      'key',
    ])
    expect([...d.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Bottom line up front',
      'Key judgements',
      'Outlook',
      'Chronology',
      'Figures',
      'Notes',
      'Sources',
      'Key to terms and grades',
    ])
    const title = d.querySelector('header.title-block')!
    expect(title.querySelector('.handling')!.textContent).toBe('OFFICIAL — SENSITIVE')
    expect(title.querySelector('h1')!.textContent).toBe('Iran retaliates against US base in Qatar')
    expect(title.querySelector('.meta')!.textContent).toBe(
      '25 June 2025 · Duty analyst · Generated Tue 24 Jun 2025 12:00 UTC',
    )
    expect([...d.querySelectorAll('#bluf p')].map((p) => p.textContent)).toEqual([
      'Iran struck Al Udeid hours after consulting Moscow.',
      'Further strikes are unlikely.',
    ])
    expect(d.querySelector('#section-1 p')!.innerHTML).toBe(
      'Watch for:<br>naval moves;<br>proxy attacks.',
    )
  })

  it('prints judgements as two sentences with superscript note markers that resolve', () => {
    const d = dom(html())
    const items = [...d.querySelectorAll('ol.judgements > li')]
    expect(items).toHaveLength(3)
    const first = items[0]!
    expect(first.querySelector('.likelihood')!.textContent).toBe(
      'We assess there is a roughly even chance (45–55%) that Iran coordinated the timing of its retaliation with Russia.1–3',
    )
    expect(first.querySelector('.confidence')!.textContent).toBe(
      'We have low confidence in this judgement.',
    )
    const links = [...first.querySelectorAll('sup.refs a')].map((a) => a.getAttribute('href'))
    // Runs of three or more are shortened: 1–3, each end a link.
    expect(links).toEqual(['#note-1', '#note-3'])
    for (const a of d.querySelectorAll('sup.refs a'))
      expect(d.getElementById(a.getAttribute('href')!.slice(1))).not.toBeNull()
    expect(items[2]!.querySelector('sup')).toBeNull()
  })

  it('prints the chronology as a table, dates in words, with markers', () => {
    const d = dom(html())
    const rows = [...d.querySelectorAll('table.chronology tbody tr')]
    expect(rows.map((r) => r.querySelector('td.when')!.textContent)).toEqual([
      '21–22 June 2025',
      '23 June 2025',
      '23 June 2025, 19:30 (Asia/Tehran, UTC+3:30)',
      'on or about 24 June 2025',
      'Date unknown',
    ])
    expect(rows[4]!.querySelector('td.when')!.classList.contains('unknown')).toBe(true)
    expect(rows[1]!.querySelector('sup.refs')!.textContent).toBe('1,2')
    expect(rows[2]!.querySelector('.detail')!.textContent).toBe(
      'Iran → United States · Assault / strike · Al Udeid Air Base',
    )
    expect(d.querySelectorAll('table.chronology thead th')).toHaveLength(2)
  })

  it('prints notes with quote, document, publisher, date and grade, and the sources', () => {
    const d = dom(html())
    const notes = [...d.querySelectorAll('ol.notes > li')]
    expect(notes.map((n) => n.getAttribute('value'))).toEqual(['1', '2', '3', '4'])
    expect(notes[2]!.textContent).toBe(
      '“Iran fired missiles at the Al Udeid air base on Monday” — Iran fires missiles at US base in Qatar, Harbour Gazette, published Tue 24 Jun 2025. Grade B2. https://gazette.example/iran-qatar',
    )
    expect(notes[3]!.textContent).toBe(
      '“a statement was read out” — Unsourced blog post, publication date unknown. Grade F4.',
    )
    const sources = [...d.querySelectorAll('#sources .source')]
    expect(sources.map((s) => s.querySelector('p')!.textContent)).toEqual([
      'Harbour Gazette — B: Usually reliable',
      'State wire — D: Not usually reliable',
      'Source not recorded — F: Reliability cannot be judged',
    ])
    expect(sources[0]!.querySelector('li')!.textContent).toBe(
      'Iran fires missiles at US base in Qatar, Tue 24 Jun 2025 (notes 1, 3). https://gazette.example/iran-qatar',
    )
    // URLs are text, never links.
    expect(d.querySelectorAll('a[href^="http"]')).toHaveLength(0)
    expect(d.querySelector('#key .key')!.textContent).toContain('roughly even chance45–55%')
  })

  it('sets the page size and margins for print', () => {
    const a4 = dom(html()).querySelector('style')!.textContent!
    expect(a4).toMatch(/@page \{\s*size: A4;\s*margin: [\d.]+mm [\d.]+mm [\d.]+mm [\d.]+mm;/)
    const letter = dom(html(undefined, 'Letter')).querySelector('style')!.textContent!
    expect(letter).toMatch(/@page \{\s*size: letter;/)
  })

  it('runs the handling line in the header and footer of every page, with page numbers', () => {
    const text = html()
    expect(cssValue(marginBox(text, 'top-center')!)).toBe('OFFICIAL — SENSITIVE')
    expect(cssValue(marginBox(text, 'bottom-center')!)).toBe('OFFICIAL — SENSITIVE')
    const style = dom(text).querySelector('style')!.textContent!
    expect(style).toMatch(
      /@bottom-right \{ content: "Page " counter\(page\) " of " counter\(pages\);/,
    )
    // A banner at the end, and one on screen only at the top.
    const banners = [...dom(text).querySelectorAll('p.banner')]
    expect(banners.map((b) => [b.className, b.textContent])).toEqual([
      ['banner screen', 'OFFICIAL — SENSITIVE'],
      ['banner end', 'OFFICIAL — SENSITIVE'],
    ])
  })

  it('keeps figures, rows and notes whole and headings with what follows, in DejaVu fonts', () => {
    const style = dom(html()).querySelector('style')!.textContent!
    expect(style).toMatch(/tr, figure, ol\.notes li[^{]*\{ break-inside: avoid;/)
    expect(style).toMatch(/h1, h2, h3 \{ break-after: avoid;/)
    expect(style).toContain("font-family: 'DejaVu Serif', serif")
    expect(style).toContain("font-family: 'DejaVu Sans', sans-serif")
  })

  it('embeds figures as base64 SVG images, so their scripts never run', () => {
    const d = dom(html())
    const imgs = [...d.querySelectorAll('#figures img')]
    expect(imgs.map((i) => i.getAttribute('alt'))).toEqual(['Timeline', 'Relationship graph'])
    const decode = (src: string) =>
      new TextDecoder().decode(Uint8Array.from(atob(src.split(',')[1]!), (c) => c.charCodeAt(0)))
    expect(decode(imgs[0]!.getAttribute('src')!)).toBe(TIMELINE_SVG)
    expect(decode(imgs[1]!.getAttribute('src')!)).toBe(GRAPH_SVG)
    expect([...d.querySelectorAll('figcaption')].map((c) => c.textContent)).toEqual([
      'Figure 1. Timeline of the events.',
      'Figure 2. Relationships between the actors.',
    ])
    const none = dom(renderBriefingHtml(composeBriefing(sampleInput()), { pageSize: 'A4' }))
    expect(none.querySelector('#figures')).toBeNull()
    expect(none.querySelector('.meta')!.textContent).toBe('25 June 2025 · Duty analyst')
    const only = dom(
      renderBriefingHtml(composeBriefing(sampleInput()), {
        pageSize: 'A4',
        figures: { graphSvg: GRAPH_SVG },
      }),
    )
    expect(only.querySelector('figcaption')!.textContent).toBe(
      'Figure 1. Relationships between the actors.',
    )
    const withMap = dom(
      renderBriefingHtml(composeBriefing(sampleInput()), {
        pageSize: 'A4',
        figures: { graphSvg: GRAPH_SVG, mapSvg: TIMELINE_SVG },
      }),
    )
    expect([...withMap.querySelectorAll('figcaption')].map((c) => c.textContent)).toEqual([
      'Figure 1. Relationships between the actors.',
      'Figure 2. Where the events happened.',
    ])
    expect(withMap.querySelectorAll('img')[1]!.getAttribute('alt')).toBe('Map')
  })

  it('treats markup in every field as inert text', () => {
    const input = sampleInput()
    const b = input.briefing
    b.title = `Title ${PAYLOAD}`
    b.handling = `SECRET ${PAYLOAD}`
    b.author = `Author ${PAYLOAD}`
    b.bluf = `BLUF ${PAYLOAD}`
    b.judgements[0]!.text = `Judgement ${PAYLOAD}`
    b.sections[0] = { id: 's1', heading: `Heading ${PAYLOAD}`, body: `Body ${PAYLOAD}` }
    const events = input.events
    events.find((e) => e.id === 'ev-missile')!.title = `Event ${PAYLOAD}`
    const maps = input as unknown as Record<string, Map<string, Record<string, string>>>
    maps.entities!.get('ent-iran')!.name = `Actor ${PAYLOAD}`
    maps.annotations!.get('ann-strike')!.exact = `Quote ${PAYLOAD}`
    maps.documents!.get('doc-gazette')!.title = `Document ${PAYLOAD}`
    maps.documents!.get('doc-gazette')!.url = `javascript:alert(1)//${PAYLOAD}`
    maps.sources!.get('src-gazette')!.name = `Source ${PAYLOAD}`
    const text = html(composeBriefing(input))

    const errors: string[] = []
    parse(text, { onParseError: (e) => errors.push(e.code) })
    expect(errors).toEqual([])
    const d = dom(text)
    expect(d.querySelectorAll('script')).toHaveLength(0)
    expect(d.querySelectorAll('[onerror]')).toHaveLength(0)
    expect(d.querySelectorAll('img')).toHaveLength(2) // the two figures only
    expect(d.querySelectorAll('style')).toHaveLength(1)
    expect(d.querySelectorAll('a[href^="javascript"]')).toHaveLength(0)
    expect(d.title).toBe(`Title ${PAYLOAD}`)
    const body = d.body.textContent!
    const labels = ['Title', 'SECRET', 'Author', 'BLUF', 'Judgement', 'Heading', 'Body', 'Event']
    for (const label of [...labels, 'Actor', 'Quote', 'Document', 'Source'])
      expect(body).toContain(`${label} ${PAYLOAD}`)
    // The handling line reaches the margin boxes intact and cannot break out of the CSS.
    const style = d.querySelector('style')!.textContent!
    expect(style).not.toMatch(/<\/?(style|script)/i)
    expect(cssValue(marginBox(text, 'top-center')!)).toBe(`SECRET ${PAYLOAD}`)
    expect(cssValue(marginBox(text, 'bottom-center')!)).toBe(`SECRET ${PAYLOAD}`)
  })
})

describe('helpers', () => {
  it('writes CSS strings with only safe characters', () => {
    expect(cssString('TOP SECRET')).toBe('"TOP SECRET"')
    expect(cssString('a"b\\c\nd')).toBe('"a\\22 b\\5c c\\a d"')
    expect(cssString('—/')).toBe('"\\2014 \\2f "')
    expect(cssValue(cssString('𝄞 مرحبا'))).toBe('𝄞 مرحبا')
  })

  it('shortens runs of three or more note numbers', () => {
    expect(noteRuns([3, 1, 2, 2, 5, 6, 9, 10, 11, 12])).toEqual([
      [1, 3],
      [5, 5],
      [6, 6],
      [9, 12],
    ])
    expect(noteRuns([])).toEqual([])
  })

  it('encodes UTF-8 as base64', () => {
    expect(base64Utf8('')).toBe('')
    expect(base64Utf8('a')).toBe('YQ==')
    expect(base64Utf8('ab')).toBe('YWI=')
    expect(base64Utf8('abc')).toBe('YWJj')
    const text = 'Tehran — تهران 𝄞'
    const bytes = Uint8Array.from(atob(base64Utf8(text)), (c) => c.charCodeAt(0))
    expect(new TextDecoder().decode(bytes)).toBe(text)
  })
})
