/**
 * Small persisted UI settings (last open case, pane widths, list sort). Failures to read
 * or write a setting are never fatal: the app falls back to defaults.
 */
import { getDb } from './db'

/** Reads a setting, or `fallback` when it is missing or unreadable. */
export async function readSetting<T>(key: string, fallback: T): Promise<T> {
  try {
    const row = await getDb().settings.get(key)
    return row ? (row.value as T) : fallback
  } catch {
    return fallback
  }
}

/** Writes a setting; errors are swallowed because settings are a convenience. */
export async function writeSetting(key: string, value: unknown): Promise<void> {
  try {
    await getDb().settings.put({ key, value })
  } catch {
    // A setting that cannot be saved only costs the user a preference.
  }
}
