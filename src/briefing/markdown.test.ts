import { describe, expect, it } from 'vitest'
import { composeBriefing } from './compose'
import { escapeMarkdown, renderBriefingMarkdown } from './markdown'
import { sampleInput } from './test-fixtures'

const md = () => renderBriefingMarkdown(composeBriefing(sampleInput()))

describe('renderBriefingMarkdown', () => {
  it('has every part, in order, between two handling lines', () => {
    const text = md()
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('**OFFICIAL — SENSITIVE**')
    expect(lines.at(-1)).toBe('**OFFICIAL — SENSITIVE**')
    expect(lines.filter((l) => /^#{1,2} /.test(l))).toEqual([
      '# Iran retaliates against US base in Qatar',
      '## Bottom line up front',
      '## Key judgements',
      '## Outlook',
      '## Chronology',
      '## Sources',
      '## Key to terms and grades',
    ])
    expect(text).toContain('Likelihood (ICD 203): almost no chance 01–05%; very unlikely 05–20%;')
    expect(text).toContain('source reliability: A completely reliable; B usually reliable;')
    expect(text).toContain('\n\n25 June 2025 · Duty analyst\n\n')
    expect(text).toContain('Watch for:\\\nnaval moves;\\\nproxy attacks.\n\nReview in a week.')
  })

  it('cites with footnotes, each reference defined and each definition referenced', () => {
    const text = md()
    expect(text).toContain(
      '1. We assess there is a roughly even chance (45–55%) that Iran coordinated the timing of its retaliation with Russia.[^1][^2][^3] *We have low confidence in this judgement.*',
    )
    expect(text).toContain(
      '- **23 June 2025**: Foreign minister meets the Russian president in Moscow[^1][^2] (Iran → Russia · Consult / meet)',
    )
    expect(text).toContain(
      '- *Date unknown*: Statement read out on state television[^4] (Iran · Make statement)',
    )
    expect(text).toContain(
      '[^3]: “Iran fired missiles at the Al Udeid air base on Monday” — Iran fires missiles at US base in Qatar, Harbour Gazette, published Tue 24 Jun 2025. Grade B2. `https://gazette.example/iran-qatar`',
    )
    expect(text).toContain(
      '[^4]: “a statement was read out” — Unsourced blog post, publication date unknown. Grade F4.',
    )
    const refs = new Set([...text.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => m[1]))
    const defs = new Set([...text.matchAll(/^\[\^(\d+)\]:/gm)].map((m) => m[1]))
    expect([...refs].sort()).toEqual(['1', '2', '3', '4'])
    expect([...defs].sort()).toEqual(['1', '2', '3', '4'])
  })

  it('lists the sources with their reliability', () => {
    expect(md()).toContain(
      '- **Harbour Gazette** — B: Usually reliable\n  - Iran fires missiles at US base in Qatar, Tue 24 Jun 2025 (notes 1, 3). `https://gazette.example/iran-qatar`',
    )
    expect(md()).toContain('  - Unsourced blog post, publication date unknown (note 4)')
  })

  it('embeds figures as data URIs when given', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    const text = renderBriefingMarkdown(composeBriefing(sampleInput()), {
      figures: { timelineSvg: svg },
    })
    expect(text).toContain('## Figures\n\n![Timeline](data:image/svg+xml;base64,')
    expect(text).toContain('*Figure 1. Timeline of the events.*')
    expect(md()).not.toContain('## Figures')
    const withMap = renderBriefingMarkdown(composeBriefing(sampleInput()), {
      figures: { timelineSvg: svg, mapSvg: svg },
    })
    expect(withMap).toContain('![Map](data:image/svg+xml;base64,')
    expect(withMap).toContain('*Figure 2. Where the events happened.*')
  })

  it('escapes analyst text so that it cannot become markup, links or footnotes', () => {
    const input = sampleInput()
    input.briefing.title = 'A *bold* [^9] <script>alert(1)</script> & `code`'
    input.briefing.bluf = '# not a heading\n- not a list\n1. not a list'
    const text = renderBriefingMarkdown(composeBriefing(input))
    expect(text).toContain(
      '# A \\*bold\\* \\[^9\\] \\<script\\>alert(1)\\</script\\> \\& \\`code\\`',
    )
    expect(text).toContain('\\# not a heading\\\n\\- not a list\\\n1\\. not a list')
    expect(text).not.toMatch(/(?<!\\)<script/)
  })
})

describe('escapeMarkdown', () => {
  it.each([
    ['plain words. With full stops - and hyphens', 'plain words. With full stops - and hyphens'],
    ['snake_case and *stars*', 'snake\\_case and \\*stars\\*'],
    ['> quote', '\\> quote'],
    ['+ item', '\\+ item'],
    ['12) item', '12\\) item'],
    ['a | b ~~c~~', 'a \\| b \\~\\~c\\~\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\\nlines'],
  ])('%j', (input, expected) => expect(escapeMarkdown(input)).toBe(expected))
})
