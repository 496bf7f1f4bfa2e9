// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { version } from '../../package.json'
import { MAX_IMPORT_BYTES } from '../../electron/contract'
import { PlatformError } from './errors'
import { acceptFor, createWebPlatform, fromBrowserFile } from './web'

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

/** Reads a Blob through FileReader, which jsdom implements (unlike Blob.text). */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error)
    reader.readAsText(blob)
  })
}

/** Makes the next file input "choose" `files` (or cancel, for null) when it is clicked. */
function onFileInputClick(files: File[] | null) {
  const seen: HTMLInputElement[] = []
  vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
    this: HTMLInputElement,
  ) {
    seen.push(this)
    expect(this.isConnected).toBe(true)
    if (files === null) {
      this.dispatchEvent(new Event('cancel'))
    } else {
      Object.defineProperty(this, 'files', { value: files })
      this.dispatchEvent(new Event('change'))
    }
  })
  return seen
}

describe('web openFiles', () => {
  it('uses a hidden file input with the accepted extensions', async () => {
    const inputs = onFileInputClick([])
    await createWebPlatform().openFiles({
      title: 'Import documents',
      extensions: ['txt', 'pdf', 'docx'],
      multiple: true,
    })
    expect(inputs).toHaveLength(1)
    const input = inputs[0]!
    expect(input.type).toBe('file')
    expect(input.multiple).toBe(true)
    expect(input.hidden).toBe(true)
    expect(input.accept).toBe('.txt,.pdf,.docx')
    expect(input.isConnected).toBe(false)
  })

  it('resolves the chosen files as SourceFiles', async () => {
    // jsdom's File has no arrayBuffer(); a browser's does, and that is all fromBrowserFile uses.
    const bytes = new TextEncoder().encode('hello')
    const file = {
      name: 'note.txt',
      size: 5,
      type: 'text/plain',
      arrayBuffer: async () => bytes.buffer,
    } as unknown as File
    onFileInputClick([file])
    const [source, ...rest] = await createWebPlatform().openFiles({
      title: 'x',
      extensions: ['txt'],
      multiple: false,
    })
    expect(rest).toEqual([])
    expect(source).toMatchObject({ name: 'note.txt', size: 5, type: 'text/plain', tooLarge: false })
    expect(new TextDecoder().decode(await source!.read())).toBe('hello')
  })

  it('resolves [] when the user cancels', async () => {
    const inputs = onFileInputClick(null)
    const files = await createWebPlatform().openFiles({
      title: 'x',
      extensions: ['json'],
      multiple: false,
    })
    expect(files).toEqual([])
    expect(inputs[0]!.isConnected).toBe(false)
  })
})

describe('fromBrowserFile and acceptFor', () => {
  it('flags files over the import cap', () => {
    const big = new File(['x'], 'big.pdf')
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 })
    expect(fromBrowserFile(big).tooLarge).toBe(true)
    expect(fromBrowserFile(new File(['x'], 'small.pdf')).tooLarge).toBe(false)
  })

  it('hands the File over as its Blob, so that an import can read small files in groups', () => {
    const f = new File(['report'], 'a.txt')
    expect(fromBrowserFile(f).blob).toBe(f)
  })

  it('tolerates extensions given with a dot', () => {
    expect(acceptFor(['.md', 'html'])).toBe('.md,.html')
  })
})

describe('web saveFile', () => {
  it('downloads the data through a Blob URL and revokes it later', async () => {
    vi.useFakeTimers()
    let blob: Blob | undefined
    const create = vi.fn((b: Blob) => {
      blob = b
      return 'blob:casefile/1'
    })
    const revoke = vi.fn()
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke })
    const clicked: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this)
    })

    const saved = await createWebPlatform().saveFile({
      title: 'Export case backup',
      suggestedName: 'case.casefile.json',
      mime: 'application/json',
      data: new TextEncoder().encode('{"a":1}'),
    })

    expect(saved).toBe(true)
    expect(clicked).toHaveLength(1)
    expect(clicked[0]!.download).toBe('case.casefile.json')
    expect(clicked[0]!.getAttribute('href')).toBe('blob:casefile/1')
    expect(clicked[0]!.isConnected).toBe(false)
    expect(blob!.type).toBe('application/json')
    expect(revoke).not.toHaveBeenCalled()
    vi.runAllTimers()
    expect(revoke).toHaveBeenCalledWith('blob:casefile/1')
    vi.useRealTimers()
    expect(await readText(blob!)).toBe('{"a":1}')
  })
})

describe('web appInfo, openExternal and menus', () => {
  it('describes the browser', async () => {
    const info = await createWebPlatform().appInfo()
    expect(info).toEqual({
      name: 'Casefile',
      version,
      shell: 'web',
      runtime: navigator.userAgent,
    })
  })

  it('opens http(s) links in a new tab without an opener', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    await createWebPlatform().openExternal('https://example.com/report')
    expect(open).toHaveBeenCalledWith('https://example.com/report', '_blank', 'noopener,noreferrer')
  })

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'not a url'])(
    'refuses %s',
    async (url) => {
      const open = vi.spyOn(window, 'open').mockImplementation(() => null)
      await expect(createWebPlatform().openExternal(url)).rejects.toBeInstanceOf(PlatformError)
      expect(open).not.toHaveBeenCalled()
    },
  )

  it('opens a print route in a new tab of this page, without an opener', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    const route = '#/print/case-1/briefing-2?size=A4'
    const printed = await createWebPlatform().printBriefing({
      route,
      suggestedName: 'Briefing.pdf',
      title: 'Save the briefing as PDF',
    })
    expect(printed).toBe(true)
    expect(open).toHaveBeenCalledWith(
      `${location.pathname}${location.search}${route}`,
      '_blank',
      'noopener',
    )
  })

  it.each(['//evil.example/', 'https://evil.example/#/print/a/b?size=A4', '#/print/a/b'])(
    'refuses to open %s as a print route',
    async (route) => {
      const open = vi.spyOn(window, 'open').mockImplementation(() => null)
      const print = createWebPlatform().printBriefing({ route, suggestedName: 'x.pdf', title: 'x' })
      await expect(print).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' })
      expect(open).not.toHaveBeenCalled()
    },
  )

  it('has no native menu: subscribing returns a harmless unsubscribe', () => {
    const platform = createWebPlatform()
    expect(platform.shell).toBe('web')
    const off = platform.onMenuCommand(() => {
      throw new Error('never called')
    })
    expect(off).toBeTypeOf('function')
    expect(() => off()).not.toThrow()
  })
})
