/**
 * How long notices stay: infos and successes six seconds, errors fifteen, an error that needs
 * an action (and the disk-full one) until dismissed; none goes while the stack is held.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { QUOTA_MESSAGE } from '../../db/errors'
import { ERROR_NOTICE_MS, NOTICE_MS, useNotices } from './notices'
import { resetStores } from './reset'

const texts = () => useNotices.getState().notices.map((n) => n.text)

beforeEach(() => {
  vi.useFakeTimers()
  resetStores()
})
afterEach(() => {
  resetStores()
  vi.useRealTimers()
})

describe('notice lifetimes', () => {
  it('lets errors go after a while, later than the others', () => {
    const { notify } = useNotices.getState()
    notify('Saved.', 'success')
    notify('The backup failed: the file is locked. Close it and try again.', 'error')
    vi.advanceTimersByTime(NOTICE_MS)
    expect(texts()).toEqual(['The backup failed: the file is locked. Close it and try again.'])
    vi.advanceTimersByTime(ERROR_NOTICE_MS - NOTICE_MS)
    expect(texts()).toEqual([])
  })

  it('keeps an error that needs an action, and the disk-full one, until dismissed', () => {
    const { notify } = useNotices.getState()
    notify('The workbench could not be loaded. Reload the window.', 'error', { persist: true })
    notify(`Could not tag: ${QUOTA_MESSAGE}`, 'error')
    vi.advanceTimersByTime(10 * ERROR_NOTICE_MS)
    expect(texts()).toHaveLength(2)
    expect(useNotices.getState().notices.every((n) => n.persist)).toBe(true)
    useNotices.getState().dismissAll()
    expect(texts()).toEqual([])
  })

  it('keeps every notice while the stack is held, and lets them go after it is released', () => {
    const { notify, hold } = useNotices.getState()
    notify('Saved.')
    hold(true)
    vi.advanceTimersByTime(2 * ERROR_NOTICE_MS)
    expect(texts()).toEqual(['Saved.'])
    hold(false)
    vi.advanceTimersByTime(NOTICE_MS - 1)
    expect(texts()).toEqual(['Saved.'])
    vi.advanceTimersByTime(1)
    expect(texts()).toEqual([])
  })
})

describe('notices about an undone action', () => {
  it('lets the notices about an action go once it is undone or redone, and only those', () => {
    const { notify } = useNotices.getState()
    useNotices.setState({
      notices: [
        { id: 1, kind: 'info', text: 'Event “Strike” deleted.', undo: 'g1' },
        { id: 2, kind: 'info', text: 'Deleted Iran.', undo: 'g2' },
      ],
    })
    useNotices.getState().settle('g1')
    expect(texts()).toEqual(['Deleted Iran.'])
    notify('Undone: Delete event “Strike”', 'info', { about: 'g1' })
    expect(useNotices.getState().notices.at(-1)?.about).toBe('g1')
    // Redone: the "Undone" notice is out of date too.
    useNotices.getState().settle('g1')
    expect(texts()).toEqual(['Deleted Iran.'])
  })
})
