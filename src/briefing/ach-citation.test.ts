// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { AchSnapshot } from '../domain/ach'
import type { AchMatrix } from '../domain/types'
import { composeBriefing, type BriefingInput } from './compose'
import { renderBriefingMarkdown } from './markdown'
import { renderBriefingHtml } from './print-html'
import { sampleInput } from './test-fixtures'

/** A version saved at 08:12 UTC on 24 June 2025, led by the retaliation hypothesis. */
const SAVED = Date.UTC(2025, 5, 24, 8, 12)
const snapshot: AchSnapshot = {
  hypotheses: [
    { id: 'h1', text: 'Retaliation for the US strikes' },
    { id: 'h2', text: 'An accident' },
  ],
  rows: [
    {
      id: 'ev-missile',
      label: 'Missile strike',
      relevance: 'high',
      weight: 1.6,
      cells: { h1: 'CC', h2: 'II' },
    },
    {
      id: 'ev-meeting',
      label: 'Meeting in Moscow',
      relevance: 'medium',
      weight: 0.8,
      cells: { h1: 'C', h2: 'C' },
    },
  ],
  leader: 'h1',
}
const matrix: AchMatrix = {
  hypotheses: snapshot.hypotheses,
  rows: [],
  versions: [
    { id: 'v1', at: SAVED, label: 'Before the briefing', snapshot: JSON.stringify(snapshot) },
  ],
}

function input(
  cite: { id: string; at: number } | undefined = { id: 'v1', at: SAVED },
): BriefingInput {
  const i = sampleInput()
  i.timeZone = 'UTC'
  i.ach = matrix
  // The second judgement rests on the matrix alone.
  i.briefing.judgements[1] = {
    ...i.briefing.judgements[1]!,
    eventIds: [],
    ...(cite ? { achVersion: cite } : {}),
  }
  return i
}

const figureSvg = (html: string, id: string) => {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const src = doc.querySelector(`figure#${id} img`)?.getAttribute('src') ?? ''
  const bytes = Uint8Array.from(atob(src.replace(/^data:image\/svg\+xml;base64,/, '')), (c) =>
    c.charCodeAt(0),
  )
  return { doc, svg: new TextDecoder().decode(bytes) }
}

describe('a key judgement citing its matrix of competing hypotheses', () => {
  it('brings the cited version into the briefing as a figure', () => {
    const doc = composeBriefing(input())
    expect(doc.achFigures).toHaveLength(1)
    expect(doc.achFigures[0]).toMatchObject({
      versionId: 'v1',
      at: SAVED,
      when: 'Tue 24 Jun 2025 08:12 UTC',
      label: 'Before the briefing',
    })
    expect(doc.judgements[1]?.achVersionId).toBe('v1')
    expect(doc.judgements[0]?.achVersionId).toBeUndefined()
    // Resting on the matrix is tracing it to evidence: no "cites no events" warning.
    expect(doc.problems.filter((p) => p.judgementId === 'j2' && p.kind === 'no-evidence')).toEqual(
      [],
    )
  })

  it('prints the citation pointing to the figure of that version, after the other figures', () => {
    const doc = composeBriefing(input())
    const html = renderBriefingHtml(doc, {
      pageSize: 'A4',
      figures: { timelineSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
    })
    const { doc: page, svg } = figureSvg(html, 'figure-ach-1')
    const cite = page.querySelector('#judgement-2 .ach-cite')
    expect(cite?.textContent).toBe(
      '(see Figure 2: competing hypotheses, version of Tue 24 Jun 2025 08:12 UTC)',
    )
    expect(cite?.querySelector('a')?.getAttribute('href')).toBe('#figure-ach-1')
    expect(page.querySelector('#judgement-1 .ach-cite')).toBeNull()
    expect(page.querySelector('figure#figure-ach-1 figcaption')?.textContent).toBe(
      'Figure 2. Competing hypotheses, version of Tue 24 Jun 2025 08:12 UTC (“Before the briefing”).',
    )
    expect(svg).toContain('Retaliation for the US strikes')
    expect(svg).toContain('Leading: Retaliation for the US strikes (the least inconsistent).')
    expect(svg).toContain('non-diagnostic')

    const md = renderBriefingMarkdown(doc)
    expect(md).toContain(
      '(see Figure 1: competing hypotheses, version of Tue 24 Jun 2025 08:12 UTC)',
    )
    expect(md).toContain('*Figure 1. Competing hypotheses, version of Tue 24 Jun 2025 08:12 UTC')
  })

  it('reports a cited version that is no longer kept, and prints no figure for it', () => {
    const doc = composeBriefing(input({ id: 'gone', at: SAVED }))
    expect(doc.achFigures).toEqual([])
    expect(doc.judgements[1]?.achVersionId).toBeUndefined()
    expect(doc.problems).toContainEqual(
      expect.objectContaining({
        kind: 'missing-ach-version',
        severity: 'error',
        judgementId: 'j2',
        message: expect.stringContaining('Tue 24 Jun 2025 08:12 UTC'),
      }),
    )
    const html = renderBriefingHtml(doc, { pageSize: 'A4' })
    const page = new DOMParser().parseFromString(html, 'text/html')
    expect(page.querySelector('.ach-cite')).toBeNull()
    expect(page.querySelector('figure')).toBeNull()
  })

  it('treats a version whose snapshot is not a matrix as not kept', () => {
    const i = input()
    i.ach = { ...matrix, versions: [{ ...matrix.versions[0]!, snapshot: '{"rows": 3}' }] }
    const doc = composeBriefing(i)
    expect(doc.achFigures).toEqual([])
    expect(doc.problems.map((p) => p.kind)).toContain('missing-ach-version')
  })
})
