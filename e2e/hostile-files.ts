/**
 * Files the import-hardening spec generates: a ZIP (DOCX) whose one part is handed over
 * already deflated — so a 400 MB bomb is built by streaming, never held whole — and a PDF set
 * in a CJK font. Mirrors of the unit tests' helpers in src/import/test-support.ts, which the
 * e2e project (tsconfig.node.json) cannot import.
 */
/** A ZIP of parts already raw-deflated (`size` is what each inflates to). */
export function zipOfDeflated(
  parts: { name: string; deflated: Uint8Array; size: number }[],
): Uint8Array {
  const chunks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt16LE(8, 8)
    head.writeUInt32LE(part.deflated.length, 18)
    head.writeUInt32LE(part.size, 22)
    head.writeUInt16LE(name.length, 26)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(8, 10)
    dir.writeUInt32LE(part.deflated.length, 20)
    dir.writeUInt32LE(part.size, 24)
    dir.writeUInt16LE(name.length, 28)
    dir.writeUInt32LE(offset, 42)
    chunks.push(head, name, Buffer.from(part.deflated))
    central.push(dir, name)
    offset += head.length + name.length + part.deflated.length
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(dirSize, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]))
}

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
