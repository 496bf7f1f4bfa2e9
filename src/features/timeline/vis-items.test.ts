// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { escapeText, toVisItem } from './vis-items'
import type { TimelineItem } from '../../domain/timeline-model'
import { day, eventFactory } from '../../test/events'

const event = eventFactory()

describe('toVisItem', () => {
  const hostile = '<img src=x onerror="document.title=1"> <b>Talks</b> & more'
  const record = event({ id: 'e1', title: hostile, when: day(0) })
  const events = new Map([[record.id, record]])
  const item: TimelineItem = {
    id: 'e1',
    eventId: 'e1',
    content: hostile,
    start: record.when!.start,
    type: 'point',
    className: 'tl-conflict',
  }

  it('hands over a label as an element holding only text, never as an HTML string', () => {
    const out = toVisItem(item, events)
    const content = out.content as unknown
    expect(content).toBeInstanceOf(HTMLElement)
    const label = content as HTMLElement
    expect(label.textContent).toBe(hostile)
    expect(label.children).toHaveLength(0)
    expect(label.childNodes).toHaveLength(1)
    expect(label.firstChild!.nodeType).toBe(Node.TEXT_NODE)
  })

  it('escapes the tooltip, and gives a band no label', () => {
    const out = toVisItem(item, events)
    expect(out.title).toContain('&lt;img src=x onerror=&quot;document.title=1&quot;&gt;')
    expect(out.title).not.toContain('<img')
    const band = toVisItem(
      { ...item, id: 'band:e1', type: 'background', content: '', className: 'tl-band' },
      events,
    )
    expect(band.content).toBe('')
    expect(band.selectable).toBe(false)
    expect(escapeText('a\nb')).toBe('a<br>b')
  })
})
