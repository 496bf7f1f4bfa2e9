/**
 * The desktop's cap on a backup to restore (`MAX_RESTORE_BYTES` in electron/contract.ts, which
 * cannot import the store) must be the largest backup Back up writes (`MAX_BACKUP_BYTES` in
 * src/db/backup.ts), so that every backup the app writes restores on the desktop too.
 */
import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES, MAX_RESTORE_BYTES } from '../../../electron/contract'
import { MAX_BACKUP_BYTES } from '../../db/backup'

describe('the restore cap', () => {
  it('is the largest backup Back up writes, above the import cap', () => {
    expect(MAX_RESTORE_BYTES).toBe(MAX_BACKUP_BYTES)
    expect(MAX_RESTORE_BYTES).toBeGreaterThan(MAX_IMPORT_BYTES)
  })
})
