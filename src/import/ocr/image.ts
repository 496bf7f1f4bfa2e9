/**
 * The image importer: a PNG, JPEG or WebP image read by OCR is one page of text, with the
 * OCR metadata the PDF importer records for scanned pages. An image in which the OCR found
 * no word is NO_TEXT (a blank or unreadable scan), and low mean confidence is a warning.
 */
import { ImportFailure, type ParsedDocument } from '../extract-types'
import { lowConfidenceWarning, LOW_MEAN_CONFIDENCE } from '../pdf'
import { OCR_ENGINE_NAME } from './engine'
import { assemblePages, type PageText } from './page-text'

/** The document of an image whose page OCR read as `pages` (one). */
export function imageDocument(pages: PageText[], languages: string[]): ParsedDocument {
  const assembled = assemblePages(pages.map((page) => ({ kind: 'ocr', page })))
  if (!assembled.text) {
    throw new ImportFailure(
      'NO_TEXT',
      'OCR found no text in this image: it is blank, or too faint, small or noisy to read. Scan it again at 300 dpi and import it again.',
    )
  }
  const doc: ParsedDocument = {
    title: assembled.firstLine ?? '',
    text: assembled.text,
    warnings: [],
    ocr: {
      engine: OCR_ENGINE_NAME,
      languages: [...languages],
      pages: assembled.ocrPages,
      confidence: assembled.confidence,
      lowConfidence: assembled.lowConfidence,
    },
  }
  if (assembled.confidence < LOW_MEAN_CONFIDENCE) {
    doc.warnings.push(lowConfidenceWarning(assembled.confidence))
  }
  return doc
}
