import { describe, expect, it } from 'vitest'
import {
  API_METHODS,
  CHANNELS,
  MAX_CHUNK_BYTES,
  MAX_IMPORT_BYTES,
  MAX_RESTORE_BYTES,
  MENU_COMMANDS,
  PRINT_ROUTE_PATTERN,
  fail,
  isMenuCommand,
  ok,
  printRoutePageSize,
} from './contract'
import {
  AppInfoPayloadSchema,
  MenuCommandEventSchema,
  OpenFilesPayloadSchema,
  OpenLinkPayloadSchema,
  PAYLOAD_SCHEMAS,
  PrintBriefingPayloadSchema,
  ReadChunkPayloadSchema,
  SaveFilePayloadSchema,
} from './contract-schemas'

describe('the contract', () => {
  it('names channels noun:verb (a camelCase verb at most)', () => {
    for (const channel of Object.values(CHANNELS))
      expect(channel).toMatch(/^[a-z]+:[a-z]+(?:[A-Z][a-z]+)*$/)
  })

  it('has a schema for every invoke channel and a method for every schema', () => {
    const invokeChannels = Object.values(CHANNELS).filter((c) => c !== CHANNELS.menuCommand)
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...invokeChannels].sort())
    expect(Object.values(API_METHODS).sort()).toEqual([...invokeChannels].sort())
  })

  it('caps imports at 50 MB, restores at 500 MB, and chunks at 4 MiB', () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024)
    expect(MAX_RESTORE_BYTES).toBe(500 * 1024 * 1024)
    expect(MAX_CHUNK_BYTES).toBe(4 * 1024 * 1024)
  })

  it('builds results', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 })
    expect(fail('X', 'y')).toEqual({ ok: false, error: { code: 'X', message: 'y' } })
  })
})

describe('OpenFilesPayloadSchema', () => {
  const good = {
    title: 'Import documents',
    extensions: ['txt', 'pdf', 'docx'],
    multiple: true,
    purpose: 'import',
  }

  it('accepts a good payload, for an import or a backup', () => {
    expect(OpenFilesPayloadSchema.parse(good)).toEqual(good)
    const backup = { ...good, purpose: 'backup' }
    expect(OpenFilesPayloadSchema.parse(backup)).toEqual(backup)
  })

  it.each([
    ['nothing', undefined],
    ['a string', 'txt'],
    ['missing multiple', { title: 'x', extensions: ['txt'] }],
    ['no extensions', { ...good, extensions: [] }],
    ['extension with a dot', { ...good, extensions: ['.txt'] }],
    ['wildcard extension', { ...good, extensions: ['*'] }],
    ['extension with a slash', { ...good, extensions: ['txt/../x'] }],
    ['too many extensions', { ...good, extensions: Array(33).fill('txt') }],
    ['multiple as string', { ...good, multiple: 'yes' }],
    ['huge title', { ...good, title: 'x'.repeat(201) }],
    ['unknown key', { ...good, defaultPath: '/etc' }],
    ['no purpose', { title: 'x', extensions: ['txt'], multiple: true }],
    ['another purpose', { ...good, purpose: 'anything' }],
  ])('rejects %s', (_label, payload) => {
    expect(OpenFilesPayloadSchema.safeParse(payload).success).toBe(false)
  })
})

describe('ReadChunkPayloadSchema', () => {
  const id = '00000000-0000-4000-8000-000000000000'

  it('accepts an offset anywhere and a length up to 4 MiB', () => {
    for (const payload of [
      { id, offset: 0, length: 1 },
      { id, offset: 600 * 1024 * 1024, length: MAX_CHUNK_BYTES },
    ])
      expect(ReadChunkPayloadSchema.parse(payload)).toEqual(payload)
  })

  it.each([
    ['a longer chunk', { id, offset: 0, length: MAX_CHUNK_BYTES + 1 }],
    ['an empty chunk', { id, offset: 0, length: 0 }],
    ['a negative offset', { id, offset: -4096, length: 1 }],
    ['an unsafe offset', { id, offset: 2 ** 60, length: 1 }],
    ['an infinite length', { id, offset: 0, length: Infinity }],
    ['a path', { id: '../x', offset: 0, length: 1 }],
  ])('rejects %s', (_label, payload) => {
    expect(ReadChunkPayloadSchema.safeParse(payload).success).toBe(false)
  })
})

describe('SaveFilePayloadSchema', () => {
  const good = {
    title: 'Export case backup',
    suggestedName: 'My case 2025-06-24.casefile.json',
    mime: 'application/json',
    data: new Uint8Array([1, 2, 3]),
  }

  it('accepts a good payload, including a Buffer', () => {
    expect(SaveFilePayloadSchema.safeParse(good).success).toBe(true)
    expect(SaveFilePayloadSchema.safeParse({ ...good, data: Buffer.from('x') }).success).toBe(true)
  })

  it.each([
    ['a path', '../../.bashrc'],
    ['an absolute path', '/etc/passwd'],
    ['a Windows path', 'C:\\Windows\\x.json'],
    ['a NUL byte', 'x\0.json'],
    ['dot', '.'],
    ['dot dot', '..'],
    ['empty', ''],
    ['too long', `${'x'.repeat(256)}`],
  ])('rejects a suggested name that is %s', (_label, suggestedName) => {
    expect(SaveFilePayloadSchema.safeParse({ ...good, suggestedName }).success).toBe(false)
  })

  it.each([
    ['an array', [1, 2, 3]],
    ['a string', 'abc'],
    ['an ArrayBuffer', new ArrayBuffer(3)],
    ['missing', undefined],
  ])('rejects data that is %s', (_label, data) => {
    expect(SaveFilePayloadSchema.safeParse({ ...good, data }).success).toBe(false)
  })

  it('rejects unknown keys', () => {
    expect(SaveFilePayloadSchema.safeParse({ ...good, path: '/tmp/x' }).success).toBe(false)
  })
})

describe('PrintBriefingPayloadSchema', () => {
  const good = {
    route: '#/print/case-1/briefing-2?size=A4',
    suggestedName: 'Weekend strikes 2025-06-24.pdf',
    title: 'Save the briefing as PDF',
  }

  it.each([
    '#/print/case-1/briefing-2?size=A4',
    '#/print/case-1/briefing-2?size=Letter',
    '#/print/case%201/br%C3%A9fing?size=A4',
    `#/print/${'c'.repeat(200)}/${'b'.repeat(200)}?size=Letter`,
  ])('accepts the route %s', (route) => {
    expect(PrintBriefingPayloadSchema.safeParse({ ...good, route }).success).toBe(true)
  })

  it.each([
    ['no size', '#/print/a/b'],
    ['a lower-case size', '#/print/a/b?size=a4'],
    ['another size', '#/print/a/b?size=Legal'],
    ['a full URL', 'app://casefile/index.html#/print/a/b?size=A4'],
    ['another origin', 'https://evil.example/#/print/a/b?size=A4'],
    ['a path', '/print/a/b?size=A4'],
    ['another route', '#/library/a?size=A4'],
    ['one id', '#/print/a?size=A4'],
    ['three ids', '#/print/a/b/c?size=A4'],
    ['an empty id', '#/print//b?size=A4'],
    ['an id over 200 characters', `#/print/${'c'.repeat(201)}/b?size=A4`],
    ['a second query', '#/print/a/b?size=A4&x=1'],
    ['a second hash', '#/print/a/b?size=A4#x'],
    ['a trailing newline', '#/print/a/b?size=A4\n'],
    ['a number', 42],
  ])('rejects a route with %s', (_label, route) => {
    expect(PrintBriefingPayloadSchema.safeParse({ ...good, route }).success).toBe(false)
  })

  it.each([
    ['a path', '../briefing.pdf'],
    ['an absolute path', '/tmp/briefing.pdf'],
    ['empty', ''],
  ])('rejects a suggested name that is %s', (_label, suggestedName) => {
    expect(PrintBriefingPayloadSchema.safeParse({ ...good, suggestedName }).success).toBe(false)
  })

  it('rejects unknown keys and missing ones', () => {
    expect(PrintBriefingPayloadSchema.safeParse({ ...good, url: 'https://x/' }).success).toBe(false)
    expect(PrintBriefingPayloadSchema.safeParse({ route: good.route }).success).toBe(false)
    expect(PrintBriefingPayloadSchema.safeParse({ ...good, title: 'x'.repeat(201) }).success).toBe(
      false,
    )
  })

  it('reads the page size off a route', () => {
    expect(printRoutePageSize('#/print/a/b?size=A4')).toBe('A4')
    expect(printRoutePageSize('#/print/a/b?size=Letter')).toBe('Letter')
    expect(printRoutePageSize('#/print/a/b')).toBeUndefined()
    expect(printRoutePageSize(undefined as unknown as string)).toBeUndefined()
    expect(PRINT_ROUTE_PATTERN.global).toBe(false)
  })
})

describe('the other payloads', () => {
  it('app:info takes an empty object only', () => {
    expect(AppInfoPayloadSchema.safeParse({}).success).toBe(true)
    expect(AppInfoPayloadSchema.safeParse(undefined).success).toBe(false)
    expect(AppInfoPayloadSchema.safeParse({ x: 1 }).success).toBe(false)
  })

  it('link:open takes one bounded string', () => {
    expect(OpenLinkPayloadSchema.safeParse({ url: 'https://example.com/' }).success).toBe(true)
    expect(OpenLinkPayloadSchema.safeParse({ url: '' }).success).toBe(false)
    expect(OpenLinkPayloadSchema.safeParse({ url: 1 }).success).toBe(false)
    expect(OpenLinkPayloadSchema.safeParse({ url: 'x'.repeat(8193) }).success).toBe(false)
    expect(OpenLinkPayloadSchema.safeParse('https://example.com/').success).toBe(false)
  })

  it('menu:command carries a known command only', () => {
    for (const command of MENU_COMMANDS) {
      expect(MenuCommandEventSchema.safeParse({ command }).success).toBe(true)
    }
    expect(MenuCommandEventSchema.safeParse({ command: 'app:quit' }).success).toBe(false)
    expect(MenuCommandEventSchema.safeParse({}).success).toBe(false)
  })
})

describe('isMenuCommand (the renderer’s check of menu:command)', () => {
  it('agrees with the schema main uses, on every command and on what is not one', () => {
    const values: unknown[] = [...MENU_COMMANDS, 'app:quit', '', 'case:new ', 1, null, {}, []]
    for (const value of values) {
      expect(isMenuCommand(value)).toBe(
        MenuCommandEventSchema.safeParse({ command: value }).success,
      )
    }
    expect(isMenuCommand('case:new')).toBe(true)
    expect(isMenuCommand('app:quit')).toBe(false)
  })
})

describe('contract.ts at run time', () => {
  it('imports nothing (types only): the renderer’s start-up bundle must not carry zod', async () => {
    const { readFile } = await import('node:fs/promises')
    const ts = await import('typescript')
    const path = new URL('./contract.ts', import.meta.url)
    const file = ts.createSourceFile(
      'contract.ts',
      await readFile(path, 'utf8'),
      ts.ScriptTarget.Latest,
    )
    const fromModules = file.statements.filter(
      (s) => ts.isImportDeclaration(s) || (ts.isExportDeclaration(s) && s.moduleSpecifier),
    )
    expect(fromModules.length).toBeGreaterThan(0)
    for (const statement of fromModules) {
      const typeOnly = ts.isImportDeclaration(statement)
        ? statement.importClause?.isTypeOnly === true
        : (statement as import('typescript').ExportDeclaration).isTypeOnly
      expect(typeOnly, statement.getText(file)).toBe(true)
    }
  })
})
