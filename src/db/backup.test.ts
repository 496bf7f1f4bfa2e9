import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LIMITS } from '../domain/record-schemas'
import type { CaseRecord } from '../domain/types'
import {
  exportCase,
  exportCaseChunks,
  importBackup,
  parseBackup,
  restoreBackup,
  suggestedBackupName,
  type Backup,
  type BackupErrorCode,
  type ParsedBackup,
  writeCaseBackup,
} from './backup'
import { StoreError } from './errors'
import { CasefileDB, type TextRow } from './schema'
import { at, countTables, dumpCase, seedRealisticCase, type SeededCase } from './test-fixtures'
import { readOpenDocument, readViewState, writeViewState } from './view-state'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let db: CasefileDB
let n = 0
let seeded: SeededCase
let other: SeededCase

beforeEach(async () => {
  db = new CasefileDB(`test-backup-${++n}`)
  await db.open()
  seeded = await seedRealisticCase(db)
  other = await seedRealisticCase(db, 'Another case')
})
afterEach(async () => {
  vi.restoreAllMocks()
  await db.delete()
})

/** `bytes` as a stream of `size`-byte chunks, as `File.stream()` hands a file over. */
function streamOf(bytes: Uint8Array, size = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close()
      else controller.enqueue(bytes.slice(at, (at += size)))
    },
  })
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes)
const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))

async function exportFile(caseId = seeded.caseRecord.id): Promise<Backup> {
  return JSON.parse(decode(await exportCase(db, caseId))) as Backup
}

function parsedOrFail(bytes: Uint8Array): ParsedBackup {
  const result = parseBackup(bytes)
  if (!result.ok) throw new Error(`expected a valid backup: ${result.error.message}`)
  return result.value
}

/** Replaces every string in `value` that `ids` maps, at any depth (keys untouched). */
function remap<T>(value: T, ids: Map<string, string>): T {
  if (typeof value === 'string') return (ids.get(value) ?? value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => remap(v, ids)) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v, ids)])) as T
  return value
}

/**
 * Pairs old and new records of one table by a key made of their non-id content, adding
 * old id → new id to `ids`; fails unless the pairing is one-to-one and complete.
 */
function pairIds<R extends { id: string }>(
  ids: Map<string, string>,
  olds: R[],
  news: R[],
  key: (r: R) => string,
): void {
  expect(news).toHaveLength(olds.length)
  const byKey = new Map(news.map((r) => [key(r), r]))
  expect(byKey.size).toBe(news.length)
  for (const old of olds) {
    const match = byKey.get(key(old))
    expect(match, `no restored record for ${key(old)}`).toBeDefined()
    ids.set(old.id, match!.id)
  }
}

/** Restores the backup of the seeded case and returns the old → new id map and the new id. */
async function restoreSeeded(options: { title?: string } = {}) {
  const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
  const result = await importBackup(db, parsed, options)
  const caseId = result.caseId
  const byCase = { caseId }
  const restored = {
    sources: await db.sources.where(byCase).toArray(),
    documents: await Promise.all(
      (await db.documents.where(byCase).toArray()).map(async (d) => ({
        ...d,
        text: (await db.texts.get(d.id))!.text,
      })),
    ),
    annotations: await db.annotations.where(byCase).toArray(),
    entities: await db.entities.where(byCase).toArray(),
    events: await db.events.where(byCase).toArray(),
    relations: await db.relations.where(byCase).toArray(),
    briefings: await db.briefings.where(byCase).toArray(),
    changes: await db.changes.where(byCase).toArray(),
  }
  const ids = new Map([[seeded.caseRecord.id, caseId]])
  pairIds(ids, seeded.sources, restored.sources, (s) => s.name)
  pairIds(ids, seeded.documents, restored.documents, (d) => d.title)
  pairIds(ids, seeded.annotations, restored.annotations, (a) =>
    JSON.stringify([a.exact, a.start, a.end, a.kind, a.note]),
  )
  pairIds(ids, seeded.entities, restored.entities, (e) => e.name)
  pairIds(ids, seeded.events, restored.events, (e) => e.title)
  pairIds(ids, seeded.relations, restored.relations, (r) => r.type)
  pairIds(ids, seeded.briefings, restored.briefings, (b) => b.title)
  // Log entries keep their order; pairing them also maps records deleted before the backup.
  seeded.changes.forEach((c, i) => {
    const recordId = restored.changes[i]!.recordId
    expect(ids.get(c.recordId) ?? recordId).toBe(recordId)
    ids.set(c.recordId, recordId)
  })
  return { result, restored, ids }
}

describe('exportCase', () => {
  it('writes one versioned UTF-8 JSON file with every record and each document’s text', async () => {
    const bytes = await exportCase(db, seeded.caseRecord.id, {
      appVersion: '0.1.0',
      now: new Date('2025-06-24T12:00:00Z'),
    })
    const text = decode(bytes)
    expect(text.startsWith('{"format":"casefile-backup","version":2,')).toBe(true)
    const file = JSON.parse(text) as Backup
    expect(file.exportedAt).toBe('2025-06-24T12:00:00.000Z')
    expect(file.app).toEqual({ name: 'Casefile', version: '0.1.0' })
    expect(Object.keys(file)).toEqual([
      'format',
      'version',
      'exportedAt',
      'app',
      'case',
      'sources',
      'documents',
      'annotations',
      'entities',
      'events',
      'relations',
      'briefings',
      'viewState',
      'changes',
    ])
    expect(file.case).toEqual(seeded.caseRecord)
    const byId = <T extends { id: string }>(list: T[]) =>
      [...list].sort((a, b) => a.id.localeCompare(b.id))
    expect(byId(file.documents)).toEqual(byId(seeded.documents))
    expect(byId(file.annotations)).toEqual(byId(seeded.annotations))
    expect(byId(file.events)).toEqual(byId(seeded.events))
    expect(file.changes).toEqual(JSON.parse(JSON.stringify(seeded.changes)))
    expect(file.changes.every((c) => !('id' in c))).toBe(true)
    expect(text).not.toContain(other.caseRecord.id)
  })

  it('throws NOT_FOUND for a case that does not exist', async () => {
    await expect(exportCase(db, 'no-such-case')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('leaves out references to deleted records, so its file always restores', async () => {
    const ann = seeded.annotations.find((a) => a.entityId)!
    await db.annotations.delete(seeded.events[0]!.evidence[0]!)
    await db.entities.delete(ann.entityId!)
    await db.entities.delete(seeded.relations[0]!.to)
    await db.events.delete(seeded.briefings[0]!.judgements[1]!.eventIds[0]!)
    const bytes = await exportCase(db, seeded.caseRecord.id)
    const parsed = parsedOrFail(bytes)
    expect(parsed.events.find((e) => e.id === seeded.events[0]!.id)!.evidence).toEqual([])
    expect(parsed.annotations.find((a) => a.id === ann.id)).not.toHaveProperty('entityId')
    expect(parsed.relations.map((r) => r.id)).not.toContain(seeded.relations[0]!.id)
    expect(parsed.briefings[0]!.judgements[1]!.eventIds).toEqual([])
  })

  it('leaves out the stance of a passage that is gone, and points the rest at the restored ones', async () => {
    const event = seeded.events.find((e) => e.evidence.length > 0)!
    const kept = event.evidence[0]!
    const gone = seeded.annotations.find((a) => !event.evidence.includes(a.id))!.id
    await db.events.put({
      ...event,
      evidence: [...event.evidence, gone],
      stances: { [kept]: 'contradicts', [gone]: 'contradicts' },
    })
    await db.annotations.delete(gone)
    const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
    expect(parsed.events.find((e) => e.id === event.id)!.stances).toEqual({ [kept]: 'contradicts' })
    const restored = await importBackup(db, parsed)
    const events = await db.events.where({ caseId: restored.caseId }).toArray()
    const copy = events.find((e) => e.title === event.title)!
    const passage = (await db.annotations.get(Object.keys(copy.stances ?? {})[0]!))!
    expect(copy.stances).toEqual({ [passage.id]: 'contradicts' })
    expect(copy.evidence).toContain(passage.id)
    expect(passage.id).not.toBe(kept)
    expect(passage.exact).toBe(seeded.annotations.find((a) => a.id === kept)!.exact)
  })

  it('refuses, rather than writing a backup that cannot restore, when a text is missing', async () => {
    await db.texts.delete(seeded.documents[1]!.id)
    const error = await exportCase(db, seeded.caseRecord.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreError)
    expect(error).toMatchObject({ code: 'INVALID' })
    expect((error as StoreError).message).toContain(seeded.documents[1]!.title)
  })
})

describe('suggestedBackupName', () => {
  const day = new Date(2025, 5, 24, 23, 30)
  const named = (title: string) => suggestedBackupName({ title } as CaseRecord, day)

  it('slugs the title and adds the local date', () => {
    expect(named('Harbour Street')).toBe('harbour-street-2025-06-24.casefile.json')
    expect(named('  Op. “Sandpiper” / phase 2!  ')).toBe(
      'op-sandpiper-phase-2-2025-06-24.casefile.json',
    )
  })

  it('keeps letters of any script, falls back to "case", and stays short', () => {
    expect(named('Café Ünïcode — قطر')).toBe('café-ünïcode-قطر-2025-06-24.casefile.json')
    expect(named('/// ???')).toBe('case-2025-06-24.casefile.json')
    const long = named('word '.repeat(40))
    expect(long.length).toBeLessThanOrEqual(60 + '-2025-06-24.casefile.json'.length)
    expect(long).not.toMatch(/--/)
  })
})

describe('round trip: export → parse → import', () => {
  it('restores every record losslessly, with fresh ids remapped consistently', async () => {
    const { result, restored, ids } = await restoreSeeded()
    expect(result.counts).toEqual({
      sources: 2,
      documents: 3,
      annotations: seeded.annotations.length,
      entities: seeded.entities.length,
      events: 4,
      relations: 2,
      briefings: 1,
      viewState: 0,
      changes: seeded.changes.length,
    })
    // Every id is new, random and used once; the mapping is one-to-one.
    const newIds = [...ids.values()]
    expect(new Set(newIds).size).toBe(ids.size)
    for (const [oldId, newId] of ids) {
      expect(newId).toMatch(UUID)
      expect(newId).not.toBe(oldId)
    }
    // Record by record: equal in every field once the old ids are mapped to the new.
    const tables = [
      'sources',
      'documents',
      'annotations',
      'entities',
      'events',
      'relations',
      'briefings',
    ] as const
    for (const table of tables) {
      const byId = new Map(restored[table].map((r) => [r.id, r]))
      for (const old of seeded[table]) {
        expect(byId.get(ids.get(old.id)!), `${table} ${old.id}`).toEqual(remap(old, ids))
      }
    }
    const restoredCase = await db.cases.get(result.caseId)
    expect(restoredCase).toEqual({
      ...seeded.caseRecord,
      id: result.caseId,
      title: 'Harbour Street (restored)',
    })
    expect(result.title).toBe('Harbour Street (restored)')
    // The log carries over in order, then says that the case was restored.
    const log = restored.changes.map(({ id: _key, ...c }) => c)
    expect(log.slice(0, -1)).toEqual(seeded.changes.map((c) => remap(c, ids)))
    expect(log.at(-1)).toMatchObject({
      caseId: result.caseId,
      action: 'Restore case from backup',
      op: 'create',
      table: 'cases',
      recordId: result.caseId,
    })
    // No old id survives anywhere in the restored case (judgement and section keys aside).
    const dump = JSON.stringify(await dumpCase(db, result.caseId))
    for (const oldId of ids.keys()) expect(dump).not.toContain(oldId)
  })

  it('keeps OCR metadata (engine, languages, pages, confidence, low-confidence words)', async () => {
    const doc = seeded.documents[0]!
    const ocr = {
      engine: 'tesseract.js 7.0.0',
      languages: ['fas', 'ara'],
      pages: [1, 3],
      confidence: 87.4,
      lowConfidence: [0, 3, 10, 14],
    }
    await db.documents.update(doc.id, { importer: 'image', mime: 'image/png', ocr })
    const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
    const result = await importBackup(db, parsed)
    const restored = await db.documents.where({ caseId: result.caseId }).toArray()
    const back = restored.find((d) => d.title === doc.title)!
    expect(back.ocr).toEqual(ocr)
    expect(back.importer).toBe('image')
    // A malformed OCR record is refused on restore like any other bad field.
    const file = JSON.parse(decode(await exportCase(db, seeded.caseRecord.id))) as Backup
    const bad = file.documents.find((d) => d.title === doc.title)!
    ;(bad as { ocr?: unknown }).ocr = { ...ocr, confidence: 170 }
    expect(parseBackup(encode(file)).ok).toBe(false)
  })

  it('restores an old backup’s one-place events (locationId) as places (locationIds)', async () => {
    const file = await exportFile()
    const i = file.events.findIndex((e) => e.locationIds?.length === 1)
    const { locationIds, ...old } = file.events[i]!
    file.events[i] = { ...old, locationId: locationIds![0]! }
    const result = await importBackup(
      db,
      parsedOrFail(new TextEncoder().encode(JSON.stringify(file))),
    )
    const restored = await db.events.where({ caseId: result.caseId }).toArray()
    const event = restored.find((e) => e.title === old.title)!
    expect(event.locationId).toBeUndefined()
    expect(event.locationIds).toHaveLength(1)
    const place = await db.entities.get(event.locationIds![0]!)
    expect(place?.caseId).toBe(result.caseId)
    expect(place?.name).toBe(seeded.entities.find((e) => e.id === locationIds![0])?.name)
  })

  it('exporting the restored case gives the same file, modulo ids', async () => {
    const first = await exportFile()
    const { result, ids } = await restoreSeeded()
    const second = await exportFile(result.caseId)
    const back = new Map([...ids].map(([o, x]) => [x, o]))
    const canonical = (file: Backup) => {
      const { exportedAt: _at, ...rest } = remap(file, back)
      const sorted = <T extends { id: string }>(list: T[]) =>
        [...list].sort((a, b) => a.id.localeCompare(b.id))
      return {
        ...rest,
        sources: sorted(rest.sources),
        documents: sorted(rest.documents),
        annotations: sorted(rest.annotations),
        entities: sorted(rest.entities),
        events: sorted(rest.events),
        relations: sorted(rest.relations),
        briefings: sorted(rest.briefings),
      }
    }
    expect(second.case.title).toBe(`${first.case.title} (restored)`)
    expect(second.changes.pop()?.action).toBe('Restore case from backup')
    second.case.title = first.case.title
    expect(canonical(second)).toEqual(canonical(first))
  })

  it('leaves every existing case untouched, and restores the same backup twice side by side', async () => {
    const before = {
      seeded: await dumpCase(db, seeded.caseRecord.id),
      other: await dumpCase(db, other.caseRecord.id),
    }
    const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
    const a = await importBackup(db, parsed)
    const b = await importBackup(db, parsed)
    const c = await importBackup(db, parsed, { title: '  Harbour   Street  ' })
    expect(await dumpCase(db, seeded.caseRecord.id)).toEqual(before.seeded)
    expect(await dumpCase(db, other.caseRecord.id)).toEqual(before.other)
    expect([a.title, b.title, c.title]).toEqual([
      'Harbour Street (restored)',
      'Harbour Street (restored 2)',
      'Harbour Street',
    ])
    expect(new Set([a.caseId, b.caseId, c.caseId, seeded.caseRecord.id]).size).toBe(4)
    const docIds = async (caseId: string) =>
      (await db.documents.where({ caseId }).primaryKeys()).sort()
    const [da, db_] = [await docIds(a.caseId), await docIds(b.caseId)]
    expect(da.filter((id) => db_.includes(id))).toEqual([])
    expect(await db.cases.count()).toBe(5)
  })

  it('keeps a long title within the limit when it adds " (restored)"', async () => {
    const long = 'Ж'.repeat(LIMITS.caseTitle)
    await db.cases.update(seeded.caseRecord.id, { title: long })
    const { title } = await importBackup(
      db,
      parsedOrFail(await exportCase(db, seeded.caseRecord.id)),
    )
    expect(title).toHaveLength(LIMITS.caseTitle)
    expect(title.endsWith('Ж (restored)')).toBe(true)
  })

  it('does not change the parsed backup it is given', async () => {
    const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
    const copy = structuredClone(parsed)
    const freeze = (v: unknown) => {
      if (v && typeof v === 'object') {
        Object.values(v).forEach(freeze)
        Object.freeze(v)
      }
    }
    freeze(parsed)
    await importBackup(db, parsed)
    expect(parsed).toEqual(copy)
  })

  it('rejects an empty explicit title before writing anything', async () => {
    const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
    const before = await countTables(db)
    await expect(importBackup(db, parsed, { title: '   ' })).rejects.toMatchObject({
      code: 'INVALID',
    })
    expect(await countTables(db)).toEqual(before)
  })
})

describe('parseBackup: bad files give a typed error and store nothing', () => {
  /**
   * Reads `bytes` both ways — whole (parse, then import if valid) and streamed in small chunks
   * as the app restores a file — which must agree; the store must not change.
   */
  async function restoreFromBytes(bytes: Uint8Array, options?: { maxBytes?: number }) {
    const before = await countTables(db)
    const result = parseBackup(bytes, options)
    if (result.ok) await importBackup(db, result.value)
    expect(await countTables(db)).toEqual(before)
    if (!options?.maxBytes) {
      const streamed = await restoreBackup(db, streamOf(bytes, 997))
      expect(streamed.ok).toBe(false)
      if (!result.ok && !streamed.ok) expect(streamed.error).toEqual(result.error)
      expect(await countTables(db)).toEqual(before)
    }
    return result
  }

  async function expectError(
    bytes: Uint8Array,
    code: BackupErrorCode,
    mentions: (string | RegExp)[] = [],
  ) {
    const result = await restoreFromBytes(bytes)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe(code)
    expect(result.error.message.length).toBeGreaterThan(20)
    for (const m of mentions) expect(result.error.message).toMatch(m)
  }

  /** A valid backup file, changed by `edit`. */
  async function edited(edit: (file: Backup & Record<string, unknown>) => void) {
    const file = (await exportFile()) as Backup & Record<string, unknown>
    edit(file)
    return encode(file)
  }

  it('a file that is not JSON', async () => {
    await expectError(encode('Dear analyst, this is a letter.'), 'NOT_A_BACKUP', [/not JSON/])
    await expectError(new Uint8Array(), 'NOT_A_BACKUP')
  })

  it('a file that is not UTF-8 text', async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])
    await expectError(bytes, 'NOT_A_BACKUP', [/not a text file/])
  })

  it('JSON of another kind', async () => {
    await expectError(encode({ type: 'FeatureCollection', features: [] }), 'NOT_A_BACKUP')
    await expectError(encode([1, 2, 3]), 'NOT_A_BACKUP')
    await expectError(encode('null'), 'NOT_A_BACKUP')
    await expectError(encode('"casefile-backup"'), 'NOT_A_BACKUP')
  })

  it('a backup of another version', async () => {
    await expectError(
      await edited((f) => Object.assign(f, { version: 3 })),
      'UNSUPPORTED_VERSION',
      [/newer Casefile/],
    )
    await expectError(
      await edited((f) => Object.assign(f, { version: '1' })),
      'UNSUPPORTED_VERSION',
    )
    await expectError(
      await edited((f) => delete (f as Partial<Backup>).version),
      'UNSUPPORTED_VERSION',
    )
  })

  /** The index of the first record that `match` picks (export order follows the random ids). */
  function indexOf<T>(list: T[], match: (r: T) => unknown): number {
    const i = list.findIndex(match)
    expect(i).toBeGreaterThanOrEqual(0)
    return i
  }

  /** Applies each edit to a fresh copy of a valid file; each returns the path it broke. */
  async function expectEach(edits: ((f: Backup) => string)[], extra: RegExp[] = []) {
    for (const edit of edits) {
      let path = ''
      const bytes = await edited((f) => (path = edit(f)))
      await expectError(bytes, 'INVALID_BACKUP', [path, ...extra])
    }
  }

  it('a record with a value outside its enum', async () => {
    await expectEach([
      (f) => ((f.sources[1]!.reliability = 'G' as never), 'sources[1].reliability'),
      (f) => ((f.annotations[2]!.kind = 'person' as never), 'annotations[2].kind'),
      (f) => ((f.annotations[0]!.credibility = 7 as never), 'annotations[0].credibility'),
      (f) => ((f.entities[1]!.kind = 'planet' as never), 'entities[1].kind'),
      (f) => (
        (f.briefings[0]!.judgements[0]!.likelihood = 'probable' as never),
        'briefings[0].judgements[0].likelihood'
      ),
      (f) => {
        const i = indexOf(f.events, (e) => e.when)
        f.events[i]!.when!.precision = 'week' as never
        return `events[${i}].when.precision`
      },
      (f) => ((f.changes[0]!.table = 'settings' as never), 'changes[0].table'),
    ])
  })

  it('an annotation that points outside its text', async () => {
    const file = await exportFile()
    const i = file.annotations.findIndex((a) => a.docId === file.documents[0]!.id)
    const length = file.documents[0]!.text.length
    await expectError(
      await edited((f) => Object.assign(f.annotations[i]!, { end: length + 1 })),
      'INVALID_BACKUP',
      [`annotations[${i}].end: ${length + 1} is past the end`],
    )
    await expectError(
      await edited((f) => Object.assign(f.annotations[i]!, { start: 50, end: 10 })),
      'INVALID_BACKUP',
      [`annotations[${i}].end: start is after end`],
    )
    await expectError(
      await edited((f) => Object.assign(f.annotations[i]!, { start: -1 })),
      'INVALID_BACKUP',
      [`annotations[${i}].start`],
    )
    await expectError(
      await edited((f) => Object.assign(f.annotations[i]!, { start: 1.5 })),
      'INVALID_BACKUP',
      [`annotations[${i}].start`],
    )
  })

  it('a stance for a passage the event does not cite', async () => {
    const file = await exportFile()
    const i = indexOf(file.events, (e) => e.evidence.length > 0)
    const other = file.annotations.find((a) => !file.events[i]!.evidence.includes(a.id))!
    await expectError(
      await edited((f) => Object.assign(f.events[i]!, { stances: { [other.id]: 'contradicts' } })),
      'INVALID_BACKUP',
      [`events[${i}].stances: “${other.id}” is not in the record’s evidence`],
    )
  })

  it('a reference to a record that is not in the backup', async () => {
    const nowhere = crypto.randomUUID()
    const withBoth = (f: Backup) =>
      indexOf(f.events, (e) => e.targets.length > 1 && !!e.locationIds?.length)
    await expectEach(
      [
        (f) => ((f.events[0]!.initiators[0] = nowhere), 'events[0].initiators[0]'),
        (f) => {
          const i = withBoth(f)
          f.events[i]!.targets[1] = nowhere
          return `events[${i}].targets[1]`
        },
        (f) => {
          const i = withBoth(f)
          f.events[i]!.locationIds![0] = nowhere
          return `events[${i}].locationIds[0]`
        },
        (f) => {
          // An old backup's one place (before events took several) is checked too.
          const i = withBoth(f)
          const { locationIds: _ids, ...old } = f.events[i]!
          f.events[i] = { ...old, locationId: nowhere }
          return `events[${i}].locationId`
        },
        (f) => {
          const i = indexOf(f.events, (e) => e.evidence.length > 0)
          f.events[i]!.evidence[0] = nowhere
          return `events[${i}].evidence[0]`
        },
        (f) => ((f.relations[1]!.to = nowhere), 'relations[1].to'),
        (f) => ((f.relations[0]!.evidence[0] = nowhere), 'relations[0].evidence[0]'),
        (f) => ((f.briefings[0]!.eventIds[2] = nowhere), 'briefings[0].eventIds[2]'),
        (f) => (
          (f.briefings[0]!.judgements[1]!.eventIds[0] = nowhere),
          'briefings[0].judgements[1].eventIds[0]'
        ),
        (f) => ((f.documents[2]!.sourceId = nowhere), 'documents[2].sourceId'),
        (f) => ((f.annotations[0]!.docId = nowhere), 'annotations[0].docId'),
        (f) => ((f.annotations[3]!.entityId = nowhere), 'annotations[3].entityId'),
        // An id from another case in the same store is still not in the backup.
        (f) => ((f.annotations[4]!.eventId = other.events[0]!.id), 'annotations[4].eventId'),
      ],
      [/not in the backup/],
    )
  })

  it('ids used twice, and records of another case', async () => {
    await expectError(
      await edited((f) => (f.entities[1]!.id = f.events[0]!.id)),
      'INVALID_BACKUP',
      [/events\[0\]\.id: .* is used by another record/],
    )
    await expectError(
      await edited((f) => (f.sources[1]!.caseId = other.caseRecord.id)),
      'INVALID_BACKUP',
      ['sources[1].caseId'],
    )
    await expectError(
      await edited((f) => (f.changes[0]!.caseId = other.caseRecord.id)),
      'INVALID_BACKUP',
      ['changes[0].caseId'],
    )
  })

  it('a string beyond its limit', async () => {
    await expectError(
      await edited((f) => (f.entities[0]!.name = 'x'.repeat(LIMITS.name + 1))),
      'INVALID_BACKUP',
      ['entities[0].name', /Too big/],
    )
    await expectError(
      await edited((f) => (f.case.title = 'T'.repeat(LIMITS.caseTitle + 1))),
      'INVALID_BACKUP',
      ['case.title'],
    )
    await expectError(
      await edited((f) => (f.annotations[0]!.prefix = '…'.repeat(LIMITS.context + 1))),
      'INVALID_BACKUP',
      ['annotations[0].prefix'],
    )
    await expectError(
      await edited((f) => (f.entities[0]!.aliases = Array<string>(LIMITS.smallList + 1).fill('a'))),
      'INVALID_BACKUP',
      ['entities[0].aliases'],
    )
  })

  it('a truncated file', async () => {
    const bytes = await exportCase(db, seeded.caseRecord.id)
    for (const cut of [bytes.length - 1, Math.floor(bytes.length / 2), 100]) {
      await expectError(bytes.subarray(0, cut), 'INVALID_BACKUP', [/incomplete or damaged/])
    }
    // Cut inside a multi-byte character: still reported as a backup cut short.
    const text = decode(bytes)
    const inside = new TextEncoder().encode(text.slice(0, text.indexOf('إ'))).length + 1
    await expectError(bytes.subarray(0, inside), 'INVALID_BACKUP', [/incomplete or damaged/])
    await expectError(bytes.subarray(0, 5), 'NOT_A_BACKUP')
    // A bad byte in the middle is damage, not truncation.
    const corrupt = bytes.slice()
    corrupt[Math.floor(bytes.length / 2)] = 0xff
    await expectError(corrupt, 'INVALID_BACKUP', [/not valid UTF-8/])
  })

  it('a file over the size cap, refused before it is read', async () => {
    const bytes = await exportCase(db, seeded.caseRecord.id)
    const result = await restoreFromBytes(bytes, { maxBytes: bytes.length - 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } })
    expect(parseBackup(bytes, { maxBytes: bytes.length }).ok).toBe(true)
  })

  it('keys no record has, including "__proto__"', async () => {
    await expectError(
      await edited((f) => Object.assign(f.entities[0]!, { clearance: 'top secret' })),
      'INVALID_BACKUP',
      ['entities[0]: Unrecognized key', /clearance/],
    )
    await expectError(await edited((f) => Object.assign(f, { extra: true })), 'INVALID_BACKUP', [
      /Unrecognized key: "extra"/,
    ])
    const text = JSON.stringify(await exportFile()).replace(
      '"kind":"state"',
      '"__proto__":{"polluted":true},"kind":"state"',
    )
    await expectError(encode(text), 'INVALID_BACKUP', [/__proto__/])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('a change-log snapshot nested too deeply, however deep', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`
    const text = JSON.stringify(await exportFile())
    const withAfter = (depth: number) =>
      encode(
        text.replace(
          '"action":"Create case",',
          `"action":"Create case","before":${nested(depth)},`,
        ),
      )
    await expectError(withAfter(LIMITS.snapshotDepth + 8), 'INVALID_BACKUP', [
      'changes[0].before',
      /nested deeper/,
    ])
    // Far beyond any stack: still a typed result, never a throw.
    const result = await restoreFromBytes(withAfter(1_000_000))
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_BACKUP' } })
  })

  it('names the first few problems by path and counts the rest', async () => {
    const result = await restoreFromBytes(
      await edited((f) => {
        for (const s of f.sources) s.reliability = 'Z' as never
        for (const e of f.entities.slice(0, 6)) e.kind = 'alien' as never
      }),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.problems).toHaveLength(8)
    expect(result.error.message).toContain('sources[0].reliability')
    expect(result.error.message).toContain('; and 3 more problems.')
    expect(result.error.message).not.toContain('entities[5]')
  })
})

describe('importBackup: a failed restore stores nothing', () => {
  it.each(['texts', 'changes'] as const)(
    'a full disk while writing %s gives QUOTA_EXCEEDED and leaves nothing behind',
    async (table) => {
      const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
      const before = await countTables(db)
      const cases = await db.cases.toArray()
      vi.spyOn(db[table], 'bulkAdd').mockRejectedValue(
        new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      )
      const error = await importBackup(db, parsed).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StoreError)
      expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED' })
      expect(await countTables(db)).toEqual(before)
      expect(await db.cases.toArray()).toEqual(cases)
    },
  )

  it('any other failure is a STORE_FAILED StoreError, also with nothing stored', async () => {
    const parsed = parsedOrFail(await exportCase(db, seeded.caseRecord.id))
    const before = await countTables(db)
    vi.spyOn(db.events, 'bulkAdd').mockRejectedValue(new Error('disk on fire'))
    await expect(importBackup(db, parsed)).rejects.toMatchObject({
      name: 'StoreError',
      code: 'STORE_FAILED',
    })
    expect(await countTables(db)).toEqual(before)
  })
})

describe('restoreBackup: a backup of any size, streamed', () => {
  /** A valid backup file of `docs` documents of `chars` characters each, made without a store. */
  function bigBackup(docs: number, chars: number): { bytes: Uint8Array; marker: string } {
    const caseId = crypto.randomUUID()
    const marker = 'Quetzalfinch'
    const header = {
      format: 'casefile-backup',
      version: 2,
      exportedAt: new Date(at(0)).toISOString(),
      app: { name: 'Casefile' },
      case: { id: caseId, title: 'Big case', createdAt: at(0), updatedAt: at(1) },
    }
    const parts: Uint8Array[] = [
      encode(JSON.stringify(header).slice(0, -1) + ',"sources":[],"documents":['),
    ]
    const body =
      'The convoy crossed the river at dawn. '
        .repeat(Math.ceil(chars / 38))
        .slice(0, chars - marker.length) + marker
    for (let i = 0; i < docs; i++) {
      const doc = {
        id: crypto.randomUUID(),
        caseId,
        title: `Document ${i}`,
        textHash: 'a'.repeat(64),
        mime: 'text/plain',
        fileName: `doc-${i}.txt`,
        fileSize: chars,
        importer: 'text',
        importerVersion: '1',
        importedAt: at(i),
        text: body,
      }
      parts.push(encode((i ? ',' : '') + JSON.stringify(doc)))
    }
    parts.push(
      encode(
        '],"annotations":[],"entities":[],"events":[],"relations":[],"briefings":[],"viewState":[],"changes":[]}',
      ),
    )
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
    let off = 0
    for (const p of parts) {
      bytes.set(p, off)
      off += p.length
    }
    return { bytes, marker }
  }

  it('restores a 65 MB backup (over the old 50 MB limit) in chunks, with progress', async () => {
    const { bytes } = bigBackup(4, 17 * 1024 * 1024)
    expect(bytes.length).toBeGreaterThan(65 * 1024 * 1024)
    const progress: number[] = []
    const result = await restoreBackup(db, streamOf(bytes), {
      totalBytes: bytes.length,
      onProgress: (p) => progress.push(p.bytesRead),
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.counts.documents).toBe(4)
    expect(await db.texts.where('caseId').equals(result.value.caseId).count()).toBe(4)
    const text = (await db.texts.where('caseId').equals(result.value.caseId).first())!.text
    expect(text.length).toBe(17 * 1024 * 1024)
    // Progress rose chunk by chunk to the whole file.
    expect(progress.length).toBeGreaterThan(100)
    expect(progress.at(-1)).toBe(bytes.length)
    expect(progress.every((b, i) => i === 0 || b > progress[i - 1]!)).toBe(true)
  }, 60_000)

  it('a file cut short after batches were written leaves nothing behind', async () => {
    const { bytes } = bigBackup(3, 4 * 1024 * 1024)
    const before = await countTables(db)
    const cases = await db.cases.toArray()
    const cut = bytes.subarray(0, bytes.length - 100)
    const result = await restoreBackup(db, streamOf(cut))
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_BACKUP' } })
    expect(await countTables(db)).toEqual(before)
    expect(await db.cases.toArray()).toEqual(cases)
  })

  it('a full disk in the middle gives QUOTA_EXCEEDED and leaves nothing behind', async () => {
    const { bytes } = bigBackup(3, 4 * 1024 * 1024)
    const before = await countTables(db)
    const real = db.texts.bulkAdd.bind(db.texts)
    let calls = 0
    vi.spyOn(db.texts, 'bulkAdd').mockImplementation(((rows: TextRow[]) => {
      if (++calls === 2)
        return Promise.reject(
          new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
        )
      return real(rows)
    }) as never)
    const error = await restoreBackup(db, streamOf(bytes)).catch((e: unknown) => e)
    expect(calls).toBe(2)
    expect(error).toMatchObject({ name: 'StoreError', code: 'QUOTA_EXCEEDED' })
    expect(await countTables(db)).toEqual(before)
  })

  it('carries the case’s view state, with the graph’s actors remapped', async () => {
    const [a, b] = seeded.entities
    await writeViewState(db, seeded.caseRecord.id, 'graph:layout', {
      positions: { [a!.id]: { x: 1, y: 2 }, [b!.id]: { x: 3, y: 4 }, gone: { x: 0, y: 0 } },
      pinned: [a!.id],
    })
    await writeViewState(db, seeded.caseRecord.id, 'timeline:window', { start: 5, end: 9 })
    const bytes = await exportCase(db, seeded.caseRecord.id)
    const result = await restoreBackup(db, streamOf(bytes, 4096))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.counts.viewState).toBe(2)
    const caseId = result.value.caseId
    const layout = await readViewState(db, caseId, 'graph:layout')
    const newA = (await db.entities.where({ caseId, name: a!.name }).first())!.id
    const newB = (await db.entities.where({ caseId, name: b!.name }).first())!.id
    expect(layout).toEqual({
      positions: { [newA]: { x: 1, y: 2 }, [newB]: { x: 3, y: 4 } },
      pinned: [newA],
    })
    expect(await readViewState(db, caseId, 'timeline:window')).toEqual({ start: 5, end: 9 })
  })

  it('carries the document open in the reader under its new id; one not in the backup is not kept', async () => {
    const doc = seeded.documents[0]!
    await writeViewState(db, seeded.caseRecord.id, 'reader:document', { docId: doc.id })
    const result = await restoreBackup(
      db,
      streamOf(await exportCase(db, seeded.caseRecord.id), 4096),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const caseId = result.value.caseId
    const newDoc = (await db.documents.where({ caseId }).toArray()).find(
      (d) => d.title === doc.title,
    )!
    expect(newDoc.id).not.toBe(doc.id)
    expect(await readViewState(db, caseId, 'reader:document')).toEqual({ docId: newDoc.id })
    expect(await readOpenDocument(db, caseId)).toBe(newDoc.id)

    // Saved for a document that is not in the case (so not in its backup): dropped on restore.
    await writeViewState(db, seeded.caseRecord.id, 'reader:document', { docId: 'not-a-document' })
    const again = await restoreBackup(
      db,
      streamOf(await exportCase(db, seeded.caseRecord.id), 4096),
    )
    expect(again.ok).toBe(true)
    if (!again.ok) return
    expect(await readViewState(db, again.value.caseId, 'reader:document')).toBeUndefined()
  })

  it('reads the same case whatever the chunk size, down to one byte (cuts inside strings, escapes and multi-byte characters)', async () => {
    const bytes = await exportCase(db, seeded.caseRecord.id)
    const dumps: string[] = []
    for (const size of [1, 7, 4096, bytes.length]) {
      const result = await restoreBackup(db, streamOf(bytes, size), { title: `Copy ${size}` })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      const dump = await dumpCase(db, result.value.caseId)
      // Compare what was restored, not the fresh ids or the restore's own log entry.
      // The graph's and the map's copies of the events are counted by event: their rows are
      // buckets chosen by a hash of the (fresh) event ids, so their number varies from copy
      // to copy.
      const count = (t: string, rows: unknown[]) =>
        t === 'graphTies'
          ? (rows as { events: unknown[] }[]).reduce((n, r) => n + r.events.length, 0)
          : t === 'mapPoints'
            ? (rows as { id: unknown[] }[]).reduce((n, r) => n + r.id.length, 0)
            : rows.length
      dumps.push(
        JSON.stringify(Object.entries(dump).map(([t, rows]) => [t, count(t, rows)])) +
          JSON.stringify((dump.texts as { text: string }[]).map((t) => t.text).sort()),
      )
    }
    expect(new Set(dumps).size).toBe(1)
  })

  it('still restores a version-1 backup (before view state)', async () => {
    const file = await exportFile()
    const { viewState: _v, ...v1 } = { ...file, version: 1 }
    const result = await restoreBackup(db, streamOf(encode(v1)))
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.value.counts.documents).toBe(seeded.documents.length)
  })
})

describe('writeCaseBackup: a large case streams out a page of texts at a time', () => {
  /** Adds `count` documents with distinct texts of about `chars` characters to `caseId`. */
  async function addManyDocuments(caseId: string, count: number, chars: number) {
    const docs = Array.from({ length: count }, (_, i) => ({
      id: crypto.randomUUID(),
      caseId,
      title: `Bulk document ${i}`,
      textHash: 'b'.repeat(64),
      mime: 'text/plain',
      fileName: `bulk-${i}.txt`,
      fileSize: chars,
      importer: 'text' as const,
      importerVersion: '1',
      importedAt: at(i),
    }))
    const line = 'Shelling was reported near the depot overnight. '
    await db.transaction('rw', db.documents, db.texts, async () => {
      await db.documents.bulkAdd(docs)
      await db.texts.bulkAdd(
        docs.map((d, i) => ({
          id: d.id,
          caseId,
          text: `Report ${i}. ` + line.repeat(Math.ceil(chars / line.length)),
        })),
      )
    })
    return docs
  }

  it('reads texts 500 documents at a time and hands chunks on before the last page is read', async () => {
    const caseId = seeded.caseRecord.id
    await addManyDocuments(caseId, 1_200, 2_000)
    const total = await db.documents.where('caseId').equals(caseId).count()
    const bulkGet = vi.spyOn(db.texts, 'bulkGet')
    const getAll = vi.spyOn(db.texts, 'where')
    const pagesReadAtChunk: number[] = []
    const chunks: Uint8Array[] = []
    const progress: number[] = []
    const bytes = await writeCaseBackup(
      db,
      caseId,
      (chunk) => {
        pagesReadAtChunk.push(bulkGet.mock.calls.length)
        chunks.push(chunk)
      },
      { onProgress: (p) => progress.push(p.documents) },
    )
    // No read of the case's texts all at once; pages of at most 500.
    expect(getAll).not.toHaveBeenCalled()
    expect(bulkGet.mock.calls.length).toBe(Math.ceil(total / 500))
    expect(Math.max(...bulkGet.mock.calls.map(([ids]) => ids.length))).toBe(500)
    // Chunks reached the sink while pages were still to be read.
    expect(pagesReadAtChunk[0]).toBeLessThan(bulkGet.mock.calls.length)
    // Progress counted documents up to the total; the size is what the sink got.
    expect(progress.at(-1)).toBe(total)
    expect(progress.every((d, i) => i === 0 || d >= progress[i - 1]!)).toBe(true)
    expect(bytes).toBe(chunks.reduce((n, c) => n + c.byteLength, 0))
    // The same file as the collected chunks, and it restores every document and text.
    const all = new Uint8Array(bytes)
    let off = 0
    for (const c of chunks) {
      all.set(c, off)
      off += c.byteLength
    }
    const again = await exportCaseChunks(db, caseId, { now: new Date(at(0)) })
    expect(again.length).toBeGreaterThan(1)
    const restored = await restoreBackup(db, streamOf(all))
    expect(restored.ok).toBe(true)
    if (!restored.ok) return
    expect(restored.value.counts.documents).toBe(total)
    const texts = await db.texts.where('caseId').equals(restored.value.caseId).toArray()
    expect(texts.length).toBe(total)
    const original = await db.texts.where('caseId').equals(caseId).toArray()
    const sum = (rows: TextRow[]) =>
      rows
        .map((r) => r.text)
        .sort()
        .join('\u0000')
    expect(sum(texts)).toBe(sum(original))
  }, 60_000)

  it('a document deleted while its page was waiting makes the backup fail and say to try again', async () => {
    const caseId = seeded.caseRecord.id
    // The first page (500 × 2,500 characters) fills a chunk before the second page is read.
    await addManyDocuments(caseId, 600, 2_500)
    // The last document in the order the backup writes them (the caseId index's order).
    const last = (await db.documents.where('caseId').equals(caseId).toArray()).at(-1)!
    let chunks = 0
    const error = await writeCaseBackup(db, caseId, async () => {
      // The analyst deletes the last document while the backup is being written.
      if (++chunks === 1) await db.texts.delete(last.id)
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreError)
    expect((error as StoreError).code).toBe('INVALID')
    expect((error as StoreError).message).toContain(`“${last.title}” is missing`)
    expect((error as StoreError).message).toMatch(/Try again\.$/)
  })
})
