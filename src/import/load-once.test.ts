import { describe, expect, it, vi } from 'vitest'
import { loadOnce } from './load-once'

describe('loadOnce', () => {
  it('loads the module on the first call only and gives every caller the same one', async () => {
    const module = { extract: () => 'text' }
    const load = vi.fn(() => Promise.resolve(module))
    const get = loadOnce(load)
    expect(load).not.toHaveBeenCalled()
    const [a, b] = await Promise.all([get(), get()])
    const c = await get()
    expect(load).toHaveBeenCalledTimes(1)
    expect(a).toBe(module)
    expect(b).toBe(module)
    expect(c).toBe(module)
  })

  it('tries again after a load that failed, and keeps the one that succeeds', async () => {
    const module = { extract: () => 'text' }
    const load = vi
      .fn<() => Promise<typeof module>>()
      .mockRejectedValueOnce(new Error('chunk not fetched'))
      .mockResolvedValue(module)
    const get = loadOnce(load)
    await expect(get()).rejects.toThrow('chunk not fetched')
    expect(await get()).toBe(module)
    expect(await get()).toBe(module)
    expect(load).toHaveBeenCalledTimes(2)
  })
})
