import { describe, expect, it, vi } from 'vitest'
import type { CasefileApi, MenuCommand, OpenedFile } from '../../electron/contract'
import { createDesktopPlatform, toSourceFile } from './desktop'
import { PlatformError, TooLargeError } from './errors'

function fakeApi(overrides: Partial<CasefileApi> = {}) {
  let menuListener: ((command: MenuCommand) => void) | undefined
  const unsubscribe = vi.fn()
  const api: CasefileApi = {
    openFiles: vi.fn(async () => ({ ok: true as const, value: [] })),
    saveFile: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    appInfo: vi.fn(async () => ({
      ok: true as const,
      value: { name: 'Casefile', version: '1.2.3', shell: 'desktop' as const, runtime: 'Electron' },
    })),
    openExternal: vi.fn(async () => ({ ok: true as const, value: null })),
    printBriefing: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    onMenuCommand: (listener) => {
      menuListener = listener
      return unsubscribe
    },
    ...overrides,
  }
  return { api, unsubscribe, emit: (command: string) => menuListener?.(command as MenuCommand) }
}

describe('toSourceFile', () => {
  it('reads the bytes the main process sent, as a fresh ArrayBuffer each time', async () => {
    const data = new TextEncoder().encode('hello')
    const file = toSourceFile({ name: 'a.txt', size: 5, type: 'text/plain', tooLarge: false, data })
    expect(file).toMatchObject({ name: 'a.txt', size: 5, type: 'text/plain', tooLarge: false })
    const first = await file.read()
    const second = await file.read()
    expect(new TextDecoder().decode(first)).toBe('hello')
    expect(first).not.toBe(second)
    expect(first).toBeInstanceOf(ArrayBuffer)
  })

  it('copies only the view, not the whole underlying buffer', async () => {
    const whole = new Uint8Array([9, 1, 2, 9])
    const file = toSourceFile({
      name: 'a',
      size: 2,
      type: '',
      tooLarge: false,
      data: whole.subarray(1, 3),
    })
    expect([...new Uint8Array(await file.read())]).toEqual([1, 2])
  })

  it('flags an over-size file and rejects its read with a TooLargeError', async () => {
    const opened: OpenedFile = {
      name: 'big.pdf',
      size: 60e6,
      type: 'application/pdf',
      tooLarge: true,
    }
    const file = toSourceFile(opened)
    expect(file.tooLarge).toBe(true)
    const error = await file.read().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TooLargeError)
    expect((error as Error).name).toBe('TooLargeError')
  })

  it('rejects the read of a file main could not read, with its reason', async () => {
    const file = toSourceFile({
      name: 'gone.txt',
      size: 0,
      type: 'text/plain',
      tooLarge: false,
      readError: 'The file no longer exists.',
    })
    await expect(file.read()).rejects.toThrow('The file no longer exists.')
  })
})

describe('createDesktopPlatform', () => {
  it('passes one payload object per call and unwraps the results', async () => {
    const { api } = fakeApi()
    const platform = createDesktopPlatform(api)
    expect(platform.shell).toBe('desktop')

    await platform.openFiles({ title: 't', extensions: ['txt'], multiple: true })
    expect(api.openFiles).toHaveBeenCalledWith({ title: 't', extensions: ['txt'], multiple: true })

    const data = new Uint8Array([1])
    const saved = await platform.saveFile({ title: 't', suggestedName: 'x.json', mime: 'm', data })
    expect(saved).toBe(true)
    expect(api.saveFile).toHaveBeenCalledWith({
      title: 't',
      suggestedName: 'x.json',
      mime: 'm',
      data,
    })

    expect(await platform.appInfo()).toMatchObject({ version: '1.2.3', shell: 'desktop' })
    expect(api.appInfo).toHaveBeenCalledWith({})

    await platform.openExternal('https://example.com/')
    expect(api.openExternal).toHaveBeenCalledWith({ url: 'https://example.com/' })

    const print = {
      route: '#/print/case-1/briefing-2?size=A4',
      suggestedName: 'Briefing.pdf',
      title: 'Save the briefing as PDF',
    }
    expect(await platform.printBriefing(print)).toBe(true)
    expect(api.printBriefing).toHaveBeenCalledWith(print)
  })

  it('prints a briefing: false when the dialog was cancelled, a PlatformError on failure', async () => {
    const print = {
      route: '#/print/case-1/briefing-2?size=Letter',
      suggestedName: 'Briefing.pdf',
      title: 'Save the briefing as PDF',
    }
    const cancelled = fakeApi({
      printBriefing: async () => ({ ok: true, value: { saved: false } }),
    })
    expect(await createDesktopPlatform(cancelled.api).printBriefing(print)).toBe(false)

    const failing = fakeApi({
      printBriefing: async () => ({
        ok: false,
        error: { code: 'PRINT_FAILED', message: 'The briefing could not be printed: gone' },
      }),
    })
    const error = await createDesktopPlatform(failing.api)
      .printBriefing(print)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformError)
    expect(error).toMatchObject({ code: 'PRINT_FAILED' })
  })

  it('turns a failed Result into a PlatformError with its code', async () => {
    const { api } = fakeApi({
      openExternal: async () => ({
        ok: false,
        error: { code: 'URL_NOT_ALLOWED', message: 'Only http and https links can be opened.' },
      }),
    })
    const error = await createDesktopPlatform(api)
      .openExternal('javascript:alert(1)')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformError)
    expect(error).toMatchObject({ code: 'URL_NOT_ALLOWED', name: 'PlatformError' })
  })

  it('maps opened files to SourceFiles', async () => {
    const { api } = fakeApi({
      openFiles: async () => ({
        ok: true,
        value: [
          {
            name: 'a.txt',
            size: 1,
            type: 'text/plain',
            tooLarge: false,
            data: new Uint8Array([65]),
          },
          { name: 'b.pdf', size: 99, type: 'application/pdf', tooLarge: true },
        ],
      }),
    })
    const files = await createDesktopPlatform(api).openFiles({
      title: 't',
      extensions: ['txt', 'pdf'],
      multiple: true,
    })
    expect(files.map((f) => [f.name, f.tooLarge])).toEqual([
      ['a.txt', false],
      ['b.pdf', true],
    ])
  })

  it('passes on known menu commands only, and unsubscribes', () => {
    const { api, emit, unsubscribe } = fakeApi()
    const listener = vi.fn()
    const off = createDesktopPlatform(api).onMenuCommand(listener)
    emit('documents:import')
    emit('app:quit')
    emit('')
    expect(listener.mock.calls).toEqual([['documents:import']])
    off()
    expect(unsubscribe).toHaveBeenCalled()
  })
})
