/**
 * The desktop half of a streaming restore, end to end below the UI: a real backup file, handed
 * over by a fake preload API that answers `files:readChunk` the way the main process does,
 * restored through the backup SourceFile's `stream()` by `restoreBackup` — the path
 * BackupController takes. The file spans several 4 MiB chunks, split inside UTF-8 sequences.
 */
import { describe, expect, it, vi } from 'vitest'
import { MAX_CHUNK_BYTES, type CasefileApi } from '../../../electron/contract'
import { exportCase, restoreBackup } from '../../db/backup'
import { storeWithDocument } from '../../db/test-fixtures'
import { toSourceFile } from '../../platform/desktop'

describe('restoring a backup picked on the desktop', () => {
  it('restores a backup of several chunks through files:readChunk, text intact', async () => {
    const line = 'The convoy crossed the river at dawn — café owners heard it 🚀 伊朗 向.\n'
    const text = line.repeat(Math.ceil((9 * 1024 * 1024) / line.length))
    const { db, caseId } = await storeWithDocument('desktop-restore', text)
    try {
      const bytes = await exportCase(db, caseId)
      expect(bytes.byteLength).toBeGreaterThan(2 * MAX_CHUNK_BYTES)
      const readChunk = vi.fn<CasefileApi['readChunk']>(async ({ offset, length }) => ({
        ok: true,
        value: { data: bytes.slice(offset, offset + length) },
      }))
      const readFile = vi.fn<CasefileApi['readFile']>()
      const file = toSourceFile(
        {
          id: '00000000-0000-4000-8000-000000000003',
          name: 'Harbour Street.casefile.json',
          size: bytes.byteLength,
          type: 'application/json',
          tooLarge: false,
        },
        { readFile, readChunk },
        'backup',
      )
      const progress: number[] = []
      const result = await restoreBackup(db, file.stream!(), {
        totalBytes: file.size,
        onProgress: (p) => progress.push(p.bytesRead),
      })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.value.caseId).not.toBe(caseId)
      expect(result.value.counts.documents).toBe(1)
      const restored = await db.texts.where('caseId').equals(result.value.caseId).first()
      expect(restored?.text === text).toBe(true)
      // Read in order, chunk by chunk, never whole.
      const chunks = Math.ceil(bytes.byteLength / MAX_CHUNK_BYTES)
      expect(readChunk).toHaveBeenCalledTimes(chunks)
      expect(readChunk.mock.calls.map(([p]) => p.offset)).toEqual(
        Array.from({ length: chunks }, (_, i) => i * MAX_CHUNK_BYTES),
      )
      expect(readFile).not.toHaveBeenCalled()
      expect(progress.at(-1)).toBe(bytes.byteLength)
    } finally {
      await db.delete()
    }
  }, 60_000)
})
