import { describe, expect, it, vi } from 'vitest'
import type { CasefileApi, MenuCommand, PickedFile } from '../../electron/contract'
import { createDesktopPlatform, readChunks, toSourceFile } from './desktop'
import { PlatformError, TooLargeError } from './errors'

const noServer = {
  serverUrl: null,
  user: '',
  authKind: 'password' as const,
  hasSecret: false,
  secretKept: 'none' as const,
}

function fakeApi(overrides: Partial<CasefileApi> = {}) {
  let menuListener: ((command: MenuCommand) => void) | undefined
  const unsubscribe = vi.fn()
  const api: CasefileApi = {
    pickFiles: vi.fn(async () => ({ ok: true as const, value: [] })),
    readFile: vi.fn(async () => ({ ok: true as const, value: { data: new Uint8Array() } })),
    readChunk: vi.fn(async () => ({ ok: true as const, value: { data: new Uint8Array() } })),
    saveFile: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    appInfo: vi.fn(async () => ({
      ok: true as const,
      value: { name: 'Casefile', version: '1.2.3', shell: 'desktop' as const, runtime: 'Electron' },
    })),
    openExternal: vi.fn(async () => ({ ok: true as const, value: null })),
    printBriefing: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    configureTeamServer: vi.fn(async () => ({ ok: true as const, value: noServer })),
    teamServerStatus: vi.fn(async () => ({ ok: true as const, value: noServer })),
    teamServerRequest: vi.fn(async () => ({
      ok: true as const,
      value: { status: 200, headers: {}, body: '{}' },
    })),
    onMenuCommand: (listener) => {
      menuListener = listener
      return unsubscribe
    },
    ...overrides,
  }
  return { api, unsubscribe, emit: (command: string) => menuListener?.(command as MenuCommand) }
}

/** A `readChunk` that must not be called. */
const readChunk = vi.fn<CasefileApi['readChunk']>(() => Promise.reject(new Error('not expected')))

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
    const file = toSourceFile(picked(), { readFile, readChunk })
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
    const file = toSourceFile(picked({ size: 2 }), { readFile, readChunk })
    expect([...new Uint8Array(await file.read())]).toEqual([1, 2])
  })

  it('flags an over-size file and rejects its read with a TooLargeError, unread', async () => {
    const readFile = vi.fn()
    const file = toSourceFile(picked({ name: 'big.pdf', size: 60e6, tooLarge: true }), {
      readFile,
      readChunk,
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
    await expect(toSourceFile(picked(), { readFile, readChunk }).read()).rejects.toThrow(
      'The file no longer exists.',
    )
    const gone = toSourceFile(picked({ readError: 'Not a regular file.' }), { readFile, readChunk })
    await expect(gone.read()).rejects.toThrow('Not a regular file.')
  })
})

/** A fake `readChunk` over `bytes`, answering like main: short only at the end. */
function chunksOf(bytes: Uint8Array) {
  return vi.fn<CasefileApi['readChunk']>(async ({ offset, length }) => ({
    ok: true,
    value: { data: bytes.slice(offset, offset + length) },
  }))
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
  }
}

/** The first index where `a` and `b` differ, or -1 (toEqual on megabytes is far too slow). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.byteLength, b.byteLength)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return -1
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    all.set(chunk, at)
    at += chunk.byteLength
  }
  return all
}

describe('readChunks and a backup SourceFile', () => {
  const ID = '00000000-0000-4000-8000-000000000002'
  const MiB = 1024 * 1024
  // 10 MiB of a pattern that differs from chunk to chunk, so a reordering would show.
  const bytes = new Uint8Array(10 * MiB)
  for (let i = 0; i < bytes.byteLength; i++) bytes[i] = (i * 7 + (i >> 20)) & 0xff
  const backup: PickedFile = {
    id: ID,
    name: 'case.casefile.json',
    size: bytes.byteLength,
    type: 'application/json',
    tooLarge: false,
  }

  it('streams the file in order, 4 MiB per files:readChunk call, the last one short', async () => {
    const readChunk = chunksOf(bytes)
    const file = toSourceFile(backup, { readFile: vi.fn(), readChunk }, 'backup')
    expect(readChunk).not.toHaveBeenCalled()
    const chunks = await drain(file.stream!())
    expect(chunks.map((c) => c.byteLength)).toEqual([4 * MiB, 4 * MiB, 2 * MiB])
    expect(readChunk.mock.calls.map(([p]) => p)).toEqual([
      { id: ID, offset: 0, length: 4 * MiB },
      { id: ID, offset: 4 * MiB, length: 4 * MiB },
      { id: ID, offset: 8 * MiB, length: 2 * MiB },
    ])
    expect(firstDifference(concat(chunks), bytes)).toBe(-1)
  })

  it('reads small chunks in order and an empty file as no chunks', async () => {
    const small = new TextEncoder().encode('{"format":"casefile-backup"}')
    const file = { ...backup, size: small.byteLength }
    const chunks = await drain(readChunks(file, { readChunk: chunksOf(small) }, 5))
    expect(chunks.map((c) => c.byteLength)).toEqual([5, 5, 5, 5, 5, 3])
    expect(new TextDecoder().decode(concat(chunks))).toBe('{"format":"casefile-backup"}')
    const empty = chunksOf(new Uint8Array())
    expect(await drain(readChunks({ ...backup, size: 0 }, { readChunk: empty }))).toEqual([])
    expect(empty).not.toHaveBeenCalled()
  })

  it('errors with the code main gave when a chunk is refused, e.g. FILE_CHANGED', async () => {
    const readChunk = vi.fn<CasefileApi['readChunk']>(async ({ offset, length }) =>
      offset === 0
        ? { ok: true, value: { data: bytes.slice(0, length) } }
        : {
            ok: false,
            error: { code: 'FILE_CHANGED', message: 'The file changed after it was chosen.' },
          },
    )
    const error = await drain(readChunks(backup, { readChunk })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformError)
    expect(error).toMatchObject({ code: 'FILE_CHANGED' })
  })

  it('errors when main answers short before the end', async () => {
    const readChunk = vi.fn<CasefileApi['readChunk']>(async () => ({
      ok: true,
      value: { data: new Uint8Array(10) },
    }))
    const error = await drain(readChunks(backup, { readChunk })).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'PlatformError', code: 'FILE_CHANGED' })
  })

  it('refuses an over-size or unreadable backup without asking main', async () => {
    const readChunk = chunksOf(bytes)
    const big = readChunks({ ...backup, size: 600 * MiB, tooLarge: true }, { readChunk })
    await expect(drain(big)).rejects.toMatchObject({ code: 'TOO_LARGE' })
    const gone = readChunks({ ...backup, readError: 'The file no longer exists.' }, { readChunk })
    await expect(drain(gone)).rejects.toThrow('The file no longer exists.')
    expect(readChunk).not.toHaveBeenCalled()
  })

  it('gives a stream to files picked as a backup only, and passes the purpose on', async () => {
    const { api } = fakeApi({
      pickFiles: vi.fn(async () => ({ ok: true as const, value: [backup] })),
      readChunk: chunksOf(bytes),
    })
    const platform = createDesktopPlatform(api)
    const [restored] = await platform.openFiles({
      title: 'Restore case backup',
      extensions: ['json'],
      multiple: false,
      purpose: 'backup',
    })
    expect(api.pickFiles).toHaveBeenLastCalledWith({
      title: 'Restore case backup',
      extensions: ['json'],
      multiple: false,
      purpose: 'backup',
    })
    expect(firstDifference(concat(await drain(restored!.stream!())), bytes)).toBe(-1)
    const [imported] = await platform.openFiles({
      title: 't',
      extensions: ['json'],
      multiple: false,
    })
    expect(imported!.stream).toBeUndefined()
  })
})

describe('createDesktopPlatform', () => {
  it('passes one payload object per call and unwraps the results', async () => {
    const { api } = fakeApi()
    const platform = createDesktopPlatform(api)
    expect(platform.shell).toBe('desktop')

    await platform.openFiles({ title: 't', extensions: ['txt'], multiple: true })
    expect(api.pickFiles).toHaveBeenCalledWith({
      title: 't',
      extensions: ['txt'],
      multiple: true,
      purpose: 'import',
    })

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
