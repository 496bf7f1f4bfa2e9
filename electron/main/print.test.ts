import { EventEmitter } from 'node:events'
import type {
  BrowserWindowConstructorOptions,
  PrintToPDFOptions,
  Session,
  WebContents,
} from 'electron'
import { JSDOM } from 'jsdom'
import { describe, expect, it, vi } from 'vitest'
import {
  PrintError,
  READY_CHECK,
  parseReadiness,
  printRouteToPdf,
  printUrl,
  type PrintDeps,
} from './print'
import { APP_ENTRY_URL, WINDOW_PREFERENCES } from './security'

const ROUTE = '#/print/case-1/briefing-2?size=A4'
const PDF = Buffer.from('%PDF-1.7\n%fake\n')

type OpenHandler = (details: { url: string }) => { action: string }

/** A hidden window whose page answers READY_CHECK with `answers`, one per poll (the last repeats). */
function fakeWindow(
  answers: unknown[] = [{ state: 'ready' }],
  overrides: { loadURL?: () => Promise<void>; printToPDF?: () => Promise<Buffer> } = {},
) {
  const emitter = new EventEmitter()
  let openHandler: OpenHandler | undefined
  let destroyed = false
  let polls = 0
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: vi.fn((h: OpenHandler) => {
      openHandler = h
    }),
    loadURL: vi.fn<(url: string) => Promise<void>>(overrides.loadURL ?? (async () => {})),
    executeJavaScript: vi.fn(
      async (_code: string) => answers[Math.min(polls++, answers.length - 1)],
    ),
    printToPDF: vi.fn<(options: PrintToPDFOptions) => Promise<Buffer>>(
      overrides.printToPDF ?? (async () => PDF),
    ),
  })
  const win = {
    webContents: contents as unknown as WebContents,
    destroy: vi.fn(() => {
      destroyed = true
    }),
    isDestroyed: () => destroyed,
  }
  const created: BrowserWindowConstructorOptions[] = []
  const deps: PrintDeps = {
    createWindow: (options) => {
      created.push(options)
      return win
    },
    pollIntervalMs: 1,
    log: vi.fn(),
  }
  return {
    deps,
    win,
    contents,
    created,
    emitter,
    open: (url: string) => openHandler!({ url }),
  }
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() }
}

describe('printRouteToPdf', () => {
  it('opens a hidden, sandboxed window without a preload on the app session', async () => {
    const fake = fakeWindow()
    const session = { id: 'default' } as unknown as Session
    await printRouteToPdf({ ...fake.deps, session }, { route: ROUTE, pageSize: 'A4' })
    expect(fake.created).toHaveLength(1)
    const options = fake.created[0]!
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({
      ...WINDOW_PREFERENCES,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      session,
    })
    expect(options.webPreferences).not.toHaveProperty('preload')
    expect(options.webPreferences).not.toHaveProperty('partition')
  })

  it('loads the route on the app page, waits until ready, and returns the PDF bytes', async () => {
    const fake = fakeWindow([{ state: 'waiting' }, { state: 'waiting' }, { state: 'ready' }])
    const pdf = await printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' })
    expect(fake.contents.loadURL).toHaveBeenCalledWith(`${APP_ENTRY_URL}${ROUTE}`)
    expect(fake.contents.executeJavaScript).toHaveBeenCalledTimes(3)
    expect(fake.contents.executeJavaScript).toHaveBeenCalledWith(READY_CHECK)
    expect(fake.contents.printToPDF).toHaveBeenCalledTimes(1)
    expect(fake.contents.printToPDF).toHaveBeenCalledWith({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      pageSize: 'A4',
    })
    expect(pdf).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7\n%fake\n')
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it('prints only after the page is ready', async () => {
    const order: string[] = []
    const fake = fakeWindow()
    fake.contents.loadURL.mockImplementation(async () => void order.push('load'))
    fake.contents.executeJavaScript.mockImplementation(async () => {
      order.push('poll')
      return order.filter((o) => o === 'poll').length < 2
        ? { state: 'waiting' }
        : { state: 'ready' }
    })
    fake.contents.printToPDF.mockImplementation(async () => {
      order.push('print')
      return PDF
    })
    await printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' })
    expect(order).toEqual(['load', 'poll', 'poll', 'print'])
  })

  it('asks for Letter paper when the route does, and loads the dev server page in development', async () => {
    const fake = fakeWindow()
    const route = '#/print/case-1/briefing-2?size=Letter'
    await printRouteToPdf(
      { ...fake.deps, entryUrl: 'http://localhost:5173/' },
      { route, pageSize: 'Letter' },
    )
    expect(fake.contents.loadURL).toHaveBeenCalledWith(`http://localhost:5173/${route}`)
    expect(fake.contents.printToPDF.mock.calls[0]![0]).toMatchObject({ pageSize: 'Letter' })
  })

  it.each([
    ['not a print route', 'https://evil.example/', 'A4'],
    ['a route without a size', '#/print/a/b', 'A4'],
    ['a path, not a hash', '/print/a/b?size=A4', 'A4'],
    ['an unknown paper size', ROUTE, 'A3'],
  ])('refuses %s without opening a window', async (_label, route, pageSize) => {
    const fake = fakeWindow()
    const request = { route, pageSize: pageSize as 'A4' }
    await expect(printRouteToPdf(fake.deps, request)).rejects.toBeInstanceOf(PrintError)
    expect(fake.created).toHaveLength(0)
  })

  it('times out with a clear error when the page never gets ready, and destroys the window', async () => {
    const fake = fakeWindow([{ state: 'waiting' }])
    const error = await printRouteToPdf(
      { ...fake.deps, readyTimeoutMs: 40 },
      { route: ROUTE, pageSize: 'A4' },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PrintError)
    expect((error as Error).message).toMatch(/not ready to print/)
    expect(fake.contents.printToPDF).not.toHaveBeenCalled()
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it('times out when the page never finishes loading', async () => {
    const fake = fakeWindow([], { loadURL: () => new Promise<void>(() => {}) })
    const error = await printRouteToPdf(
      { ...fake.deps, readyTimeoutMs: 20 },
      { route: ROUTE, pageSize: 'A4' },
    ).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/not ready to print/)
    expect(fake.contents.executeJavaScript).not.toHaveBeenCalled()
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it('times out when the page stops answering', async () => {
    const fake = fakeWindow()
    fake.contents.executeJavaScript.mockImplementation(() => new Promise(() => {}))
    const error = await printRouteToPdf(
      { ...fake.deps, readyTimeoutMs: 20 },
      { route: ROUTE, pageSize: 'A4' },
    ).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/not ready to print/)
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it('times out when Chromium does not produce the PDF', async () => {
    const fake = fakeWindow(undefined, { printToPDF: () => new Promise<Buffer>(() => {}) })
    const error = await printRouteToPdf(
      { ...fake.deps, printTimeoutMs: 20 },
      { route: ROUTE, pageSize: 'A4' },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PrintError)
    expect((error as Error).message).toMatch(/took too long/)
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it('stops at once when the app reports a failure (a deleted briefing)', async () => {
    const fake = fakeWindow([
      { state: 'waiting' },
      { state: 'failed', message: 'This briefing no longer exists' },
    ])
    const error = await printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PrintError)
    expect((error as Error).message).toBe('This briefing no longer exists')
    expect(fake.contents.executeJavaScript).toHaveBeenCalledTimes(2)
    expect(fake.contents.printToPDF).not.toHaveBeenCalled()
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['a failed load', { loadURL: () => Promise.reject(new Error('ERR_FILE_NOT_FOUND')) }],
    ['a failed print', { printToPDF: () => Promise.reject(new Error('Printing failed')) }],
  ])('destroys the window after %s and passes the error on', async (_label, overrides) => {
    const fake = fakeWindow(undefined, overrides)
    await expect(printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' })).rejects.toThrow(
      /ERR_FILE_NOT_FOUND|Printing failed/,
    )
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })

  it('does not destroy a window that is already gone', async () => {
    const fake = fakeWindow(undefined, {
      printToPDF: async () => {
        fake.win.destroy()
        throw new Error('Object has been destroyed')
      },
    })
    await expect(printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' })).rejects.toThrow()
    expect(fake.win.destroy).toHaveBeenCalledTimes(1)
  })
})

describe('the print window guards', () => {
  async function guarded() {
    const fake = fakeWindow()
    await printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' })
    return fake
  }

  it('are installed before the page loads', async () => {
    const fake = fakeWindow()
    fake.contents.loadURL.mockImplementation(async () => {
      expect(fake.contents.setWindowOpenHandler).toHaveBeenCalled()
      expect(fake.emitter.listenerCount('will-navigate')).toBeGreaterThan(0)
    })
    await printRouteToPdf(fake.deps, { route: ROUTE, pageSize: 'A4' })
    expect(fake.contents.loadURL).toHaveBeenCalled()
  })

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'cancel %s anywhere, even within the app',
    async (event) => {
      const fake = await guarded()
      for (const url of [
        'https://example.com/',
        'file:///etc/passwd',
        APP_ENTRY_URL,
        `${APP_ENTRY_URL}#/library`,
      ]) {
        const e = navigation(url)
        fake.emitter.emit(event, e)
        expect(e.preventDefault).toHaveBeenCalled()
      }
    },
  )

  it('deny window.open and never hand a link to the system browser', async () => {
    const fake = await guarded()
    for (const url of ['https://example.com/', APP_ENTRY_URL, 'javascript:alert(1)']) {
      expect(fake.open(url)).toEqual({ action: 'deny' })
    }
    // The refusal of the http link is logged, asynchronously.
    await vi.waitFor(() =>
      expect(fake.deps.log).toHaveBeenCalledWith(expect.stringContaining('https://example.com/')),
    )
  })

  it('refuse <webview>', async () => {
    const fake = await guarded()
    const e = { preventDefault: vi.fn() }
    fake.emitter.emit('will-attach-webview', e)
    expect(e.preventDefault).toHaveBeenCalled()
  })
})

describe('printUrl', () => {
  it('puts the route in place of any hash of the entry page', () => {
    expect(printUrl(APP_ENTRY_URL, ROUTE)).toBe(`app://casefile/index.html${ROUTE}`)
    expect(printUrl('http://localhost:5173/#/x', ROUTE)).toBe(`http://localhost:5173/${ROUTE}`)
  })
})

describe('parseReadiness', () => {
  it('believes only well-formed answers', () => {
    expect(parseReadiness({ state: 'ready' })).toEqual({ state: 'ready' })
    expect(parseReadiness({ state: 'failed', message: 'Gone' })).toEqual({
      state: 'failed',
      message: 'Gone',
    })
    expect(parseReadiness({ state: 'failed' })).toMatchObject({ state: 'failed' })
    expect(parseReadiness({ state: 'failed', message: 'x'.repeat(1000) })).toMatchObject({
      message: 'x'.repeat(300),
    })
    for (const odd of [undefined, null, true, 'ready', { state: 'READY' }, [], {}]) {
      expect(parseReadiness(odd)).toEqual({ state: 'waiting' })
    }
  })
})

describe('READY_CHECK, run in a page', () => {
  /** The answer READY_CHECK gives in a page holding `html`, once it has loaded. */
  async function check(html: string, prepare?: (dom: JSDOM) => void): Promise<unknown> {
    const dom = new JSDOM(html, { runScripts: 'outside-only' })
    await new Promise<void>((resolve) => {
      if (dom.window.document.readyState === 'complete') resolve()
      else dom.window.addEventListener('load', () => resolve())
    })
    prepare?.(dom)
    const answer: unknown = dom.window.eval(READY_CHECK)
    dom.window.close()
    return answer
  }

  const APP_PAGE = '<!doctype html><html><body><div id="root">%s</div></body></html>'
  const PRINT_PAGE =
    '<!doctype html><html><head><title>Weekend strikes</title></head><body>' +
    '<p class="banner screen">OFFICIAL</p><header class="title-block"><h1>Weekend strikes</h1></header>' +
    '<figure><img alt="Timeline" src="data:image/svg+xml;base64,PHN2Zy8+"></figure></body></html>'

  it('waits while the app is booting or composing', async () => {
    expect(await check(APP_PAGE.replace('%s', ''))).toEqual({ state: 'waiting' })
    const booting = '<div class="boot">Preparing the briefing for print…</div>'
    expect(await check(APP_PAGE.replace('%s', booting))).toEqual({ state: 'waiting' })
  })

  it('reports the app’s failure page with its heading', async () => {
    const failed =
      '<div class="boot failed" role="alert"><h1>This briefing no longer exists</h1>' +
      '<p>Close this tab and open the briefing again from its case.</p></div>'
    expect(await check(APP_PAGE.replace('%s', failed))).toEqual({
      state: 'failed',
      message: 'This briefing no longer exists',
    })
  })

  it('waits for the figures to load, then is ready', async () => {
    expect(await check(PRINT_PAGE)).toEqual({ state: 'waiting' })
    const loaded = (dom: JSDOM) => {
      for (const image of dom.window.document.images) {
        Object.defineProperty(image, 'complete', { value: true })
      }
    }
    expect(await check(PRINT_PAGE, loaded)).toEqual({ state: 'ready' })
  })

  it('waits on an empty document (between document.open and write)', async () => {
    expect(await check('<!doctype html><html><head></head><body></body></html>')).toEqual({
      state: 'waiting',
    })
  })
})
