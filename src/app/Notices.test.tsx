// @vitest-environment jsdom
/**
 * The notice stack: after several quick actions it shows the newest three, newest on top,
 * and "+K more" opens the older ones; a notice of an undoable action keeps its Undo button,
 * which runs the same command as Ctrl+Z, while that action is still the next to undo.
 */
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase } from '../db/cases'
import { clearHistory, historyState, recordAction, undo as undoStep } from '../db/history'
import { freshDbEachTest } from '../test/store'
import { onCommand } from '../ui/commands'
import { NOTICE_MS, useNotices } from '../ui/stores/notices'
import { resetStores } from '../ui/stores/reset'
import { mountEachTest } from '../test/react-root'
import { Notices } from './Notices'

const mount = mountEachTest()
beforeEach(() => resetStores())

const texts = (root: ParentNode) =>
  [...root.querySelectorAll('[data-testid="notice"] > span')].map((s) => s.textContent)
const undoButtons = () =>
  [...mount.container.querySelectorAll('button')].filter((b) => b.textContent === 'Undo')
const getDb = freshDbEachTest('test-notices')
afterEach(() => clearHistory())

/** One undoable action in a case (a new case unless `caseId` is given); resolves to its case. */
async function recordStep(label: string, caseId?: string): Promise<string> {
  const db = getDb()
  const id = caseId ?? (await createCase(db, 'Case')).id
  const row = { id: `text-${label}`, caseId: id, text: label }
  await recordAction(db, id, label, ['texts'], async (record) => {
    await db.texts.put(row)
    record({ op: 'create', table: 'texts', recordId: row.id, after: row })
  })
  return id
}

const more = () => mount.container.querySelector<HTMLButtonElement>('[data-testid="notices-more"]')

describe('Notices', () => {
  it('shows the newest three on top and folds the older ones into "+K more"', async () => {
    await act(async () => mount.root.render(<Notices />))
    const { notify } = useNotices.getState()
    await act(async () => {
      for (let i = 1; i <= 5; i++) notify(`Action ${i} done.`)
    })
    expect(texts(mount.container)).toEqual(['Action 5 done.', 'Action 4 done.', 'Action 3 done.'])
    expect(more()?.textContent).toBe('+2 more')
    expect(more()?.getAttribute('aria-expanded')).toBe('false')
    await act(async () => more()!.click())
    expect(more()?.getAttribute('aria-expanded')).toBe('true')
    const older = mount.container.querySelector('[aria-label="Older notices"]')!
    expect(texts(older)).toEqual(['Action 2 done.', 'Action 1 done.'])
    await act(async () => more()!.click())
    expect(mount.container.querySelector('[aria-label="Older notices"]')).toBeNull()
  })

  it('has no "+K more" with three notices or fewer', async () => {
    await act(async () => mount.root.render(<Notices />))
    await act(async () => {
      useNotices.getState().notify('One.')
      useNotices.getState().notify('Two.')
    })
    expect(texts(mount.container)).toEqual(['Two.', 'One.'])
    expect(more()).toBeNull()
  })

  it('keeps the Undo button of an undoable action, even when it is folded away', async () => {
    const caseId = await recordStep('Delete Iran')
    let undone = 0
    const off = onCommand('edit:undo', () => undone++)
    try {
      await act(async () => mount.root.render(<Notices />))
      const { notify } = useNotices.getState()
      await act(async () => {
        notify('Deleted Iran.', 'info', { undo: true })
        for (let i = 1; i <= 3; i++) notify(`Saved ${i}.`)
      })
      expect(mount.container.querySelector('.notice-undo')).toBeNull()
      await act(async () => more()!.click())
      const undo = undoButtons()
      expect(undo).toHaveLength(1)
      await act(async () => undo[0]!.click())
      expect(undone).toBe(1)
      expect(useNotices.getState().notices.map((n) => n.text)).not.toContain('Deleted Iran.')
      expect(historyState(caseId).undo).toBe('Delete Iran')
    } finally {
      off()
    }
  })

  it('drops the Undo button once its action is no longer the next to undo', async () => {
    const caseId = await recordStep('Delete Iran')
    await act(async () => mount.root.render(<Notices />))
    await act(async () => useNotices.getState().notify('Deleted Iran.', 'info', { undo: true }))
    expect(undoButtons()).toHaveLength(1)
    // Another action comes after it: the button would now take that one back, so it goes.
    await act(async () => {
      await recordStep('Tag a passage', caseId)
    })
    expect(undoButtons()).toHaveLength(0)
    // That action undone, the deletion is the next to undo again: the button is back.
    await act(async () => {
      await undoStep(getDb(), caseId)
    })
    expect(undoButtons()).toHaveLength(1)
  })

  it('has no Undo button when nothing was recorded to undo', async () => {
    await act(async () => mount.root.render(<Notices />))
    await act(async () => useNotices.getState().notify('Deleted Iran.', 'info', { undo: true }))
    expect(texts(mount.container)).toEqual(['Deleted Iran.'])
    expect(undoButtons()).toHaveLength(0)
  })

  it('dismisses all at once from "Dismiss all", shown from two notices on', async () => {
    await act(async () => mount.root.render(<Notices />))
    const all = () =>
      mount.container.querySelector<HTMLButtonElement>('[data-testid="notices-dismiss-all"]')
    await act(async () => useNotices.getState().notify('One.', 'error'))
    expect(all()).toBeNull()
    await act(async () => {
      for (let i = 1; i <= 4; i++) useNotices.getState().notify(`Failed ${i}.`, 'error')
    })
    expect(all()?.textContent).toBe('Dismiss all (5)')
    await act(async () => all()!.click())
    expect(texts(mount.container)).toEqual([])
    expect(useNotices.getState().notices).toEqual([])
  })

  it('keeps the notices while the focus is in the stack, and lets them go after', async () => {
    await act(async () => mount.root.render(<Notices />))
    vi.useFakeTimers()
    try {
      await act(async () => useNotices.getState().notify('Saved.'))
      const dismiss = mount.container.querySelector<HTMLButtonElement>('[aria-label="Dismiss"]')!
      await act(async () => dismiss.focus())
      await act(async () => vi.advanceTimersByTime(3 * NOTICE_MS))
      expect(texts(mount.container)).toEqual(['Saved.'])
      await act(async () => dismiss.blur())
      await act(async () => vi.advanceTimersByTime(NOTICE_MS))
      expect(texts(mount.container)).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })
})
