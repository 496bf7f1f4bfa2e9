import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CasefileDB } from '../db/schema'
import { BOM, csvCell, EVENT_COLUMNS, eventsCsv, writeCsv } from './csv'
import type { CaseSnapshot } from './snapshot'
import { realisticSnapshot } from './test-support'

/** A strict RFC 4180 reader for the tests (CRLF lines, quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else cell += c
      i++
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else if (c === '\r' || c === '\n' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`)
    } else cell += c
    i++
  }
  if (cell || row.length) throw new Error('the last line has no CRLF')
  return rows
}

let snapshot: CaseSnapshot
let db: CasefileDB
beforeAll(async () => {
  ;({ snapshot, db } = await realisticSnapshot())
})
afterAll(async () => {
  db.close()
  await db.delete()
})

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('say "no"')).toBe('"say ""no"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(3)).toBe('3')
  })

  it('neutralises formulas: = + - @ tab and CR first get an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\t=1')).toBe("'\t=1")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
    expect(csvCell('a=1')).toBe('a=1')
  })

  it('writes a BOM and ends every line with CRLF', () => {
    expect(
      writeCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe(`${BOM}a,b\r\n1,2\r\n`)
  })
})

describe('events CSV', () => {
  it('has a header and one row per event, oldest first, with actors, places, grades and quotes', () => {
    const text = eventsCsv(snapshot)
    expect(text.startsWith(BOM)).toBe(true)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header).toEqual([...EVENT_COLUMNS])
    expect(rows).toHaveLength(snapshot.events.length)
    const col = (name: (typeof EVENT_COLUMNS)[number]) => EVENT_COLUMNS.indexOf(name)
    const starts = rows.map((r) => r[col('start')]).filter(Boolean)
    expect([...starts].sort()).toEqual(starts)
    for (const row of rows) {
      expect(row).toHaveLength(EVENT_COLUMNS.length)
      const event = snapshot.events.find((e) => e.id === row[col('event_id')])!
      expect(row[col('title')]).toBe(event.title)
      const first = snapshot.entities.find((e) => e.id === event.initiators[0])
      if (first) {
        expect(row[col('actor1')]).toBe(first.name)
        expect(row[col('actor1_kind')]).toBe(first.kind)
      }
      for (const id of event.evidence) {
        const a = snapshot.annotations.find((x) => x.id === id)!
        expect(row[col('evidence_quotes')]).toContain(`“${a.exact}”`)
      }
      if (event.when) expect(row[col('time_precision')]).toBe(event.when.precision)
      if (event.confidence) expect(row[col('credibility')]).toBe(String(event.confidence))
    }
    // Non-Latin text survives as UTF-8.
    expect(text).toContain('إيران')
  })

  it('never lets a title, note or name start a formula', () => {
    const [first, ...rest] = snapshot.events
    const hostile = {
      ...snapshot,
      events: [
        { ...first!, title: '=cmd|"/c calc"!A1', notes: '@SUM(1), then\r\n"more"' },
        ...rest,
      ],
      entities: snapshot.entities.map((e) =>
        e.id === first!.initiators[0] ? { ...e, name: '+Iran' } : e,
      ),
    }
    const rows = parseCsv(eventsCsv(hostile).slice(1))
    const row = rows.find((r) => r[0] === first!.id)!
    expect(row[EVENT_COLUMNS.indexOf('title')]).toBe(`'=cmd|"/c calc"!A1`)
    expect(row[EVENT_COLUMNS.indexOf('notes')]).toBe(`'@SUM(1), then\r\n"more"`)
    expect(row[EVENT_COLUMNS.indexOf('actor1')]).toBe(`'+Iran`)
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })
})
