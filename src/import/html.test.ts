import { parseHTML } from 'linkedom/worker'
import { describe, expect, it } from 'vitest'
import {
  extractHtml,
  HTML_TIME_BUDGET_MS,
  htmlToText,
  readPageMetadata,
  WHOLE_PAGE_WARNING,
} from './html'
import { readablePage } from './html-page'
import { MAX_HTML_ELEMENTS } from './html-scan'

// These run in Node on linkedom, the DOM of the import worker: no browser DOM is used.
/** The body of `html` as parsed, before html-page.ts takes anything out. */
const body = (html: string) =>
  parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document.body

describe('htmlToText', () => {
  it('makes each block a paragraph and collapses source whitespace', () => {
    expect(
      htmlToText(body('<h1>Title</h1>\n<p>One\n   two</p><div>Three<p>Four</p>Five</div>')),
    ).toBe('Title\n\nOne two\n\nThree\n\nFour\n\nFive')
  })

  it('keeps <br> and preformatted line breaks as lines', () => {
    expect(htmlToText(body('<p>a<br>b<br/><br>c</p><pre>x\n  y</pre>'))).toBe('a\nb\n\nc\n\nx\ny')
  })

  it('makes a list one paragraph with a line per item, numbering ordered lists', () => {
    expect(
      htmlToText(
        body(
          '<ul><li>a</li><li><p>b</p><p>b2</p></li></ul><ol start="3"><li>c<ul><li>d</li></ul></li><li>e</li></ol>',
        ),
      ),
    ).toBe('a\nb b2\n\n3. c\nd\n4. e')
  })

  it('makes a table one paragraph with a line per row', () => {
    expect(
      htmlToText(
        body(
          '<table><tr><th>A</th><th>B</th></tr><tr><td><p>1</p></td><td>2</td></tr><tr><td>3</td><td></td></tr></table>',
        ),
      ),
    ).toBe('A | B\n1 | 2\n3')
  })

  it('skips scripts, styles, forms and images even if the sanitiser had let them through', () => {
    expect(
      htmlToText(
        body('<p>a<script>x()</script><style>p{}</style><img alt="i"><button>b</button>c</p>'),
      ),
    ).toBe('ac')
  })
})

describe('readPageMetadata', () => {
  const read = (html: string) => {
    const { document, jsonLd } = readablePage(html)
    return readPageMetadata(document, jsonLd)
  }

  it('prefers Open Graph, then JSON-LD, then <title> without the site suffix', () => {
    expect(read('<title>T | Site</title><meta property="og:title" content="OG">').title).toBe('OG')
    expect(
      read(
        '<title>T | Site</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"LD"}</script>',
      ).title,
    ).toBe('LD')
    expect(
      read('<title>Headline – The Site</title><meta property="og:site_name" content="The Site">')
        .title,
    ).toBe('Headline')
  })

  it('reads JSON-LD graphs, authors and publishers', () => {
    const meta =
      read(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Site"},
      {"@type":["NewsArticle"],"headline":"H","author":[{"name":"A"},{"name":"B"}],
       "publisher":{"@type":"Organization","name":"P"},"datePublished":"2025-03-11",
       "mainEntityOfPage":{"@id":"https://p.example/h"},"inLanguage":"pt-BR"}]}</script>
      <script type="application/ld+json">{ not json</script>`)
    expect(meta).toMatchObject({
      title: 'H',
      author: 'A, B',
      publisher: 'P',
      url: 'https://p.example/h',
      language: 'pt-BR',
    })
    expect(meta.dates).toContain('2025-03-11')
  })

  it('ignores author URLs and relative or non-http URLs', () => {
    const meta = read(
      '<meta property="article:author" content="https://fb.example/x"><link rel="canonical" href="/relative"><meta property="og:url" content="javascript:alert(1)">',
    )
    expect(meta.author).toBe('')
    expect(meta.url).toBeUndefined()
  })

  it('orders the date candidates: article:published_time, JSON-LD, meta, <time>', () => {
    const meta = read(
      '<meta name="date" content="2025-01-03"><meta property="article:published_time" content="2025-01-01T10:00Z"><script type="application/ld+json">{"@type":"Article","datePublished":"2025-01-02"}</script><time datetime="2025-01-04">x</time>',
    )
    expect(meta.dates.filter(Boolean)).toEqual([
      '2025-01-01T10:00Z',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
    ])
  })

  it('normalises the language', () => {
    expect(read('<html lang="EN_us"><p>x</p></html>').language).toBe('en-US')
    expect(read('<meta property="og:locale" content="fr_FR">').language).toBe('fr-FR')
    expect(read('<html lang="not a tag">').language).toBeUndefined()
  })
})

describe('extractHtml', () => {
  it('picks the main article with Readability and reads the metadata of the head', async () => {
    const para = (n: number) =>
      `<p>Paragraph ${n} of the report, which says that the harbour at Ras Laffan stayed closed on Monday while divers inspected the quay walls, and that officials declined to say when shipments would resume.</p>`
    const doc = await extractHtml(`<!doctype html><html lang="en-GB"><head>
      <title>Harbour closed | Gulf Monitor</title>
      <meta property="og:site_name" content="Gulf Monitor">
      <link rel="canonical" href="https://monitor.example/harbour">
      <script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"R. Sands"}}</script>
      </head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
      <header><p>Subscribe to our newsletter</p></header>
      <article><h1>Harbour closed</h1><time datetime="2025-06-23T08:30:00Z">23 June</time>
      ${[1, 2, 3, 4, 5].map(para).join('')}</article>
      <aside class="sidebar"><p>Most read: celebrity gossip</p></aside>
      <footer><p>Copyright Gulf Monitor</p></footer></body></html>`)
    expect(doc.warnings).toEqual([])
    for (const n of [1, 2, 3, 4, 5]) expect(doc.text).toContain(`Paragraph ${n} of the report`)
    expect(doc.text.split('\n\n').filter((p) => p.startsWith('Paragraph'))).toHaveLength(5)
    for (const junk of ['Home', 'Subscribe', 'Most read', 'Copyright']) {
      expect(doc.text).not.toContain(junk)
    }
    expect(doc).toMatchObject({
      title: 'Harbour closed',
      publisher: 'Gulf Monitor',
      author: 'R. Sands',
      url: 'https://monitor.example/harbour',
      language: 'en-GB',
      publishedAt: Date.UTC(2025, 5, 23, 8, 30),
      publishedPrecision: 'minute',
    })
  })

  it('falls back to the whole page, with a warning, when no article is found', async () => {
    // Readability discards footers, so this page has no article for it.
    const doc = await extractHtml('<html><body><footer><p>Only a footer</p></footer></body></html>')
    expect(doc.text).toBe('Only a footer')
    expect(doc.warnings).toEqual([WHOLE_PAGE_WARNING])
  })

  it('takes the title from the first heading when the page has no title', async () => {
    const doc = await extractHtml('<body><h1>Heading</h1><p>Text</p></body>')
    expect(doc.title).toBe('Heading')
  })
})

// Hostile pages: each of these took from seconds to minutes before the pre-pass and the
// linear rewrites; the test timeout is the guard against a hang, no time is asserted.
describe('hostile pages', () => {
  const code = async (p: Promise<unknown>) => {
    try {
      await p
      return 'ok'
    } catch (e) {
      return (e as { code?: string }).code
    }
  }

  it('reads a page with 400,000 spaces inside an unclosed tag', async () => {
    const doc = await extractHtml('<p>t</p><a' + ' '.repeat(400_000))
    expect(doc.text).toBe('t')
  })

  it('refuses 60,000 nested <div>s as TOO_COMPLEX before parsing them', async () => {
    const html = '<div>'.repeat(60_000) + 'x' + '</div>'.repeat(60_000)
    expect(await code(extractHtml(html))).toBe('TOO_COMPLEX')
  })

  it('refuses a page with more elements than the cap as TOO_COMPLEX', async () => {
    expect(await code(extractHtml('<b>x</b>'.repeat(MAX_HTML_ELEMENTS + 1)))).toBe('TOO_COMPLEX')
  })

  it('numbers a 20,000-item ordered list in one pass', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `<li>item ${i}</li>`).join('')
    const text = htmlToText(body(`<ol start="3">${items}</ol>`))
    expect(text.split('\n')).toHaveLength(20_000)
    expect(text.split('\n')[19_999]).toBe('20002. item 19999')
  })

  it('gives up as TOO_COMPLEX when the stages outlast the time budget', async () => {
    let t = 0
    const now = () => (t += HTML_TIME_BUDGET_MS / 2)
    expect(await code(extractHtml('<p>slow</p>', { now }))).toBe('TOO_COMPLEX')
  })

  it('stops with CANCELLED when the import is cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(await code(extractHtml('<p>x</p>', { signal: controller.signal }))).toBe('CANCELLED')
  })
})
