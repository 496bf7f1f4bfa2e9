import { describe, expect, it } from 'vitest'
import {
  cleanLabel,
  decodeEntities,
  fileExtension,
  fileStem,
  firstLineTitle,
  normaliseText,
  sha256Hex,
} from './normalise'

describe('normaliseText', () => {
  it('separates paragraphs by exactly one blank line and keeps single line breaks', () => {
    expect(normaliseText('\n\n  one\ntwo  \n\n\n\n three \n')).toBe('one\ntwo\n\nthree')
  })

  it('unifies line ends and turns form feeds and paragraph separators into breaks', () => {
    expect(normaliseText('a\r\nb\rc\u2028d\fe\u2029f\u000Bg\u0085h')).toBe(
      'a\nb\nc\nd\n\ne\n\nf\ng\nh',
    )
  })

  it('collapses every kind of space inside a line and trims lines', () => {
    expect(normaliseText('\t a \u00A0\u2003 b\t\tc \u3000')).toBe('a b c')
  })

  it('treats a line of spaces as a blank line', () => {
    expect(normaliseText('a\n \t\u00A0\nb')).toBe('a\n\nb')
  })

  it('removes control characters, soft hyphens and stray BOMs, and composes NFC', () => {
    expect(normaliseText('\uFEFFca\u0000f\u00ADe\u0301\u0007 \u009Fx')).toBe('café x')
  })

  it('composes across a removed invisible so that a second pass changes nothing', () => {
    const once = normaliseText('e\u00AD\u0301')
    expect(once).toBe('é')
    expect(normaliseText(once)).toBe(once)
  })

  it('replaces lone surrogates, keeps pairs', () => {
    expect(normaliseText('a\uD800b \uD83D\uDE00')).toBe('a\uFFFDb \uD83D\uDE00')
  })

  it('keeps joiners that scripts and emoji need', () => {
    expect(normaliseText('می\u200Cخواهم 👩\u200D💻')).toBe('می\u200Cخواهم 👩\u200D💻')
  })

  it('is idempotent and deterministic on awkward input', () => {
    const samples = [
      '',
      ' ',
      '\n\n\n',
      'x\r\n\r\n\r\ny',
      ' \u00A0a\u00AD\n\u000B\n\fb\t',
      'A\u030A\u0000\n\u2029\u2029Z',
      'line  \nline\t\n\n\n para ',
    ]
    for (const s of samples) {
      const once = normaliseText(s)
      expect(normaliseText(once)).toBe(once)
      expect(normaliseText(s)).toBe(once)
      expect(once).not.toMatch(/^\s|\s$|[ \t]\n|\n[ \t]|\n{3,}| {2,}|\r/)
    }
  })
})

describe('labels and titles', () => {
  it('collapses a label to one line', () => {
    expect(cleanLabel('  A\n  title\t here ')).toBe('A title here')
    expect(cleanLabel(undefined)).toBe('')
  })

  it('cuts long labels at a word boundary within 200 characters', () => {
    const long = 'word '.repeat(100)
    const label = cleanLabel(long)
    expect(label.length).toBeLessThanOrEqual(200)
    expect(label.endsWith('word…')).toBe(true)
    expect(cleanLabel('x'.repeat(300))).toHaveLength(200)
  })

  it('takes the first non-empty line as a title', () => {
    expect(firstLineTitle('First line\nsecond\n\nthird')).toBe('First line')
    expect(firstLineTitle('')).toBe('')
  })

  it('splits file names', () => {
    expect(fileStem('notes.final.txt')).toBe('notes.final')
    expect(fileStem('C:\\docs\\a.PDF')).toBe('a')
    expect(fileStem('.bashrc')).toBe('.bashrc')
    expect(fileExtension('report.PDF')).toBe('pdf')
    expect(fileExtension('README')).toBe('')
    expect(fileExtension('dir.v2/README')).toBe('')
  })
})

describe('decodeEntities', () => {
  it('decodes named and numeric references and leaves unknown ones', () => {
    expect(decodeEntities('&amp; &lt;b&gt; &#233; &#x2014; &rsquo; &bogus; &#0; &#xD800;')).toBe(
      '& <b> é — ’ &bogus; \uFFFD \uFFFD',
    )
  })
})

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes in lower-case hex', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    expect(await sha256Hex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
    // "é" is two UTF-8 bytes, c3 a9; the hash is of those bytes
    expect(await sha256Hex('é')).toBe(
      '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c',
    )
  })
})
