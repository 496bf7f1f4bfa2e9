import {
  appendFile,
  mkdtemp,
  readFile,
  readdir,
  rm,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CHANNELS,
  MAX_CHUNK_BYTES,
  MAX_IMPORT_BYTES,
  MAX_RESTORE_BYTES,
  type AppInfoValue,
  type PickedFile,
  type ReadChunkValue,
  type ReadFileValue,
} from '../contract'
import { PAYLOAD_SCHEMAS } from '../contract-schemas'
import { PickedFiles } from './file-io'
import { handleCall, isTrustedEvent, registerIpc, type IpcDeps } from './ipc'
import { createTeamServerMain } from './taxii'

/** An OS without a key store: secrets stay in memory (the team server tests use a real one). */
const noKeyStore = {
  isAsyncEncryptionAvailable: async () => false,
  encryptStringAsync: async () => Buffer.alloc(0),
  decryptStringAsync: async () => ({ result: '' }),
}

const APP_URL = 'app://casefile/index.html'
const owner = { id: 1 } as unknown as WebContents

interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

function eventFrom(url: string | null, parent: FakeFrame | null = null): IpcMainInvokeEvent {
  const senderFrame = url === null ? null : { url, parent }
  return { sender: owner, senderFrame } as unknown as IpcMainInvokeEvent
}

const trusted = eventFrom(APP_URL)

const info: AppInfoValue = {
  name: 'Casefile',
  version: '0.1.0',
  shell: 'desktop',
  runtime: 'Electron 45.5.0 (Chromium 142) on linux',
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n%fake\n')

let dir: string

function makeDeps(overrides: Partial<IpcDeps> = {}) {
  const deps = {
    showOpenDialog: vi.fn<IpcDeps['showOpenDialog']>(async () => ({
      canceled: true,
      filePaths: [],
    })),
    showSaveDialog: vi.fn<IpcDeps['showSaveDialog']>(async () => ({
      canceled: true,
      filePath: '',
    })),
    openExternal: vi.fn<IpcDeps['openExternal']>(async () => {}),
    appInfo: vi.fn(() => info),
    printToPdf: vi.fn<IpcDeps['printToPdf']>(async () => PDF_BYTES),
    defaultSaveFolder: () => dir,
    teamServer: createTeamServerMain({ dir, secrets: noKeyStore, platform: 'linux' }),
    log: vi.fn(),
    ...overrides,
  }
  return deps
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-ipc-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the sender check', () => {
  it('trusts only the app page in its top frame', () => {
    expect(isTrustedEvent(trusted)).toBe(true)
    expect(isTrustedEvent(eventFrom(null))).toBe(false)
    expect(isTrustedEvent(eventFrom('https://evil.example/'))).toBe(false)
    expect(isTrustedEvent(eventFrom(APP_URL, { url: APP_URL, parent: null }))).toBe(false)
    expect(isTrustedEvent(eventFrom('http://localhost:5173/'))).toBe(false)
    expect(isTrustedEvent(eventFrom('http://localhost:5173/'), 'http://localhost:5173')).toBe(true)
  })

  it.each(Object.keys(PAYLOAD_SCHEMAS))(
    '%s refuses an untrusted sender before looking at the payload',
    async (channel) => {
      const deps = makeDeps()
      const result = await handleCall(
        deps,
        channel as keyof typeof PAYLOAD_SCHEMAS,
        eventFrom('https://evil.example/'),
        { url: 'https://example.com/' },
      )
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
      expect(deps.showOpenDialog).not.toHaveBeenCalled()
      expect(deps.showSaveDialog).not.toHaveBeenCalled()
      expect(deps.openExternal).not.toHaveBeenCalled()
      expect(deps.appInfo).not.toHaveBeenCalled()
      expect(deps.printToPdf).not.toHaveBeenCalled()
    },
  )

  it('treats a sender whose frame is gone as untrusted', async () => {
    const result = await handleCall(makeDeps(), 'app:info', eventFrom(null), {})
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
  })
})

describe('payload validation', () => {
  it.each([
    ['files:pick', undefined],
    ['files:pick', { title: 'x', extensions: ['txt'] }],
    ['files:pick', { title: 'x', extensions: ['.txt'], multiple: true, purpose: 'import' }],
    ['files:pick', { title: 'x', extensions: ['txt'], multiple: true }],
    ['files:pick', { title: 'x', extensions: ['txt'], multiple: true, purpose: 'anything' }],
    ['files:read', { id: '/etc/passwd' }],
    ['files:read', { id: '00000000-0000-4000-8000-000000000000', path: '/etc/passwd' }],
    ['file:save', { title: 'x', suggestedName: '../x.json', mime: 'a', data: new Uint8Array() }],
    ['file:save', { title: 'x', suggestedName: 'x.json', mime: 'a', data: [1, 2] }],
    ['app:info', { extra: true }],
    ['link:open', { url: 42 }],
    ['briefing:print', { route: '#/print/c/b', suggestedName: 'x.pdf', title: 'x' }],
    ['briefing:print', { route: '#/print/c/b?size=A4', suggestedName: '/tmp/x.pdf', title: 'x' }],
  ] as const)('%s refuses %j', async (channel, payload) => {
    const deps = makeDeps()
    const result = await handleCall(deps, channel, trusted, payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    expect(deps.showOpenDialog).not.toHaveBeenCalled()
    expect(deps.showSaveDialog).not.toHaveBeenCalled()
  })
})

describe('files:pick and files:read', () => {
  const payload = {
    title: 'Import documents',
    extensions: ['txt', 'pdf'],
    multiple: true,
    purpose: 'import',
  }

  it('shows the dialog with the extension filters, owned by the calling window', async () => {
    const deps = makeDeps()
    await handleCall(deps, 'files:pick', trusted, payload)
    expect(deps.showOpenDialog).toHaveBeenCalledWith(owner, {
      title: 'Import documents',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Supported files', extensions: ['txt', 'pdf'] }],
    })
  })

  it('resolves to no files when cancelled', async () => {
    const result = await handleCall(makeDeps(), 'files:pick', trusted, payload)
    expect(result).toEqual({ ok: true, value: [] })
  })

  it('answers the pick without reading any file, then reads one file per call', async () => {
    await writeFile(join(dir, 'small.txt'), 'hello')
    await writeFile(join(dir, 'big.pdf'), new Uint8Array(64))
    const pickedFiles = new PickedFiles()
    const deps = makeDeps({
      maxImportBytes: 16,
      pickedFiles,
      showOpenDialog: vi.fn(async () => ({
        canceled: false,
        filePaths: [join(dir, 'small.txt'), join(dir, 'big.pdf'), join(dir, 'gone.txt')],
      })),
    })
    const result = await handleCall(deps, 'files:pick', trusted, payload)
    const files = (result as { value: PickedFile[] }).value
    expect(files).toHaveLength(3)
    expect(files[0]).toMatchObject({ name: 'small.txt', size: 5, tooLarge: false })
    expect(files[0]).not.toHaveProperty('data')
    expect(files[1]).toMatchObject({ name: 'big.pdf', size: 64, tooLarge: true })
    expect(files[2]!.readError).toBeTruthy()
    expect(new Set(files.map((f) => f.id)).size).toBe(3)
    // The file changes after the pick: the read sees it as it is now.
    await writeFile(join(dir, 'small.txt'), 'hello again')
    const read = await handleCall(deps, 'files:read', trusted, { id: files[0]!.id })
    expect(new TextDecoder().decode((read as { value: ReadFileValue }).value.data)).toBe(
      'hello again',
    )
    expect(await handleCall(deps, 'files:read', trusted, { id: files[1]!.id })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })
    expect(await handleCall(deps, 'files:read', trusted, { id: files[2]!.id })).toMatchObject({
      ok: false,
      error: { code: 'READ_FAILED' },
    })
  })

  it('reads only ids this window picked', async () => {
    await writeFile(join(dir, 'a.txt'), 'a')
    const pickedFiles = new PickedFiles()
    const deps = makeDeps({
      pickedFiles,
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [join(dir, 'a.txt')] })),
    })
    const [file] = (
      (await handleCall(deps, 'files:pick', trusted, payload)) as { value: PickedFile[] }
    ).value
    const otherWindow = {
      sender: { id: 2 },
      senderFrame: { url: APP_URL, parent: null },
    } as unknown as IpcMainInvokeEvent
    for (const [event, id] of [
      [otherWindow, file!.id],
      [trusted, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      expect(await handleCall(deps, 'files:read', event, { id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_PICKED' },
      })
    }
    expect(
      await handleCall(deps, 'files:read', eventFrom('https://evil.example/'), { id: file!.id }),
    ).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
  })

  it('forgets the oldest picks past its limit', () => {
    const picked = new PickedFiles(2)
    const first = picked.add('/a', 1)
    picked.add('/b', 1)
    picked.add('/c', 1)
    expect(picked.size).toBe(2)
    expect(picked.pathOf(first, 1)).toBeUndefined()
  })

  it('picks one file when one was asked for', async () => {
    await writeFile(join(dir, 'a.json'), '{}')
    await writeFile(join(dir, 'b.json'), '{}')
    const showOpenDialog = vi.fn<IpcDeps['showOpenDialog']>(async () => ({
      canceled: false,
      filePaths: [join(dir, 'a.json'), join(dir, 'b.json')],
    }))
    const deps = makeDeps({ showOpenDialog })
    const result = await handleCall(deps, 'files:pick', trusted, { ...payload, multiple: false })
    expect(showOpenDialog.mock.calls[0]![1].properties).toEqual(['openFile'])
    expect((result as { value: PickedFile[] }).value.map((f) => f.name)).toEqual(['a.json'])
  })

  it('turns a failing dialog into a Result', async () => {
    const deps = makeDeps({ showOpenDialog: vi.fn(() => Promise.reject(new Error('boom'))) })
    const result = await handleCall(deps, 'files:pick', trusted, payload)
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
    expect(deps.log).toHaveBeenCalled()
  })
})

describe('files:readChunk', () => {
  const ID = '00000000-0000-4000-8000-000000000000'
  const backupPick = {
    title: 'Restore case backup',
    extensions: ['json'],
    multiple: false,
    purpose: 'backup',
  }

  /** Picks `name` in `dir` (as a backup unless told) and returns the deps and the picked file. */
  async function pick(name: string, extra: Partial<IpcDeps> = {}, purpose = 'backup') {
    const deps = makeDeps({
      pickedFiles: new PickedFiles(),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [join(dir, name)] })),
      ...extra,
    })
    const result = await handleCall(deps, 'files:pick', trusted, { ...backupPick, purpose })
    const [file] = (result as { ok: true; value: PickedFile[] }).value
    return { deps, file: file! }
  }

  async function chunk(deps: IpcDeps, id: string, offset: number, length: number) {
    return handleCall(deps, 'files:readChunk', trusted, { id, offset, length })
  }

  function bytesOf(result: unknown): Uint8Array {
    expect(result).toMatchObject({ ok: true })
    return (result as { value: ReadChunkValue }).value.data
  }

  it('reads a real file chunk by chunk, in order, the last chunk short', async () => {
    const data = new Uint8Array(10_000).map((_, i) => (i * 31) & 0xff)
    await writeFile(join(dir, 'case.casefile.json'), data)
    const { deps, file } = await pick('case.casefile.json')
    expect(file).toMatchObject({ size: 10_000, tooLarge: false })
    const chunks: Uint8Array[] = []
    for (let offset = 0; offset < file.size; offset += 4096) {
      chunks.push(bytesOf(await chunk(deps, file.id, offset, 4096)))
    }
    expect(chunks.map((c) => c.byteLength)).toEqual([4096, 4096, 1808])
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true)
    // A chunk from the middle, and nothing at the very end.
    expect([...bytesOf(await chunk(deps, file.id, 5000, 3))]).toEqual([...data.slice(5000, 5003)])
    expect(bytesOf(await chunk(deps, file.id, 10_000, 4096)).byteLength).toBe(0)
    expect(await chunk(deps, file.id, 10_001, 1)).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_RANGE' },
    })
  })

  it.each([
    ['grows', (path: string) => appendFile(path, 'more')],
    ['shrinks', (path: string) => truncate(path, 100)],
    ['is rewritten at the same size', (path: string) => utimes(path, new Date(), new Date(0))],
  ])('refuses with FILE_CHANGED a file that %s after the pick', async (_label, change) => {
    const path = join(dir, 'backup.json')
    await writeFile(path, new Uint8Array(9000).fill(7))
    const { deps, file } = await pick('backup.json')
    expect(bytesOf(await chunk(deps, file.id, 0, 4096)).byteLength).toBe(4096)
    await change(path)
    expect(await chunk(deps, file.id, 4096, 4096)).toMatchObject({
      ok: false,
      error: { code: 'FILE_CHANGED' },
    })
  })

  it('reports a file gone since the pick as READ_FAILED', async () => {
    await writeFile(join(dir, 'backup.json'), '{}')
    const { deps, file } = await pick('backup.json')
    await rm(join(dir, 'backup.json'))
    expect(await chunk(deps, file.id, 0, 2)).toMatchObject({
      ok: false,
      error: { code: 'READ_FAILED', message: 'The file no longer exists.' },
    })
  })

  it('reads only ids this window picked', async () => {
    await writeFile(join(dir, 'backup.json'), '{}')
    const { deps, file } = await pick('backup.json')
    const otherWindow = {
      sender: { id: 2 },
      senderFrame: { url: APP_URL, parent: null },
    } as unknown as IpcMainInvokeEvent
    const payload = { id: file.id, offset: 0, length: 2 }
    expect(await handleCall(deps, 'files:readChunk', otherWindow, payload)).toMatchObject({
      ok: false,
      error: { code: 'NOT_PICKED' },
    })
    expect(await chunk(deps, ID, 0, 2)).toMatchObject({ ok: false, error: { code: 'NOT_PICKED' } })
    expect(
      await handleCall(deps, 'files:readChunk', eventFrom('https://evil.example/'), payload),
    ).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    expect(bytesOf(await chunk(deps, file.id, 0, 2))).toEqual(new Uint8Array([123, 125]))
  })

  it.each([
    ['a length over 4 MiB', { id: ID, offset: 0, length: MAX_CHUNK_BYTES + 1 }],
    ['a length of 0', { id: ID, offset: 0, length: 0 }],
    ['a negative offset', { id: ID, offset: -1, length: 1 }],
    ['a fractional offset', { id: ID, offset: 0.5, length: 1 }],
    ['a string offset', { id: ID, offset: '0', length: 1 }],
    ['a path for an id', { id: '/etc/passwd', offset: 0, length: 1 }],
    ['an extra key', { id: ID, offset: 0, length: 1, path: '/etc/passwd' }],
    ['no length', { id: ID, offset: 0 }],
  ])('refuses %s as INVALID_PAYLOAD', async (_label, payload) => {
    const result = await handleCall(makeDeps(), 'files:readChunk', trusted, payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
  })

  it('allows exactly 4 MiB per chunk', async () => {
    await writeFile(join(dir, 'backup.json'), new Uint8Array(MAX_CHUNK_BYTES + 10))
    const { deps, file } = await pick('backup.json')
    expect(bytesOf(await chunk(deps, file.id, 0, MAX_CHUNK_BYTES)).byteLength).toBe(MAX_CHUNK_BYTES)
  })

  it('caps a backup at its own limit, not the import limit', async () => {
    await writeFile(join(dir, 'mid.json'), new Uint8Array(40).fill(1))
    await writeFile(join(dir, 'huge.json'), new Uint8Array(65).fill(2))
    const caps = { maxImportBytes: 16, maxRestoreBytes: 64 }
    const asImport = await pick('mid.json', caps, 'import')
    expect(asImport.file.tooLarge).toBe(true)
    expect(await chunk(asImport.deps, asImport.file.id, 0, 8)).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })
    const asBackup = await pick('mid.json', caps)
    expect(asBackup.file.tooLarge).toBe(false)
    expect(bytesOf(await chunk(asBackup.deps, asBackup.file.id, 32, 16))).toEqual(
      new Uint8Array(8).fill(1),
    )
    const huge = await pick('huge.json', caps)
    expect(huge.file.tooLarge).toBe(true)
    expect(await chunk(huge.deps, huge.file.id, 0, 8)).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })
  })

  it('by default lets a 65 MiB backup through in chunks, and refuses one over 500 MiB', async () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024)
    expect(MAX_RESTORE_BYTES).toBe(500 * 1024 * 1024)
    // Sparse files: only the marker at the end takes disk space.
    const path = join(dir, 'big.json')
    const size = 65 * 1024 * 1024
    await writeFile(path, '')
    await truncate(path, size - 6)
    await appendFile(path, 'MARKER')
    expect((await pick('big.json', {}, 'import')).file.tooLarge).toBe(true)
    const { deps, file } = await pick('big.json')
    expect(file).toMatchObject({ size, tooLarge: false })
    const last = bytesOf(await chunk(deps, file.id, size - MAX_CHUNK_BYTES, MAX_CHUNK_BYTES))
    expect(last.byteLength).toBe(MAX_CHUNK_BYTES)
    expect(Buffer.from(last.subarray(-6)).toString()).toBe('MARKER')
    // The whole-file read keeps the import limit.
    expect(await handleCall(deps, 'files:read', trusted, { id: file.id })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })

    await writeFile(join(dir, 'over.json'), '')
    await truncate(join(dir, 'over.json'), MAX_RESTORE_BYTES + 1)
    const over = await pick('over.json')
    expect(over.file.tooLarge).toBe(true)
    expect(await chunk(over.deps, over.file.id, 0, 8)).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    })
  })
})

describe('file:save', () => {
  const data = new TextEncoder().encode('{"case":1}')
  const payload = {
    title: 'Export case backup',
    suggestedName: 'case.casefile.json',
    mime: 'application/json',
    data,
  }

  it('suggests the name in the default folder with a filter for its extension', async () => {
    const deps = makeDeps()
    const result = await handleCall(deps, 'file:save', trusted, payload)
    expect(result).toEqual({ ok: true, value: { saved: false } })
    expect(deps.showSaveDialog).toHaveBeenCalledWith(owner, {
      title: 'Export case backup',
      defaultPath: join(dir, 'case.casefile.json'),
      filters: [{ name: 'JSON file', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    })
  })

  it('writes the file where the user chose, atomically', async () => {
    const target = join(dir, 'chosen.json')
    await writeFile(target, 'old')
    const deps = makeDeps({
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })),
    })
    const result = await handleCall(deps, 'file:save', trusted, payload)
    expect(result).toEqual({ ok: true, value: { saved: true } })
    expect(await readFile(target, 'utf8')).toBe('{"case":1}')
    expect(await readdir(dir)).toEqual(['chosen.json'])
  })

  it('reports a failed write as WRITE_FAILED', async () => {
    const deps = makeDeps({
      showSaveDialog: vi.fn(async () => ({
        canceled: false,
        filePath: join(dir, 'no-such-folder', 'x.json'),
      })),
    })
    const result = await handleCall(deps, 'file:save', trusted, payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } })
  })
})

describe('briefing:print', () => {
  const payload = {
    route: '#/print/case-1/briefing-2?size=Letter',
    suggestedName: 'Weekend strikes.pdf',
    title: 'Save the briefing as PDF',
  }
  const choose = (filePath: string) =>
    vi.fn<IpcDeps['showSaveDialog']>(async () => ({ canceled: false, filePath }))

  it.each([
    ['a route with no size', '#/print/case-1/briefing-2'],
    ['another size', '#/print/case-1/briefing-2?size=A3'],
    ['another route', '#/library/case-1?size=A4'],
    ['a full URL', 'https://evil.example/#/print/a/b?size=A4'],
    ['an app URL', 'app://casefile/index.html#/print/a/b?size=A4'],
    ['an extra segment', '#/print/a/b/c?size=A4'],
    ['an extra query', '#/print/a/b?size=A4&x=1'],
    ['a second hash', '#/print/a/b?size=A4#x'],
    ['an over-long id', `#/print/${'x'.repeat(201)}/b?size=A4`],
    ['an empty id', '#/print//b?size=A4'],
  ])('refuses %s before showing the dialog', async (_label, route) => {
    const deps = makeDeps()
    const result = await handleCall(deps, 'briefing:print', trusted, { ...payload, route })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    expect(deps.showSaveDialog).not.toHaveBeenCalled()
    expect(deps.printToPdf).not.toHaveBeenCalled()
  })

  it('offers a PDF in the default folder and prints nothing when cancelled', async () => {
    const deps = makeDeps()
    const result = await handleCall(deps, 'briefing:print', trusted, payload)
    expect(result).toEqual({ ok: true, value: { saved: false } })
    expect(deps.showSaveDialog).toHaveBeenCalledWith(owner, {
      title: 'Save the briefing as PDF',
      defaultPath: join(dir, 'Weekend strikes.pdf'),
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    })
    expect(deps.printToPdf).not.toHaveBeenCalled()
  })

  it('treats a dialog without a path as cancelled', async () => {
    const deps = makeDeps({ showSaveDialog: choose('') })
    const result = await handleCall(deps, 'briefing:print', trusted, payload)
    expect(result).toEqual({ ok: true, value: { saved: false } })
    expect(deps.printToPdf).not.toHaveBeenCalled()
  })

  it('suggests a .pdf name even when the renderer left the extension off', async () => {
    const showSaveDialog = vi.fn<IpcDeps['showSaveDialog']>(async () => ({
      canceled: true,
      filePath: '',
    }))
    const deps = makeDeps({ showSaveDialog })
    await handleCall(deps, 'briefing:print', trusted, { ...payload, suggestedName: 'Briefing' })
    expect(showSaveDialog.mock.calls[0]![1].defaultPath).toBe(join(dir, 'Briefing.pdf'))
  })

  it('prints the route on the paper it names and writes the PDF where the user chose', async () => {
    const target = join(dir, 'chosen.pdf')
    await writeFile(target, 'old')
    const deps = makeDeps({ showSaveDialog: choose(target) })
    const result = await handleCall(deps, 'briefing:print', trusted, payload)
    expect(result).toEqual({ ok: true, value: { saved: true } })
    expect(deps.printToPdf).toHaveBeenCalledWith('#/print/case-1/briefing-2?size=Letter', 'Letter')
    expect(new Uint8Array(await readFile(target))).toEqual(PDF_BYTES)
    expect(await readdir(dir)).toEqual(['chosen.pdf'])
  })

  it('asks for A4 when the route does', async () => {
    const deps = makeDeps({ showSaveDialog: choose(join(dir, 'a4.pdf')) })
    const route = '#/print/case%201/b%C3%A9?size=A4'
    await handleCall(deps, 'briefing:print', trusted, { ...payload, route })
    expect(deps.printToPdf).toHaveBeenCalledWith(route, 'A4')
  })

  it('reports a failed print as PRINT_FAILED and writes nothing', async () => {
    const target = join(dir, 'chosen.pdf')
    const deps = makeDeps({
      showSaveDialog: choose(target),
      printToPdf: vi.fn(() => Promise.reject(new Error('The briefing was not ready to print.'))),
    })
    const result = await handleCall(deps, 'briefing:print', trusted, payload)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PRINT_FAILED',
        message: 'The briefing could not be printed: The briefing was not ready to print.',
      },
    })
    expect(await readdir(dir)).toEqual([])
    expect(deps.log).toHaveBeenCalled()
  })

  it('reports a failed write as WRITE_FAILED', async () => {
    const deps = makeDeps({ showSaveDialog: choose(join(dir, 'no-such-folder', 'x.pdf')) })
    const result = await handleCall(deps, 'briefing:print', trusted, payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } })
  })

  it('refuses an untrusted sender, even with a valid payload', async () => {
    for (const event of [
      eventFrom('https://evil.example/'),
      eventFrom(APP_URL, { url: APP_URL, parent: null }),
      eventFrom(null),
    ]) {
      const deps = makeDeps({ showSaveDialog: choose(join(dir, 'x.pdf')) })
      const result = await handleCall(deps, 'briefing:print', event, payload)
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
      expect(deps.showSaveDialog).not.toHaveBeenCalled()
      expect(deps.printToPdf).not.toHaveBeenCalled()
    }
    expect(await readdir(dir)).toEqual([])
  })
})

describe('link:open', () => {
  it('opens allowed links, normalised', async () => {
    const deps = makeDeps()
    const result = await handleCall(deps, 'link:open', trusted, { url: 'HTTPS://Example.com' })
    expect(result).toEqual({ ok: true, value: null })
    expect(deps.openExternal).toHaveBeenCalledWith('https://example.com/')
  })

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://a@b.example/', 'nonsense'])(
    'refuses %s without calling the shell',
    async (url) => {
      const deps = makeDeps()
      const result = await handleCall(deps, 'link:open', trusted, { url })
      expect(result).toMatchObject({ ok: false, error: { code: 'URL_NOT_ALLOWED' } })
      expect(deps.openExternal).not.toHaveBeenCalled()
    },
  )
})

describe('app:info', () => {
  it('returns the app info', async () => {
    expect(await handleCall(makeDeps(), 'app:info', trusted, {})).toEqual({ ok: true, value: info })
  })
})

describe('registerIpc', () => {
  it('registers one handler per channel, each going through the gate', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => unknown>()
    const ipcMain = {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => unknown) =>
        handlers.set(channel, fn),
    } as unknown as IpcMain
    registerIpc(ipcMain, makeDeps())
    expect([...handlers.keys()].sort()).toEqual(
      [
        CHANNELS.appInfo,
        CHANNELS.briefingPrint,
        CHANNELS.fileSave,
        CHANNELS.filesPick,
        CHANNELS.fileRead,
        CHANNELS.fileReadChunk,
        CHANNELS.linkOpen,
        CHANNELS.taxiiConfigure,
        CHANNELS.taxiiStatus,
        CHANNELS.taxiiRequest,
      ].sort(),
    )
    expect(await handlers.get('app:info')!(trusted, {})).toEqual({ ok: true, value: info })
    // A team server refusal crosses the bridge with its code, not as INTERNAL.
    expect(
      await handlers.get('taxii:request')!(trusted, { method: 'GET', url: 'https://x.example/' }),
    ).toEqual({
      ok: false,
      error: { code: 'NOT_CONFIGURED', message: expect.stringContaining('Team server settings') },
    })
    expect(
      await handlers.get('taxii:configure')!(trusted, {
        serverUrl: 'http://x.example/',
        user: '',
        authKind: 'password',
      }),
    ).toMatchObject({ ok: false, error: { code: 'URL_NOT_ALLOWED' } })
    expect(await handlers.get('app:info')!(eventFrom('https://evil.example/'), {})).toMatchObject({
      ok: false,
    })
  })
})
