import { EventEmitter } from 'node:events'
import { join, resolve } from 'node:path'
import type { Session, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  WINDOW_PREFERENCES,
  guardSession,
  guardWebContents,
  isAllowedExternalUrl,
  isPermissionAllowed,
  isTrustedSender,
  normaliseExternalUrl,
  resolveInside,
  windowPreferences,
} from './security'

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://example.com/',
    'http://example.com/path?q=1#frag',
    'https://sub.example.co.uk:8443/a/b',
    'HTTPS://EXAMPLE.COM/',
    'https://192.0.2.1/',
    'https://[2001:db8::1]/',
    'https://xn--bcher-kva.example/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['javascript with spaces and case', ' JaVaScRiPt:alert(1)'],
    ['javascript split by a newline', 'java\nscript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['blob', 'blob:https://example.com/0b0a'],
    ['app', 'app://casefile/index.html'],
    ['ftp', 'ftp://example.com/'],
    ['mailto', 'mailto:someone@example.com'],
    ['custom handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb', 'smb://server/share'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['relative', '/relative/path'],
    ['protocol-relative', '//example.com/'],
    ['bare host', 'example.com'],
    ['empty', ''],
    ['malformed', 'http://'],
    ['malformed host', 'https://exa mple.com/'],
    ['user info disguising the host', 'https://bank.example.com@evil.example/'],
    ['user and password', 'https://user:pass@example.com/'],
    ['encoded user info', 'https://bank.example%40evil.example@evil.example/'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('refuses non-strings and very long URLs', () => {
    expect(isAllowedExternalUrl(undefined as unknown as string)).toBe(false)
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(9000)}`)).toBe(false)
  })

  it('normalises what it allows', () => {
    expect(normaliseExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/')
    expect(normaliseExternalUrl('  https://example.com/a b  ')).toBe('https://example.com/a%20b')
    // Empty user info is dropped by the parser, so what opens is the host the link shows.
    expect(normaliseExternalUrl('https://:@example.com/')).toBe('https://example.com/')
  })
})

describe('resolveInside', () => {
  const root = resolve('/srv/casefile/out/renderer')

  it('resolves plain paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(join(root, 'index.html'))
    expect(resolveInside(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveInside(root, '/assets/../index.html')).toBe(join(root, 'index.html'))
    expect(resolveInside(root, '/a%20file.txt')).toBe(join(root, 'a file.txt'))
  })

  it('refuses the root itself', () => {
    expect(resolveInside(root, '/')).toBeNull()
    expect(resolveInside(root, '')).toBeNull()
    expect(resolveInside(root, '/assets/..')).toBeNull()
  })

  it.each([
    '/../secret.txt',
    '/..',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/../renderer-evil/index.html',
  ])('refuses traversal %s', (path) => {
    expect(resolveInside(root, path)).toBeNull()
  })

  it.each(['/..\\secret.txt', '/%5c..%5csecret.txt', '/assets\\index.js', '\\\\server\\share\\x'])(
    'refuses backslashes %s',
    (path) => {
      expect(resolveInside(root, path)).toBeNull()
    },
  )

  it.each(['/C:/Windows/win.ini', '/c:%5cwindows', '/%43:/x'])(
    'refuses Windows absolute paths %s',
    (path) => {
      expect(resolveInside(root, path)).toBeNull()
    },
  )

  it('keeps absolute-looking paths inside the root', () => {
    expect(resolveInside(root, '//etc/passwd')).toBe(join(root, 'etc', 'passwd'))
    expect(resolveInside(root, '/%2Fetc%2Fpasswd')).toBe(join(root, 'etc', 'passwd'))
  })

  it('refuses NUL bytes, raw or encoded', () => {
    expect(resolveInside(root, '/index.html%00.png')).toBeNull()
    expect(resolveInside(root, '/index.html\0')).toBeNull()
  })

  it('refuses malformed percent-encoding', () => {
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull()
    expect(resolveInside(root, '/%')).toBeNull()
  })

  it('decodes only once, so double encoding stays a literal name inside the root', () => {
    const out = resolveInside(root, '/%252e%252e/secret.txt')
    expect(out).toBe(join(root, '%2e%2e', 'secret.txt'))
  })
})

describe('isTrustedSender', () => {
  it('trusts the app origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true)
    expect(isTrustedSender(`${APP_ORIGIN}/`)).toBe(true)
    expect(isTrustedSender(`${APP_ORIGIN}/deep/page.html?x=1#y`)).toBe(true)
  })

  it.each([
    undefined,
    '',
    'not a url',
    'app://evil/index.html',
    'app://casefile.evil/index.html',
    'app://casefile:8080/index.html',
    'app://user@casefile/index.html',
    'https://casefile/index.html',
    'file:///work/main/out/renderer/index.html',
    'about:blank',
    'data:text/html,hi',
    'devtools://devtools/bundled/inspector.html',
    'http://localhost:5173/',
  ])('refuses %s outside development', (url) => {
    expect(isTrustedSender(url)).toBe(false)
  })

  it('trusts the dev server origin only when it is given', () => {
    const dev = 'http://localhost:5173'
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true)
    expect(isTrustedSender('http://localhost:5173/src/index.html', `${dev}/`)).toBe(true)
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedSender('https://localhost:5173/', dev)).toBe(false)
    expect(isTrustedSender('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isTrustedSender('http://localhost:5173/', 'not a url')).toBe(false)
    expect(isTrustedSender('file:///x', 'file:///x')).toBe(false)
  })
})

describe('WINDOW_PREFERENCES', () => {
  it('sets the security-relevant preferences explicitly', () => {
    expect(WINDOW_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
    expect(Object.isFrozen(WINDOW_PREFERENCES)).toBe(true)
  })

  it('adds the preload path without touching the rest', () => {
    const prefs = windowPreferences('/app/out/preload/index.cjs')
    expect(prefs).toEqual({ ...WINDOW_PREFERENCES, preload: '/app/out/preload/index.cjs' })
  })
})

type Handler = (details: { url: string }) => { action: string }

function fakeContents() {
  const emitter = new EventEmitter()
  let openHandler: Handler | undefined
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: Handler) => {
      openHandler = h
    },
  })
  return {
    contents: contents as unknown as WebContents,
    emitter,
    open: (url: string) => openHandler!({ url }),
  }
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() }
}

describe('guardWebContents', () => {
  function setup(devServerUrl?: string) {
    const fake = fakeContents()
    const openExternal = vi.fn(async (_url: string) => {})
    const log = vi.fn()
    guardWebContents(fake.contents, { openExternal, devServerUrl, log })
    return { ...fake, openExternal, log }
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'cancels %s away from the app',
    (event) => {
      const { emitter, openExternal } = setup()
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/']) {
        const e = navigation(url)
        emitter.emit(event, e)
        expect(e.preventDefault).toHaveBeenCalled()
      }
      expect(openExternal).not.toHaveBeenCalled()
    },
  )

  it('lets the app navigate within its own origin', () => {
    const { emitter } = setup()
    const e = navigation(APP_ENTRY_URL)
    emitter.emit('will-navigate', e)
    expect(e.preventDefault).not.toHaveBeenCalled()
  })

  it('lets the dev server reload itself in development only', () => {
    const dev = setup('http://localhost:5173')
    const e1 = navigation('http://localhost:5173/')
    dev.emitter.emit('will-navigate', e1)
    expect(e1.preventDefault).not.toHaveBeenCalled()
    const prod = setup()
    const e2 = navigation('http://localhost:5173/')
    prod.emitter.emit('will-navigate', e2)
    expect(e2.preventDefault).toHaveBeenCalled()
  })

  it('prevents every <webview>', () => {
    const { emitter } = setup()
    const e = { preventDefault: vi.fn() }
    emitter.emit('will-attach-webview', e, {}, { src: 'https://example.com/' })
    expect(e.preventDefault).toHaveBeenCalled()
  })

  it('denies window.open and opens allowed links in the system browser', () => {
    const { open, openExternal } = setup()
    expect(open('https://example.com/report')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://example.com/report')
  })

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://casefile/index.html',
    'about:blank',
  ])('denies window.open of %s without opening anything', (url) => {
    const { open, openExternal } = setup()
    expect(open(url)).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('logs rather than throws when the system browser fails', async () => {
    const fake = fakeContents()
    const log = vi.fn()
    guardWebContents(fake.contents, {
      openExternal: () => Promise.reject(new Error('no browser')),
      log,
    })
    expect(fake.open('https://example.com/')).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser')))
  })
})

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionAllowed(permission, APP_ENTRY_URL)).toBe(false)
    },
  )

  it('grants persistent storage to the app only', () => {
    expect(isPermissionAllowed('persistent-storage', APP_ENTRY_URL)).toBe(true)
    expect(isPermissionAllowed('persistent-storage', 'https://example.com/')).toBe(false)
    expect(isPermissionAllowed('persistent-storage', undefined)).toBe(false)
  })

  it('installs request and check handlers that apply the rule', () => {
    let request:
      | ((c: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void)
      | undefined
    let check:
      ((c: unknown, p: string, o: string, d: { requestingUrl?: string }) => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as unknown as Session
    guardSession(session)

    const answers: boolean[] = []
    request!(null, 'media', (ok) => answers.push(ok), { requestingUrl: APP_ENTRY_URL })
    request!(null, 'persistent-storage', (ok) => answers.push(ok), {
      requestingUrl: APP_ENTRY_URL,
    })
    expect(answers).toEqual([false, true])
    expect(check!(null, 'notifications', APP_ORIGIN, {})).toBe(false)
    expect(check!(null, 'persistent-storage', APP_ORIGIN, {})).toBe(true)
    expect(check!(null, 'persistent-storage', 'https://evil.example', {})).toBe(false)
  })
})
