// @vitest-environment jsdom
import { act, type ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useShallow } from 'zustand/react/shallow'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { resetStores } from '../../ui/stores/reset'
import { getDb } from '../../db/db'
import { createEvent } from '../../db/events'
import { clearHistory, undo } from '../../db/history'
import { useRelations } from '../../db/hooks'
import { createRelation } from '../../db/relations'
import { createEntity, tagPassage } from '../../db/tags'
import type { GraphEdge } from '../../domain/graph-model'
import type { AnnotationRecord, EventRecord, RelationRecord } from '../../domain/types'
import { mountEachTest, polyfillDialog, settle } from '../../test/react-root'
import { WIRE_TEXT, addWireReport } from '../../test/wire-report'
import { EdgeDetails } from './EdgeDetails'
import { RelationDetails } from './RelationDetails'

polyfillDialog()

let caseId: string
let docId: string
let ids: { iran: string; israel: string; russia: string }
let tags: { strike: AnnotationRecord; allies: AnnotationRecord }
let relation: RelationRecord
let strike: EventRecord

/** Shows what the app state says: the open document, the passage to flash, the notices. */
function Probe() {
  const { docId, focus, selectedEventId } = useSelection(
    useShallow((s) => ({ docId: s.docId, focus: s.focus, selectedEventId: s.selectedEventId })),
  )
  const notices = useNotices((s) => s.notices)
  return (
    <output data-testid="probe">
      {JSON.stringify({
        docId,
        focus: focus && { start: focus.start, end: focus.end },
        notices: notices.map((n) => n.text),
        selectedEventId,
      })}
    </output>
  )
}

/** The relation as the inspector would be given it: live, and gone once deleted. */
function LiveRelation() {
  const relations = useRelations(caseId)
  const r = relations?.find((x) => x.id === relation.id)
  return r ? <RelationDetails relation={r} /> : <p data-testid="no-relation">gone</p>
}

const probe = () => JSON.parse(byTestId('probe')!.textContent!)
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const all = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)]
const button = (name: string, within: ParentNode = document) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)

async function render(node: ReactNode) {
  await act(async () =>
    mount.root.render(
      <>
        <Probe />
        {node}
      </>,
    ),
  )
}

beforeEach(async () => {
  clearHistory()
  const db = getDb()
  await db.open()
  ;({ caseId, docId } = await addWireReport(db))
  resetStores({ caseId })
  ids = {
    iran: (await createEntity(db, caseId, { name: 'Iran', kind: 'state' })).id,
    israel: (await createEntity(db, caseId, { name: 'Israel', kind: 'state' })).id,
    russia: (await createEntity(db, caseId, { name: 'Russia', kind: 'state' })).id,
  }
  const tag = async (quote: string, kind: AnnotationRecord['kind']) => {
    const start = WIRE_TEXT.indexOf(quote)
    return (await tagPassage(db, { docId, start, end: start + quote.length, kind })).annotation
  }
  tags = {
    strike: await tag('Iran struck targets in Israel', 'event'),
    allies: await tag('Iran and Russia are allies', 'claim'),
  }
  strike = await createEvent(db, caseId, {
    title: 'Iranian strike on Israel',
    type: 'assault',
    initiators: [ids.iran],
    targets: [ids.israel],
    evidence: [tags.strike.id],
    confidence: 2,
    when: { start: Date.UTC(2025, 5, 13), precision: 'day', approximate: false },
  })
  relation = await createRelation(db, caseId, {
    from: ids.iran,
    to: ids.russia,
    type: 'ally',
    directed: false,
    evidence: [tags.allies.id],
  })
})

afterEach(async () => {
  document.body.replaceChildren()
  await getDb().delete()
})

// After the hooks above: the root is made after the seeding, unmounted before the delete.
const mount = mountEachTest()

describe('RelationDetails', () => {
  it('shows the tie, its family and its graded evidence, one click from the reader', async () => {
    await render(<LiveRelation />)
    await settle(() => all('relation-evidence').length === 1)
    expect(byTestId('relation-details')).not.toBeNull()
    expect(byTestId('relation-title')!.textContent).toBe('Iran ═ ally of ═ Russia')
    expect(byTestId('relation-family')!.textContent).toBe('cooperation')
    const [item] = all('relation-evidence')
    expect(item!.querySelector('.grade')!.textContent).toBe('B')
    expect(item!.textContent).toContain('Wire report · Wire')
    await act(async () => item!.querySelector('blockquote')!.click())
    expect(probe()).toMatchObject({
      docId,
      focus: { start: tags.allies.start, end: tags.allies.end },
    })
  })

  it('deletes after asking, and says that undo brings it back', async () => {
    await render(<LiveRelation />)
    await settle(() => byTestId('relation-details') !== null)
    // The buttons wait for the actors' names, which the confirmation and notice give.
    await settle(() => button('Delete relation…')?.disabled === false)
    expect(byTestId('relation-title')!.textContent).toBe('Iran ═ ally of ═ Russia')
    expect(byTestId('delete-relation')).toBeNull()
    await act(async () => button('Delete relation…')!.click())
    const dialog = byTestId('delete-relation')!
    await act(async () => button('Delete relation', dialog)!.click())
    await settle(() => byTestId('no-relation') !== null)
    expect(await getDb().relations.count()).toBe(0)
    expect(probe().notices).toEqual([
      'Relation “Iran ally of Russia” deleted. Ctrl+Z brings it back.',
    ])
    await undo(getDb(), caseId)
    await settle(() => byTestId('relation-details') !== null)
  })

  it('opens the form in place to edit it', async () => {
    await render(<LiveRelation />)
    await settle(() => button('Edit relation…')?.disabled === false)
    await act(async () => button('Edit relation…')!.click())
    await settle(() => byTestId('relation-form') !== null)
    expect(byTestId('relation-form')!.getAttribute('aria-label')).toBe('Edit relation')
  })
})

describe('EdgeDetails', () => {
  it('lists the events behind an event edge with their graded evidence', async () => {
    const edge: GraphEdge = {
      id: `ev:${ids.iran}>${ids.israel}:assault`,
      from: ids.iran,
      to: ids.israel,
      kind: 'event',
      type: 'assault',
      family: 'conflict',
      directed: true,
      count: 1,
      eventIds: [strike.id, 'deleted-event'],
      relationIds: [],
      label: 'Assault / strike',
    }
    await render(<EdgeDetails edge={edge} caseId={caseId} />)
    await settle(() => all('edge-event').length === 1 && all('edge-evidence').length === 1)
    expect(byTestId('edge-details-title')!.textContent).toBe('Iran → Israel')
    const [item] = all('edge-event')
    expect(item!.textContent).toContain('Iranian strike on Israel')
    expect(byTestId('edge-event-when')!.textContent).toBe('Fri 13 Jun 2025')
    expect(item!.querySelector('.grade')!.textContent).toBe('B2')
    expect(item!.querySelector('blockquote')!.textContent).toBe('Iran struck targets in Israel')
    expect(document.body.textContent).toContain('1 event was deleted since the graph was drawn.')
    await act(async () => item!.querySelector('blockquote')!.click())
    expect(probe().focus).toEqual({ start: tags.strike.start, end: tags.strike.end })
    await act(async () => button('Select on timeline', item)!.click())
    expect(probe().selectedEventId).toBe(strike.id)
    expect(all('edge-relation')).toEqual([])
  })

  it('shows the relation behind a relation edge', async () => {
    const edge: GraphEdge = {
      id: `rel:${relation.id}`,
      from: ids.iran,
      to: ids.russia,
      kind: 'relation',
      type: 'ally',
      family: 'cooperation',
      directed: false,
      count: 1,
      eventIds: [],
      relationIds: [relation.id],
      label: 'ally of',
    }
    await render(<EdgeDetails edge={edge} caseId={caseId} />)
    await settle(() => all('edge-relation').length === 1 && all('edge-evidence').length === 1)
    expect(byTestId('edge-details-title')!.textContent).toBe('Iran ↔ Russia')
    const [item] = all('edge-relation')
    expect(item!.querySelector('h4')!.textContent).toBe('Iran ═ ally of ═ Russia')
    expect(item!.querySelector('blockquote')!.textContent).toBe('Iran and Russia are allies')
    expect(all('edge-event')).toEqual([])
  })
})
