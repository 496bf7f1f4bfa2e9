// @vitest-environment jsdom
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useNotices } from '../../ui/stores/notices'
import { resetStores } from '../../ui/stores/reset'
import { createCase } from '../../db/cases'
import { getDb } from '../../db/db'
import { addDocuments } from '../../db/documents'
import { clearHistory } from '../../db/history'
import { createRelation } from '../../db/relations'
import { createEntity, tagPassage } from '../../db/tags'
import { sha256Hex } from '../../db/test-fixtures'
import type { AnnotationRecord, DocumentMeta, RelationRecord } from '../../domain/types'
import { mountEachTest, polyfillDialog, settle } from '../../test/react-root'
import { RelationForm, type RelationFormProps } from './RelationForm'

polyfillDialog()

const TEXT = 'Iran and Russia signed a partnership treaty in Moscow last week.'
const PUBLISHED = Date.UTC(2025, 0, 20)

let caseId: string
let doc: DocumentMeta
let passage: AnnotationRecord
let ids: { iran: string; russia: string; irgc: string; moscow: string }

/** Shows the app's notices, as the Notices component would. */
function NoticeProbe() {
  const notices = useNotices((s) => s.notices)
  return <output data-testid="notices">{notices.map((n) => n.text).join('\n')}</output>
}

async function render(props: Partial<RelationFormProps> = {}) {
  const onClose = vi.fn()
  const onSaved = vi.fn<(r: RelationRecord) => void>()
  await act(async () =>
    mount.root.render(
      <>
        <NoticeProbe />
        <RelationForm caseId={caseId} onClose={onClose} onSaved={onSaved} {...props} />
      </>,
    ),
  )
  // Loaded once the actors are listed.
  await settle(() => control<HTMLSelectElement>('From').options.length > 1)
  return { onClose, onSaved }
}

/** The control labelled `text`, as e2e finds it with getByLabel. */
function control<T extends HTMLElement>(text: string): T {
  const label = [...mount.container.ownerDocument.querySelectorAll('label')].find(
    (l) => (l.querySelector(':scope > span')?.textContent ?? l.textContent)?.trim() === text,
  )
  if (!label) throw new Error(`no label “${text}”`)
  return label.querySelector<T>('input, select')!
}

async function change(el: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto =
    el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value)
    el.dispatchEvent(
      new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    )
  })
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!
const checkbox = () => control<HTMLInputElement>('Directed')

async function save() {
  await act(async () => button('Save relation').click())
}

beforeEach(async () => {
  clearHistory()
  const db = getDb()
  await db.open()
  caseId = (await createCase(db, 'Treaty')).id
  resetStores({ caseId })
  const [out] = await addDocuments(db, caseId, [
    {
      title: 'Treaty',
      text: TEXT,
      textHash: await sha256Hex(TEXT),
      mime: 'text/plain',
      fileName: 'treaty.txt',
      fileSize: TEXT.length,
      importer: 'text',
      importerVersion: '1',
      publishedAt: PUBLISHED,
      publishedPrecision: 'day',
    },
  ])
  const docId = out!.status === 'stored' ? out!.id : ''
  doc = (await db.documents.get(docId))!
  ids = {
    iran: (await createEntity(db, caseId, { name: 'Iran', kind: 'state' })).id,
    russia: (await createEntity(db, caseId, { name: 'Russia', kind: 'state' })).id,
    irgc: (await createEntity(db, caseId, { name: 'IRGC', kind: 'organisation' })).id,
    moscow: (await createEntity(db, caseId, { name: 'Moscow', kind: 'location' })).id,
  }
  const quote = 'Iran and Russia signed a partnership treaty'
  passage = (await tagPassage(db, { docId, start: 0, end: quote.length, kind: 'event' })).annotation
})

afterEach(async () => {
  document.body.replaceChildren()
  await getDb().delete()
})

// After the hooks above: the root is made after the seeding, unmounted before the delete.
const mount = mountEachTest()

describe('RelationForm', () => {
  it('creates a relation from a passage, pre-filled with its actors', async () => {
    const { onClose, onSaved } = await render({
      passage,
      doc,
      initialFrom: ids.iran,
      initialTo: ids.russia,
    })
    expect(byTestId('relation-form')).not.toBeNull()
    expect(byTestId('relation-passage')!.textContent).toBe(passage.exact)
    const from = control<HTMLSelectElement>('From')
    expect(from.value).toBe(ids.iran)
    expect(control<HTMLSelectElement>('To').value).toBe(ids.russia)
    // Actors only: a location is never party to a relation.
    expect([...from.options].map((o) => o.textContent)).toEqual([
      '— choose an actor —',
      'Iran',
      'IRGC',
      'Russia',
    ])
    // "ally of" reads both ways, "supports" one way.
    expect(checkbox().checked).toBe(false)
    await change(control('Type'), 'supports')
    expect(checkbox().checked).toBe(true)

    await change(control('When (optional)'), 'last week')
    await settle(() => /Mon 13 Jan 2025/.test(byTestId('relation-resolution')!.textContent!))

    await save()
    await settle(() => onClose.mock.calls.length === 1)
    const [stored] = await getDb().relations.toArray()
    expect(stored).toMatchObject({
      caseId,
      from: ids.iran,
      to: ids.russia,
      type: 'supports',
      directed: true,
      evidence: [passage.id],
    })
    expect(stored!.when).toMatchObject({
      start: Date.UTC(2025, 0, 13),
      end: Date.UTC(2025, 0, 20),
      resolvedFrom: { text: 'last week', reference: PUBLISHED },
    })
    expect(onSaved).toHaveBeenCalledWith(stored)
    expect(byTestId('notices')!.textContent).toBe('Relation “Iran supports Russia” saved.')
  })

  it('keeps the analyst’s Directed choice across type changes, and swaps the ends', async () => {
    await render({ initialFrom: ids.iran, initialTo: ids.irgc })
    await act(async () => checkbox().click())
    expect(checkbox().checked).toBe(true)
    await change(control('Type'), 'rival')
    expect(checkbox().checked).toBe(true)
    await act(async () => byTestId('relation-swap')!.click())
    expect(control<HTMLSelectElement>('From').value).toBe(ids.irgc)
    expect(control<HTMLSelectElement>('To').value).toBe(ids.iran)
    expect(byTestId('relation-preview')!.textContent).toBe('IRGC — rival of → Iran')
  })

  it('ignores a location passed as an end, and saves a new type', async () => {
    const { onClose } = await render({ initialFrom: ids.moscow, initialTo: ids.russia })
    expect(control<HTMLSelectElement>('From').value).toBe('')
    await change(control('From'), ids.irgc)
    await change(control('Type'), '\u0000 new type')
    const typed = byTestId('relation-new-type') as HTMLInputElement
    await change(typed, '  trains  ')
    await save()
    await settle(() => onClose.mock.calls.length === 1)
    const [stored] = await getDb().relations.toArray()
    expect(stored).toMatchObject({ from: ids.irgc, to: ids.russia, type: 'trains', evidence: [] })
    expect(stored!.when).toBeUndefined()
  })

  it('shows what the repository refuses, and stores nothing', async () => {
    const { onClose } = await render({ initialFrom: ids.iran, initialTo: ids.iran })
    await save()
    await settle(() => byTestId('relation-error') !== null)
    const error = byTestId('relation-error')!
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.textContent).toBe('A relation ties two different actors.')
    expect(onClose).not.toHaveBeenCalled()
    expect(await getDb().relations.count()).toBe(0)
  })

  it('refuses a relative date with no document to read it against', async () => {
    await render({ initialFrom: ids.iran, initialTo: ids.russia })
    await change(control('When (optional)'), 'last week')
    await save()
    await settle(() => byTestId('relation-error') !== null)
    expect(byTestId('relation-error')!.textContent).toMatch(/^The time “last week” could not/)
    expect(await getDb().relations.count()).toBe(0)
  })

  it('edits a relation, keeping its evidence and an unchanged date without its document', async () => {
    const when = {
      start: Date.UTC(2025, 0, 13),
      end: Date.UTC(2025, 0, 20),
      precision: 'day' as const,
      approximate: true,
      resolvedFrom: { text: 'last week', reference: PUBLISHED, rule: 'week-last' },
    }
    const relation = await createRelation(getDb(), caseId, {
      from: ids.iran,
      to: ids.russia,
      type: 'ally',
      directed: true,
      evidence: [passage.id],
      when,
    })
    const { onClose } = await render({ relation })
    expect(byTestId('relation-form')!.getAttribute('aria-label')).toBe('Edit relation')
    // Stored as directed although "ally of" is mutual: the analyst's choice, kept.
    expect(checkbox().checked).toBe(true)
    await change(control('Type'), 'negotiates')
    expect(checkbox().checked).toBe(true)
    expect(byTestId('relation-resolution')!.textContent).toMatch(/^Kept as saved/)
    await settle(() => byTestId('relation-kept-evidence') !== null)
    expect(byTestId('relation-kept-evidence')!.textContent).toBe(passage.exact)
    await save()
    await settle(() => onClose.mock.calls.length === 1)
    expect(await getDb().relations.get(relation.id)).toMatchObject({
      type: 'negotiates',
      directed: true,
      evidence: [passage.id],
      when,
    })
  })
})
