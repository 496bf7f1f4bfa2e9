/**
 * Test support: the "Wire report" case in the test database — a case "Strikes" holding one
 * stored plain-text document of two paragraphs about strikes between Iran and Israel and an
 * alliance of Iran and Russia, published by "Wire" (reliability B). The tests of the relation
 * views and of which panes a timeline pan re-renders start from it. Imported by tests only.
 */
import { createCase } from '../db/cases'
import { addDocuments } from '../db/documents'
import type { CasefileDB } from '../db/schema'
import { sha256Hex } from '../db/test-fixtures'

/** The document's text. */
export const WIRE_TEXT =
  'Iran struck targets in Israel on 13 June 2025. Israel struck Iran the next day.\n\n' +
  'Iran and Russia are allies, the ministry said.'

/** Creates the case and stores the document in `db` (already open); returns their ids. */
export async function addWireReport(db: CasefileDB): Promise<{ caseId: string; docId: string }> {
  const caseId = (await createCase(db, 'Strikes')).id
  const [out] = await addDocuments(db, caseId, [
    {
      title: 'Wire report',
      text: WIRE_TEXT,
      textHash: await sha256Hex(WIRE_TEXT),
      mime: 'text/plain',
      fileName: 'wire.txt',
      fileSize: WIRE_TEXT.length,
      importer: 'text',
      importerVersion: '1',
      publisher: 'Wire',
      reliability: 'B',
    },
  ])
  if (out?.status !== 'stored') throw new Error('the wire report was not stored')
  return { caseId, docId: out.id }
}
