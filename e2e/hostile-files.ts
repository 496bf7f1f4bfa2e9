/**
 * Files the import-hardening spec generates: a ZIP (DOCX) whose one part is handed over
 * already deflated, so that a 400 MB bomb is built by streaming, never held whole. (The PDF set
 * in a CJK font comes from src/test/cjk-pdf.ts, shared with the unit tests.)
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
