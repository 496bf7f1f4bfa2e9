/**
 * Test support: a PDF set in a CJK font, built with pdf-lib, for the PDF importer's unit tests
 * (src/import/) and the import-hardening e2e spec. It imports nothing at module level, so that
 * both TypeScript projects (tsconfig.web.json and tsconfig.node.json, which lists this file)
 * type-check it.
 */

/**
 * A one-page PDF whose text is set in a CJK font the way most CJK PDFs do it: a Type0 font
 * with a predefined CMap (UniJIS-UCS2-H), not embedded, without a ToUnicode map. pdf.js can
 * read its text only with the CMap files (`cMapUrl`). `text` must be in the BMP.
 */
export async function makeCjkPdf(text: string): Promise<Uint8Array> {
  const lib = await import('pdf-lib')
  const pdf = await lib.PDFDocument.create()
  const page = pdf.addPage([400, 200])
  const ctx = pdf.context
  const name = 'KozMinPr6N-Regular'
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: 4,
      FontBBox: [0, -120, 1000, 880],
      ItalicAngle: 0,
      Ascent: 880,
      Descent: -120,
      CapHeight: 700,
      StemV: 80,
    }),
  )
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType0',
      BaseFont: name,
      CIDSystemInfo: {
        Registry: lib.PDFString.of('Adobe'),
        Ordering: lib.PDFString.of('Japan1'),
        Supplement: 6,
      },
      FontDescriptor: descriptor,
      DW: 1000,
    }),
  )
  const font = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: `${name}-UniJIS-UCS2-H`,
      Encoding: 'UniJIS-UCS2-H',
      DescendantFonts: [cidFont],
    }),
  )
  page.node.setFontDictionary(lib.PDFName.of('F1'), font)
  const hex = Array.from(text, (c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')
  page.pushOperators(
    lib.beginText(),
    lib.setFontAndSize('F1', 24),
    lib.moveText(20, 100),
    lib.showText(lib.PDFHexString.of(hex)),
    lib.endText(),
  )
  return pdf.save()
}
