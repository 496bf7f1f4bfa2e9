/**
 * "Tag all mentions": every untagged occurrence of an entity's name and aliases across the
 * case's documents, offered as a checklist with its context. Only the occurrences the
 * analyst leaves ticked are tagged (as one undoable action per document), linked to the
 * entity; nothing happens without the click on "Tag".
 */
import { useEffect, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { loadCaseForMentions } from '../../db/tags'
import { acceptSuggestions } from '../../db/suggestions'
import type { EntityRecord } from '../../domain/types'
import { findMentions, type FoundMention } from './find-mentions'
import { plural } from '../../ui/plural'

interface Found {
  mention: FoundMention
  title: string
  before: string
  after: string
}

export function TagAllMentionsDialog({
  entity,
  onClose,
}: {
  entity: EntityRecord
  onClose(): void
}) {
  const notify = useNotices((s) => s.notify)
  const [found, setFound] = useState<Found[]>()
  const [off, setOff] = useState<Set<number>>(new Set())

  useEffect(() => {
    let live = true
    void loadCaseForMentions(getDb(), entity.caseId).then(({ docs, annotations }) => {
      if (!live) return
      const byId = new Map(docs.map((d) => [d.id, d]))
      setFound(
        findMentions(entity, docs, annotations).map((m) => {
          const doc = byId.get(m.docId)!
          return {
            mention: m,
            title: doc.title,
            before: doc.text.slice(Math.max(0, m.start - 50), m.start),
            after: doc.text.slice(m.end, m.end + 50),
          }
        }),
      )
    })
    return () => {
      live = false
    }
  }, [entity])

  const kind = entity.kind === 'location' ? 'location' : 'actor'
  const chosen = (found ?? []).filter((_, i) => !off.has(i))
  return (
    <Dialog
      title={`Tag all mentions of ${entity.name}`}
      open
      wide
      onClose={onClose}
      testId="tag-all-mentions"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={chosen.length === 0}
            onClick={async () => {
              try {
                const byDoc = new Map<string, Found[]>()
                for (const f of chosen)
                  byDoc.set(f.mention.docId, [...(byDoc.get(f.mention.docId) ?? []), f])
                let n = 0
                for (const [docId, list] of byDoc) {
                  const made = await acceptSuggestions(getDb(), {
                    docId,
                    kind,
                    entityId: entity.id,
                    spans: list.map(({ mention: m }) => ({ ...m, exact: m.text })),
                  })
                  n += made.length
                }
                notify(`${plural(n, 'mention')} of ${entity.name} tagged.`, 'success')
                onClose()
              } catch (e) {
                notify(errorMessage(e), 'error')
              }
            }}
          >
            Tag {plural(chosen.length, 'mention')}
          </button>
        </>
      }
    >
      {!found ? (
        <p>Looking through the case…</p>
      ) : found.length === 0 ? (
        <p>No untagged mention of {[entity.name, ...entity.aliases].join(', ')} in this case.</p>
      ) : (
        <ul className="mention-checklist">
          {found.map((f, i) => (
            <li key={`${f.mention.docId}:${f.mention.start}`}>
              <label>
                <input
                  type="checkbox"
                  checked={!off.has(i)}
                  onChange={(e) => {
                    const next = new Set(off)
                    if (e.target.checked) next.delete(i)
                    else next.add(i)
                    setOff(next)
                  }}
                />
                <span className="muted">{f.title}: </span>…{f.before}
                <mark>{f.mention.text}</mark>
                {f.after}…
              </label>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}
