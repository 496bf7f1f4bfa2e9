import { describe, expect, it } from 'vitest'
import {
  API_METHODS,
  AppInfoPayloadSchema,
  CHANNELS,
  MAX_IMPORT_BYTES,
  MENU_COMMANDS,
  MenuCommandEventSchema,
  OpenFilesPayloadSchema,
  OpenLinkPayloadSchema,
  PAYLOAD_SCHEMAS,
  SaveFilePayloadSchema,
  fail,
  ok,
} from './contract'

describe('the contract', () => {
  it('names channels noun:verb', () => {
    for (const channel of Object.values(CHANNELS)) expect(channel).toMatch(/^[a-z]+:[a-z]+$/)
  })

  it('has a schema for every invoke channel and a method for every schema', () => {
    const invokeChannels = Object.values(CHANNELS).filter((c) => c !== CHANNELS.menuCommand)
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...invokeChannels].sort())
    expect(Object.values(API_METHODS).sort()).toEqual([...invokeChannels].sort())
  })

  it('caps imports at 50 MB', () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024)
  })

  it('builds results', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 })
    expect(fail('X', 'y')).toEqual({ ok: false, error: { code: 'X', message: 'y' } })
  })
})

describe('OpenFilesPayloadSchema', () => {
  const good = { title: 'Import documents', extensions: ['txt', 'pdf', 'docx'], multiple: true }

  it('accepts a good payload', () => {
    expect(OpenFilesPayloadSchema.parse(good)).toEqual(good)
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
  ])('rejects %s', (_label, payload) => {
    expect(OpenFilesPayloadSchema.safeParse(payload).success).toBe(false)
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
