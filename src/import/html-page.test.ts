import { describe, expect, it } from 'vitest'
import { readablePage } from './html-page'

// Runs in Node, on linkedom, as in the import worker: no browser DOM is needed.
describe('readablePage', () => {
  const page = `<!doctype html><html lang="de"><head>
    <title>Headline | Site</title>
    <meta property="og:title" content="Headline">
    <meta name="description" content="Site: news, views">
    <meta http-equiv="refresh" content="0;url=https://x.example">
    <link rel="canonical" href="https://site.example/a">
    <link rel="stylesheet" href="https://site.example/s.css">
    <script type="application/ld+json">{"headline":"LD"}</script>
    <script>track()</script>
  </head><body hidden><p>Body text</p><script type="application/ld+json">{"b":1}</script></body></html>`

  it('keeps descriptive head metadata, drops http-equiv and non-canonical links', () => {
    const { document } = readablePage(page)
    expect(document.title).toBe('Headline | Site')
    expect(document.documentElement.getAttribute('lang')).toBe('de')
    expect(document.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(
      'Headline',
    )
    expect(document.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(
      'Site: news, views',
    )
    expect(document.querySelector('meta[http-equiv]')).toBeNull()
    expect(document.querySelectorAll('link')).toHaveLength(1)
    expect(document.querySelector('link')?.getAttribute('href')).toBe('https://site.example/a')
  })

  it('hands over JSON-LD as text and keeps no script', () => {
    const { document, jsonLd } = readablePage(page)
    expect(jsonLd).toEqual(['{"headline":"LD"}', '{"b":1}'])
    expect(document.querySelector('script')).toBeNull()
    expect(document.documentElement.outerHTML).not.toContain('track()')
  })

  it('keeps a hidden body (pages hide it until their scripts run)', () => {
    expect(readablePage(page).document.body.textContent).toContain('Body text')
  })

  it('runs nothing in the page', () => {
    const scope = globalThis as { pwned?: boolean }
    const { document } = readablePage(
      '<img src=x onerror="globalThis.pwned=true"><script>globalThis.pwned=true</script><p>x</p>',
    )
    expect(document.body.textContent).toBe('x')
    expect(scope.pwned).toBeUndefined()
  })

  it('collects JSON-LD per call only', () => {
    expect(readablePage('<p>x</p>').jsonLd).toEqual([])
  })

  it('takes out everything that is not visible text, and JSON-LD inside it', () => {
    const { document, jsonLd } = readablePage(
      '<html><body><p>a</p><style>p{}</style><template>t</template><noscript>n</noscript>' +
        '<svg><text>s</text></svg><math><mi>m</mi></math><form><p>in form</p><button>b</button></form>' +
        '<iframe>i</iframe><object>o</object><video>v</video><select><option>o</option></select>' +
        '<div hidden><p>secret</p><script type="application/ld+json">{"h":1}</script></div>' +
        '<span style="display: none">gone</span><p style="visibility:hidden">gone2</p>' +
        '<p style="color: red">shown</p></body></html>',
    )
    expect(document.body.textContent).toBe('ashown')
    expect(jsonLd).toEqual([])
    expect(document.querySelector('[style]')).toBeNull()
  })

  it('unwraps elements that are not HTML, keeping their content in place', () => {
    const { document } = readablePage(
      '<html><body><article><x-story><p>one</p><gu-island>two <b>bold</b></gu-island></x-story></article></body></html>',
    )
    expect(document.querySelector('article')?.innerHTML).toBe('<p>one</p>two <b>bold</b>')
  })

  it('gives a fragment a head and a body, as a browser parser does', () => {
    const { document } = readablePage(
      '<title>T</title><meta name="author" content="A"><p>first</p><meta name="late" content="L"><p>second',
    )
    expect(document.documentElement.localName).toBe('html')
    expect(document.head.querySelector('title')?.textContent).toBe('T')
    expect(document.head.querySelector('meta[name="author"]')).not.toBeNull()
    expect(document.body.textContent).toBe('firstsecond')
    expect(document.querySelectorAll('body')).toHaveLength(1)
    expect(document.querySelectorAll('head')).toHaveLength(1)
  })

  it('moves content written after </body> or outside head and body into the body', () => {
    const { document } = readablePage(
      '<!doctype html><html lang="fr"><head><title>T</title></head><p>loose</p><body><p>in</p></body><p>after</p></html>',
    )
    expect(document.documentElement.getAttribute('lang')).toBe('fr')
    expect(document.body.textContent).toBe('looseinafter')
    expect(document.head.textContent).toBe('T')
  })

  it('keeps the attributes of an <html> that follows stray markup', () => {
    const { document } = readablePage(
      '<meta charset="utf-8"><html lang="pt"><head><title>T</title></head><body><p>x</p></body></html>',
    )
    expect(document.documentElement.getAttribute('lang')).toBe('pt')
    expect(document.body.textContent).toBe('x')
    expect(document.querySelector('title')?.textContent).toBe('T')
  })
})
