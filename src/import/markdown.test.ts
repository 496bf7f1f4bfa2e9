import { describe, expect, it } from 'vitest'
import { extractMarkdown, markdownToText, splitFrontMatter, stripInline } from './markdown'

const text = (md: string) => markdownToText(md).text

describe('splitFrontMatter', () => {
  it('reads flat keys, quoted values, inline and block lists', () => {
    const { data, body } = splitFrontMatter(
      [
        '---',
        'title: "A \\"quoted\\" title"',
        "author: 'O''Brien'",
        'date: 2025-03-13 # first draft',
        'tags: [a, "b"]',
        'authors:',
        '  - Ann',
        '  - Ben',
        '---',
        'Body',
      ].join('\n'),
    )
    expect(data).toEqual({
      title: 'A "quoted" title',
      author: "O'Brien",
      date: '2025-03-13',
      tags: ['a', 'b'],
      authors: ['Ann', 'Ben'],
    })
    expect(body).toBe('Body')
  })

  it('leaves a document without closed front matter alone', () => {
    expect(splitFrontMatter('---\ntitle: x\nno end').data).toEqual({})
    expect(splitFrontMatter('Text\n---\n').data).toEqual({})
  })
})

describe('stripInline', () => {
  it.each([
    ['**bold** and __strong__ and *em* and _em_', 'bold and strong and em and em'],
    ['***both*** and ~~gone~~', 'both and gone'],
    ['snake_case_name, 2 * 3 * 4 and 2*3*4', 'snake_case_name, 2 * 3 * 4 and 234'],
    ['[text](https://x.example/a_(b) "T") and [ref][r] and [same][]', 'text and ref and same'],
    ['![alt text](img.png) ![](empty.png)', 'alt text '],
    ['`**not bold**` and `` a`b ``', '**not bold** and a`b'],
    ['\\*literal\\* and \\[x\\]', '*literal* and [x]'],
    ['<https://a.example/x> <me@a.example>', 'https://a.example/x me@a.example'],
    ['a <span class="x">b</span> <!-- c --> d<br/>', 'a b  d'],
    ['&amp; &copy; &#8212; &unknown;', '& © — &unknown;'],
    ['note[^1] here', 'note here'],
  ])('%s', (input, output) => {
    expect(stripInline(input)).toBe(output)
  })
})

describe('markdownToText', () => {
  it('makes headings, paragraphs and soft-wrapped lines', () => {
    expect(text('# Title #\n\nOne\ntwo  \nthree\\\nfour\n\n## Sub')).toBe(
      'Title\n\nOne two\nthree\nfour\n\nSub',
    )
  })

  it('reads setext headings and drops thematic breaks', () => {
    expect(text('Big\n===\n\nSmall\n---\n\n***\n- - -\n\nEnd')).toBe('Big\n\nSmall\n\nEnd')
  })

  it('keeps list items as lines, ordered ones with their numbers, continuations joined', () => {
    expect(text('Intro:\n- one\n  more\n* two\n  - nested\n\n3) three\n4) four')).toBe(
      'Intro:\n\none more\ntwo\nnested\n\n3) three\n4) four',
    )
  })

  it('strips block quotes, nested or lazy', () => {
    expect(text('> quoted\n> > deeper\n\n>lazy')).toBe('quoted deeper\n\nlazy')
  })

  it('keeps code blocks line by line, unprocessed (a blank line in code is a paragraph break)', () => {
    expect(text('```js\nconst a = **b**\n  x\n\ny\n```\n~~~\nraw\n~~~')).toBe(
      'const a = **b**\nx\n\ny\n\nraw',
    )
    expect(text('```\nunclosed')).toBe('unclosed')
  })

  it('turns tables into rows of cells, with or without outer pipes', () => {
    expect(text('| A | B |\n|:--|--:|\n| 1 | **2** |')).toBe('A | B\n1 | 2')
    expect(text('A | B\n--- | ---\n1 | 2')).toBe('A | B\n1 | 2')
  })

  it('drops HTML comments, script and style blocks and reference definitions', () => {
    expect(
      text(
        'a\n\n<!--\nhidden\n-->\n<script>\nevil()\n</script>\n<style>p{}</style>\n[r]: https://x\n\nb',
      ),
    ).toBe('a\n\nb')
  })

  it('collects headings for the title', () => {
    expect(markdownToText('## Second\n\n# First').headings).toEqual([
      { level: 2, text: 'Second' },
      { level: 1, text: 'First' },
    ])
  })
})

describe('extractMarkdown', () => {
  it('takes metadata from front matter', () => {
    const doc = extractMarkdown(
      '---\ntitle: T\nauthors:\n  - Ann\n  - Ben\ndate: 2025-03-13T09:00:00+02:00\npublisher: P\nurl: ftp://x\nlang: en_gb\n---\nBody',
    )
    expect(doc).toEqual({
      title: 'T',
      author: 'Ann, Ben',
      publisher: 'P',
      language: 'en-GB',
      publishedAt: Date.UTC(2025, 2, 13, 7),
      publishedPrecision: 'minute',
      text: 'Body',
      warnings: [],
    })
  })

  it('falls back to the first level-1 heading, then the first line, for the title', () => {
    expect(extractMarkdown('## Minor\n\n# Major\n\ntext').title).toBe('Major')
    expect(extractMarkdown('Just *text*\nhere').title).toBe('Just text here')
  })

  it('warns when the date has a time but no zone', () => {
    expect(extractMarkdown('---\ndate: 2025-03-13 09:00\n---\nx').warnings[0]).toContain('UTC')
  })
})

// Each input took from seconds to hours with the earlier patterns (quadratic backtracking);
// the test timeout guards against a hang, no time is asserted.
describe('hostile Markdown', () => {
  const N = 100_000
  const cases: [string, string, (text: string) => void][] = [
    ['emphasis openers without closers', ' *a'.repeat(N), (t) => expect(t).toContain('*a *a')],
    ['unclosed brackets', '[a'.repeat(N), (t) => expect(t.startsWith('[a[a')).toBe(true)],
    ['image openers', '![a]('.repeat(N), (t) => expect(t.startsWith('![a](')).toBe(true)],
    ['footnote openers', '[^a'.repeat(N), (t) => expect(t.startsWith('[^a')).toBe(true)],
    ['code-span openers', '``' + ' `a'.repeat(N), (t) => expect(t).toMatch(/^`` aa aa/)],
    ['unclosed comments', 'x<!--'.repeat(N), (t) => expect(t).toBe('x')],
    ['an e-mail-like autolink', '<a@' + 'a.'.repeat(N) + 'x', (t) => expect(t).toContain('<a@')],
    [
      'a heading with a long run of spaces',
      '# a' + ' '.repeat(4 * N) + 'b',
      (t) => expect(t).toBe('a b'),
    ],
    ['a line of quote markers', '>'.repeat(4 * N) + 'x', (t) => expect(t).toBe('x')],
    ['spaces before text (table rule)', ' '.repeat(4 * N) + 'x|', (t) => expect(t).toBe('x|')],
    [
      'spaces inside a line (hard break)',
      'a' + ' '.repeat(4 * N) + 'b',
      (t) => expect(t).toBe('a b'),
    ],
  ]
  it.each(cases)('reads %s in linear time', (_, source, check) => {
    check(extractMarkdown(source).text)
  })

  it('still strips nested emphasis and code spans with backticks inside', () => {
    expect(stripInline('***all *of* it*** and `` a ` b `` and _x_')).toBe(
      'all of it and a ` b and x',
    )
  })
})
