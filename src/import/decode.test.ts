import { describe, expect, it } from 'vitest'
import { sniffContent } from './sniff'
import {
  declaredHtmlCharset,
  decodeText,
  detectUtf16WithoutBom,
  UTF16_NO_BOM_WARNING,
  decodeWindows1252,
  looksBinary,
  WINDOWS_1252_WARNING,
} from './decode'
import { ImportFailure } from './extract-types'

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(
    values.flatMap((v) => (typeof v === 'number' ? [v] : Array.from(new TextEncoder().encode(v)))),
  )

describe('decodeText', () => {
  it('reads UTF-8 and drops its BOM, without warnings', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 'Café — ok'))).toEqual({
      text: 'Café — ok',
      encoding: 'utf-8',
      warnings: [],
    })
  })

  it('falls back to windows-1252 with a warning when the bytes are not UTF-8', () => {
    const decoded = decodeText(bytes('caf', 0xe9, ' ', 0x93, 'quoted', 0x94, ' ', 0x80, '5'))
    expect(decoded.text).toBe('café “quoted” €5')
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.warnings).toEqual([WINDOWS_1252_WARNING])
    expect(decoded.warnings[0]).toContain('decoded as windows-1252')
  })

  it('uses the charset an HTML page declares', () => {
    const html = bytes(
      '<html><head><meta charset="koi8-r"></head><body>',
      0xf0,
      0xd2,
      0xc9,
      '</body>',
    )
    const decoded = decodeText(html, { html: true })
    expect(decoded.text).toContain('При')
    expect(decoded.encoding).toBe('koi8-r')
    expect(decoded.warnings[0]).toContain('as the page declares (koi8-r)')
  })

  it('ignores a declaration outside HTML, an unknown label and a false UTF-8 claim', () => {
    const body = (decl: string) => bytes(`<meta charset="${decl}">caf`, 0xe9)
    expect(decodeText(body('koi8-r')).encoding).toBe('windows-1252')
    expect(decodeText(body('x-nonsense'), { html: true }).encoding).toBe('windows-1252')
    expect(decodeText(body('utf-8'), { html: true })).toMatchObject({
      text: '<meta charset="utf-8">café',
      warnings: [WINDOWS_1252_WARNING],
    })
  })

  it('follows a UTF-16 byte-order mark', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0, 0xe9, 0)).text).toBe('Aé')
    expect(decodeText(bytes(0xfe, 0xff, 0, 0x41, 0, 0xe9)).text).toBe('Aé')
  })

  it('refuses binary data as INVALID_ENCODING', () => {
    const junk = Uint8Array.from({ length: 200 }, (_, i) => (i * 37) % 256)
    expect(() => decodeText(junk)).toThrow(ImportFailure)
    try {
      decodeText(junk)
    } catch (e) {
      expect((e as ImportFailure).code).toBe('INVALID_ENCODING')
    }
  })
})

describe('looksBinary', () => {
  it('accepts text with tabs, line ends, form feeds and ANSI escapes', () => {
    expect(looksBinary(bytes('a\tb\r\nc\fd \u001b[31mred\u001b[0m'))).toBe(false)
  })

  it('tolerates a stray control byte in a long text', () => {
    expect(looksBinary(bytes('x'.repeat(500), 0, 'y'.repeat(500)))).toBe(false)
  })

  it('flags control-heavy data', () => {
    expect(looksBinary(bytes('ab', 0, 1, 2, 'cd'))).toBe(true)
  })
})

describe('decodeWindows1252', () => {
  it('maps 0x80–0x9F to their characters, undefined bytes to C1 controls, the rest to Latin-1', () => {
    expect(decodeWindows1252(bytes(0x80, 0x85, 0x8a, 0x99, 0x9f, 0x81, 0x9d, 0xa0, 0xff))).toBe(
      '€…Š™Ÿ\u0081\u009D\u00A0ÿ',
    )
  })
})

describe('declaredHtmlCharset', () => {
  it('finds meta charset, http-equiv content and XML declarations', () => {
    expect(declaredHtmlCharset(bytes('<meta charset=windows-1251>'))).toBe('windows-1251')
    expect(
      declaredHtmlCharset(
        bytes('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">'),
      ),
    ).toBe('ISO-8859-2')
    expect(declaredHtmlCharset(bytes('<?xml version="1.0" encoding="Shift_JIS"?><html>'))).toBe(
      'Shift_JIS',
    )
    expect(declaredHtmlCharset(bytes('<p>charset=nothing</p>'))).toBeUndefined()
  })
})

describe('UTF-16 without a byte-order mark', () => {
  const encode = (text: string, big: boolean) => {
    const out = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      out[2 * i + (big ? 1 : 0)] = c & 0xff
      out[2 * i + (big ? 0 : 1)] = c >> 8
    }
    return out
  }
  const text = 'Shift log — Überstunden: 12 hours, 3 crews.\r\nNext line ещё.'

  it('is recognised by its zero bytes, decoded and flagged, in either byte order', () => {
    for (const big of [false, true]) {
      const decoded = decodeText(encode(text, big))
      expect(decoded.text).toBe(text)
      expect(decoded.encoding).toBe(big ? 'utf-16be' : 'utf-16le')
      expect(decoded.warnings).toEqual([UTF16_NO_BOM_WARNING])
      expect(sniffContent(encode(text, big)).kind).toBe('text')
    }
  })

  it('is not confused with binary data that has zero bytes at both parities', () => {
    expect(detectUtf16WithoutBom(Uint8Array.from([1, 0, 0, 2, 3, 0, 0, 4, 5, 0, 0, 6]))).toBe(
      undefined,
    )
    expect(() => decodeText(Uint8Array.from([1, 0, 0, 2, 3, 0, 0, 4, 5, 0, 0, 6]))).toThrow()
  })
})
