/**
 * The built-in sample case (resources/sample-case/): a few short source documents written
 * by the Casefile team. Opening it runs them through the real import pipeline, then applies
 * the publisher, grade and date that the manifest gives, exactly as an analyst would.
 */
import { z } from 'zod'
import { createCase } from '../../db/cases'
import type { CasefileDB } from '../../db/schema'
import type { SourceFile } from '../../platform/platform'
import type { ImportReport } from '../../import/import-batch'

const Manifest = z.object({
  format: z.literal(1),
  title: z.string().min(1),
  description: z.string().optional(),
  documents: z.array(
    z.object({
      file: z.string(),
      publisher: z.string().optional(),
      reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
      publishedAt: z.string().optional(),
      url: z.string().optional(),
      author: z.string().optional(),
      language: z.string().optional(),
    }),
  ),
})

const files = import.meta.glob(
  ['../../../resources/sample-case/*.{txt,md,html}', '!../../../resources/sample-case/README.md'],
  {
    query: '?raw',
    import: 'default',
  },
) as Record<string, () => Promise<string>>

/** Creates the sample case and imports its documents; returns the new case id and report. */
export async function openSampleCase(
  db: CasefileDB,
): Promise<{ caseId: string; report: ImportReport }> {
  const raw = (await import('../../../resources/sample-case/manifest.json')).default
  const manifest = Manifest.parse(raw)
  const sources: SourceFile[] = []
  const byName = new Map(manifest.documents.map((d) => [d.file, d]))
  for (const entry of manifest.documents) {
    const load = Object.entries(files).find(([path]) => path.endsWith(`/${entry.file}`))?.[1]
    if (!load) throw new Error(`The sample case is missing ${entry.file}.`)
    const bytes = new TextEncoder().encode(await load())
    sources.push({
      name: entry.file,
      size: bytes.byteLength,
      type: '',
      read: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    })
  }
  const created = await createCase(db, manifest.title, manifest.description)
  const { importBatch } = await import('../../import/import-batch')
  const report = await importBatch(db, created.id, sources, {
    overrides: (f) => {
      const m = byName.get(f.name)
      if (!m) return undefined
      const at = m.publishedAt ? Date.parse(m.publishedAt) : NaN
      return {
        publisher: m.publisher,
        reliability: m.reliability,
        url: m.url,
        author: m.author,
        language: m.language,
        ...(Number.isFinite(at) ? { publishedAt: at, publishedPrecision: 'minute' as const } : {}),
      }
    },
  })
  return { caseId: created.id, report }
}
