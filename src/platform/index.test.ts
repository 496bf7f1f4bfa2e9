// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CasefileApi } from '../../electron/contract'

afterEach(() => {
  Reflect.deleteProperty(window, 'casefile')
  vi.resetModules()
})

describe('getPlatform', () => {
  it('chooses the web platform in a plain browser', async () => {
    const { getPlatform } = await import('./index')
    expect(getPlatform().shell).toBe('web')
    expect(getPlatform()).toBe(getPlatform())
  })

  it('chooses the desktop platform when the preload exposed window.casefile', async () => {
    const api = { onMenuCommand: () => () => {} } as unknown as CasefileApi
    Object.defineProperty(window, 'casefile', { value: api, configurable: true })
    const { getPlatform } = await import('./index')
    expect(getPlatform().shell).toBe('desktop')
  })
})
