/**
 * The OCR end to end in Node: tesseract.js (its worker thread, its WebAssembly core, the
 * English data from node_modules) reads images drawn by the test (@napi-rs/canvas, which
 * pdf.js's Node build also draws with) and scanned PDFs made by the test with pdf-lib, through
 * the import pipeline's `extractDocument`. Bad scans give a result or a typed error.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { extractDocument, type ExtractOutcome } from '../extract'
import { fakeFile, fixtureFile } from '../test-support'

const LINES = [
  'The harbour at Ras Laffan closed on Monday.',
  'Ships waited offshore near Doha for two days.',
]

/** A white image with `lines` in black, about 12 pt at 300 dpi; optionally turned 90°. */
function textImage(lines: string[], options: { rotate?: boolean; width?: number } = {}): Canvas {
  const width = options.width ?? 1600
  const height = 120 + lines.length * 80
  const canvas = options.rotate ? createCanvas(height, width) : createCanvas(width, height)
  const g = canvas.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  if (options.rotate) {
    g.translate(height, 0)
    g.rotate(Math.PI / 2)
  }
  g.fillStyle = '#000'
  g.font = '50px sans-serif'
  lines.forEach((line, i) => g.fillText(line, 60, 100 + i * 80))
  return canvas
}

const png = (canvas: Canvas) => new Uint8Array(canvas.toBuffer('image/png'))

async function scannedPdf(): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib')
  const pdf = await PDFDocument.create()
  // When it was scanned, not when it was published.
  pdf.setCreationDate(new Date('2024-02-01T09:00:00Z'))
  // Page 1: a scan (only an image, and a stray page number in its text layer).
  const image = await pdf.embedPng(png(textImage(LINES)))
  const scan = pdf.addPage([595, 842])
  scan.drawImage(image, { x: 30, y: 500, width: 535, height: (535 * image.height) / image.width })
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  scan.drawText('1', { x: 290, y: 30, size: 10, font })
  // Page 2: born-digital text.
  const typed = pdf.addPage([595, 842])
  typed.drawText('A typed page about the harbour closure and its effects.', {
    x: 50,
    y: 700,
    size: 12,
    font,
  })
  return pdf.save()
}

function ok(outcome: ExtractOutcome) {
  if (!outcome.ok)
    throw new Error(`expected an import: ${outcome.error.code} ${outcome.error.message}`)
  return outcome.doc
}

const SLOW = { timeout: 180_000 }

describe('OCR through the import pipeline', () => {
  it('reads a PNG image: text, OCR metadata, the image importer', SLOW, async () => {
    const doc = ok(await extractDocument(fakeFile('statement.png', png(textImage(LINES)))))
    expect(doc.importer).toBe('image')
    expect(doc.mime).toBe('image/png')
    expect(doc.text).toContain('The harbour at Ras Laffan closed on Monday.')
    expect(doc.text).toContain('near Doha')
    expect(doc.ocr).toMatchObject({ engine: 'tesseract.js 7.0.0', languages: ['eng'], pages: [1] })
    expect(doc.ocr!.confidence).toBeGreaterThan(80)
    expect(doc.ocr!.lowConfidence.length % 2).toBe(0)
    // The first line OCR read is the title.
    expect(doc.title).toBe('The harbour at Ras Laffan closed on Monday.')
  })

  it(
    'reads the scanned page of a PDF and keeps the typed one and the page mapping',
    SLOW,
    async () => {
      const progress: string[] = []
      const doc = ok(
        await extractDocument(fakeFile('scan.pdf', await scannedPdf()), {
          ocr: { onProgress: (p) => progress.push(`${p.page}/${p.pages}`) },
        }),
      )
      expect(doc.importer).toBe('pdf')
      expect(progress).toEqual(['1/1'])
      expect(doc.ocr?.pages).toEqual([1])
      expect(doc.pageStarts).toHaveLength(2)
      expect(doc.pageStarts![0]).toBe(0)
      const [first, second] = [
        doc.text.slice(0, doc.pageStarts![1]),
        doc.text.slice(doc.pageStarts![1]),
      ]
      expect(first).toContain('Ras Laffan closed on Monday')
      expect(second).toBe('A typed page about the harbour closure and its effects.')
      // A scan's file date is not its publication date: none is set, and the analyst is told.
      expect(doc.publishedAt).toBeUndefined()
      expect(doc.warnings).toContainEqual(
        expect.stringMatching(/^No publication date found\. The file's own date \(2024-02-01\)/),
      )
      // Without OCR, the scanned page would be empty: the rule found it.
      const plain = ok(
        await extractDocument(fakeFile('scan.pdf', await scannedPdf()), { ocr: false }),
      )
      expect(plain.text).toBe('1\n\nA typed page about the harbour closure and its effects.')
      expect(plain.ocr).toBeUndefined()
      // Without OCR the text layer is the typed page's: its CreationDate is still read.
      expect(new Date(plain.publishedAt!).toISOString()).toBe('2024-02-01T09:00:00.000Z')
    },
  )

  it(
    'gives NO_TEXT for a blank scan, and a result or a typed error for bad ones',
    SLOW,
    async () => {
      const blank = createCanvas(1200, 800)
      const g = blank.getContext('2d')
      g.fillStyle = '#fff'
      g.fillRect(0, 0, 1200, 800)
      const outcome = await extractDocument(fakeFile('blank.png', png(blank)))
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_TEXT' } })
      // The fixture scan (an image of no text) reads as nothing, with what to do.
      expect(await extractDocument(fixtureFile('bad/scanned.pdf'))).toMatchObject({
        ok: false,
        error: { code: 'NO_TEXT', message: expect.stringContaining('OCR found no text') },
      })

      // 1-bit noise, fax quality: random black and white pixels.
      const noise = createCanvas(800, 600)
      const n = noise.getContext('2d')
      const pixels = n.createImageData(800, 600)
      let seed = 7
      for (let i = 0; i < 800 * 600; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        const v = seed % 5 === 0 ? 0 : 255
        pixels.data.set([v, v, v, 255], i * 4)
      }
      n.putImageData(pixels, 0, 0)
      const noisy = await extractDocument(fakeFile('fax.png', png(noise)))
      if (noisy.ok) expect(noisy.doc.ocr).toBeDefined()
      else expect(['NO_TEXT']).toContain(noisy.error.code)

      // A page turned 90°: a (poor) result with a warning, or a typed error; never a hang.
      const rotated = await extractDocument(
        fakeFile('turned.png', png(textImage(LINES, { rotate: true }))),
      )
      if (rotated.ok) expect(rotated.doc.ocr).toBeDefined()
      else expect(['NO_TEXT']).toContain(rotated.error.code)
    },
  )
})
