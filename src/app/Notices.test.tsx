// @vitest-environment jsdom
/**
 * The notice stack: after several quick actions it shows the newest three, newest on top,
 * and "+K more" opens the older ones; a notice of an undoable action keeps its Undo button,
 * which runs the same command as Ctrl+Z.
 */
import { act } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import { onCommand } from '../ui/commands'
import { useNotices } from '../ui/stores/notices'
import { resetStores } from '../ui/stores/reset'
import { mountEachTest } from '../test/react-root'
import { Notices } from './Notices'

const mount = mountEachTest()
beforeEach(() => resetStores())

const texts = (root: ParentNode) =>
  [...root.querySelectorAll('[data-testid="notice"] > span')].map((s) => s.textContent)
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
      const undo = [...mount.container.querySelectorAll('button')].find(
        (b) => b.textContent === 'Undo',
      )
      expect(undo).toBeDefined()
      await act(async () => undo!.click())
      expect(undone).toBe(1)
      expect(useNotices.getState().notices.map((n) => n.text)).not.toContain('Deleted Iran.')
    } finally {
      off()
    }
  })
})
