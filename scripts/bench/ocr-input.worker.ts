/**
 * Makes the OCR bench's input off the benchmark page's main thread: `pages` A4 pages of dense
 * 12 pt text drawn at 300 dpi on an OffscreenCanvas, encoded as PNG and put into a PDF of
 * page images with pdf-lib; answers with the PDF's bytes (transferred). Decoding and
 * re-compressing two 2480 × 3508 images leaves some 100 MB of garbage behind; made here, it is
 * this worker's, and goes with it, instead of being collected on the page's main thread while
 * the OCR bench watches that thread.
 */
import { PDFDocument } from 'pdf-lib'

const OCR_LINES = [
  'The port authority said on Monday that the harbour at Ras Laffan would stay closed',
  'until the damaged tanker had been towed clear of the northern channel, and that the',
  'inspection of the quay walls had found cracks near the second loading berth.',
  'Officials in Doha declined to say when shipments of liquefied gas would resume.',
]

/** An A4 page at 300 dpi (2480 x 3508) of 12 pt text, as PNG bytes. */
async function ocrPagePng(page: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(2480, 3508)
  const g = canvas.getContext('2d')!
  g.fillStyle = '#fff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  g.fillStyle = '#000'
  g.font = '50px serif'
  for (let i = 0; i < 40; i++) {
    g.fillText(`${page}.${i + 1} ${OCR_LINES[i % OCR_LINES.length]!}`, 240, 300 + i * 75)
  }
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
}

self.onmessage = async (event: MessageEvent<{ pages: number }>) => {
  const pdf = await PDFDocument.create()
  for (let p = 1; p <= event.data.pages; p++) {
    const image = await pdf.embedPng(await ocrPagePng(p))
    pdf.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 })
  }
  const bytes = await pdf.save()
  ;(self as unknown as Worker).postMessage(bytes, [bytes.buffer])
}
