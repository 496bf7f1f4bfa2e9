/**
 * Test support for store tests: a fresh database per test (fake-indexeddb, see
 * src/test-setup.ts), opened before each test and deleted after it, and the plain-text
 * document that `addDocuments` takes. Imported by tests only.
 */
import { afterEach, beforeEach } from 'vitest'
import type { NewDocument } from '../db/documents'
import { CasefileDB } from '../db/schema'

let opened = 0

/**
 * Registers `beforeEach`/`afterEach` hooks that open a database of its own for each test
 * (named `<prefix>-<n>`, so no test sees another's records) and delete it afterwards. Call it
 * at the top of a test file or a `describe`; the returned function gives the current test's
 * database.
 */
export function freshDbEachTest(prefix: string): () => CasefileDB {
  let db: CasefileDB | undefined
  beforeEach(async () => {
    db = new CasefileDB(`${prefix}-${++opened}`)
    await db.open()
  })
  afterEach(async () => {
    await db?.delete()
    db = undefined
  })
  return () => {
    if (!db) throw new Error('freshDbEachTest: the database is open only inside a test')
    return db
  }
}

/**
 * A plain-text document as the text importer hands it to `addDocuments`: titled by its first
 * 20 characters, hashed by a stand-in (`hash-of-<text>`, so equal texts are duplicates).
 */
export function textDoc(text: string, extra: Partial<NewDocument> = {}): NewDocument {
  return {
    title: text.slice(0, 20),
    text,
    textHash: `hash-of-${text}`,
    mime: 'text/plain',
    fileName: 'a.txt',
    fileSize: text.length,
    importer: 'text',
    importerVersion: '1.0.0',
    ...extra,
  }
}
