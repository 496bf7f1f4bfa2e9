import { describe, expect, it, vi } from 'vitest'
import type { CasefileApi, MenuCommand, PickedFile } from '../../electron/contract'
import { createDesktopPlatform, toSourceFile } from './desktop'
import { PlatformError, TooLargeError } from './errors'

function fakeApi(overrides: Partial<CasefileApi> = {}) {
  let menuListener: ((command: MenuCommand) => void) | undefined
  const unsubscribe = vi.fn()
  const api: CasefileApi = {
    pickFiles: vi.fn(async () => ({ ok: true as const, value: [] })),
    readFile: vi.fn(async () => ({ ok: true as const, value: { data: new Uint8Array() } })),
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
  const ID = '00000000-0000-4000-8000-000000000001'
  const picked = (extra: Partial<PickedFile> = {}): PickedFile => ({
    id: ID,
    name: 'a.txt',
    size: 5,
    type: 'text/plain',
    tooLarge: false,
    ...extra,
  })

  it('reads the file through files:read only when read() is called, a fresh buffer each time', async () => {
    const readFile = vi.fn(async () => ({
      ok: true as const,
      value: { data: new TextEncoder().encode('hello') },
    }))
    const file = toSourceFile(picked(), { readFile })
    expect(file).toMatchObject({ name: 'a.txt', size: 5, type: 'text/plain', tooLarge: false })
    expect(readFile).not.toHaveBeenCalled()
    const first = await file.read()
    const second = await file.read()
    expect(readFile).toHaveBeenCalledWith({ id: ID })
    expect(new TextDecoder().decode(first)).toBe('hello')
    expect(first).not.toBe(second)
    expect(first).toBeInstanceOf(ArrayBuffer)
  })

  it('copies only the view, not the whole underlying buffer', async () => {
    const whole = new Uint8Array([9, 1, 2, 9])
    const readFile = async () => ({ ok: true as const, value: { data: whole.subarray(1, 3) } })
    const file = toSourceFile(picked({ size: 2 }), { readFile })
    expect([...new Uint8Array(await file.read())]).toEqual([1, 2])
  })

  it('flags an over-size file and rejects its read with a TooLargeError, unread', async () => {
    const readFile = vi.fn()
    const file = toSourceFile(picked({ name: 'big.pdf', size: 60e6, tooLarge: true }), {
      readFile,
    })
    expect(file.tooLarge).toBe(true)
    const error = await file.read().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TooLargeError)
    expect(readFile).not.toHaveBeenCalled()
  })

  it('rejects the read of a file main could not read, with its reason', async () => {
    const readFile = async () => ({
      ok: false as const,
      error: { code: 'READ_FAILED', message: 'The file no longer exists.' },
    })
    await expect(toSourceFile(picked(), { readFile }).read()).rejects.toThrow(
      'The file no longer exists.',
    )
    const gone = toSourceFile(picked({ readError: 'Not a regular file.' }), { readFile })
    await expect(gone.read()).rejects.toThrow('Not a regular file.')
  })
})

describe('createDesktopPlatform', () => {
  it('passes one payload object per call and unwraps the results', async () => {
    const { api } = fakeApi()
    const platform = createDesktopPlatform(api)
    expect(platform.shell).toBe('desktop')

    await platform.openFiles({ title: 't', extensions: ['txt'], multiple: true })
    expect(api.pickFiles).toHaveBeenCalledWith({ title: 't', extensions: ['txt'], multiple: true })

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

  it('maps picked files to SourceFiles', async () => {
    const { api } = fakeApi({
      pickFiles: async () => ({
        ok: true,
        value: [
          { id: 'a', name: 'a.txt', size: 1, type: 'text/plain', tooLarge: false },
          { id: 'b', name: 'b.pdf', size: 99, type: 'application/pdf', tooLarge: true },
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
