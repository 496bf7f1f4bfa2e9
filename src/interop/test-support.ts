/**
 * Helpers for the open-format tests: a realistic case as a snapshot (the store fixture with a
 * saved graph layout), and the official schemas in `../shared/schemas` (beside the repo, as CI
 * clones it) — Ajv draft-04 over the W3C Web Annotation MUST assertions, and `xmllint` for
 * GEXF (RELAX NG) and GraphML (well-formedness). Imported only by tests. src/ is type-checked
 * without Node's types, so `fs`, `url` and `child_process` are fetched at run time with
 * `process.getBuiltinModule` (as src/import/test-support.ts does).
 */
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { CasefileDB } from '../db/schema'
import { seedRealisticCase, type SeededCase } from '../db/test-fixtures'
import { writeViewState } from '../db/view-state'
import { loadCaseSnapshot, type CaseSnapshot } from './snapshot'

interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string
  readdirSync(path: string): string[]
  writeFileSync(path: string, data: string | Uint8Array): void
  mkdtempSync(prefix: string): string
}
interface SpawnResult {
  status: number | null
  stdout: Uint8Array
  stderr: Uint8Array
  error?: Error
}
interface NodeProcess {
  getBuiltinModule(id: 'node:fs'): NodeFs
  getBuiltinModule(id: 'node:url'): { fileURLToPath(url: string): string }
  getBuiltinModule(id: 'node:os'): { tmpdir(): string }
  getBuiltinModule(id: 'node:child_process'): {
    spawnSync(
      command: string,
      args: string[],
      options: { input?: string | Uint8Array; env?: Record<string, string | undefined> },
    ): SpawnResult
  }
  env: Record<string, string | undefined>
  execPath: string
}

/** Node's process object (tests run in Node). */
export const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process
/** Node's fs module. */
export const fs = nodeProcess.getBuiltinModule('node:fs')
const toPath = nodeProcess.getBuiltinModule('node:url').fileURLToPath

/** The repository's root folder, with a trailing slash. */
export const REPO = toPath(import.meta.url.replace(/src\/interop\/[^/]*$/, ''))
/** The official schemas, beside the repository (see ../shared/schemas/README.md). */
export const SCHEMAS = `${REPO}../shared/schemas/`

/** A fresh temporary folder. */
export function tempDir(): string {
  return fs.mkdtempSync(`${nodeProcess.getBuiltinModule('node:os').tmpdir()}/casefile-formats-`)
}

/** Runs a program; its output decoded as UTF-8. */
export function run(
  command: string,
  args: string[],
  input?: string | Uint8Array,
): { status: number | null; stdout: string; stderr: string; stdoutBytes: Uint8Array } {
  const r = nodeProcess
    .getBuiltinModule('node:child_process')
    .spawnSync(command, args, { input, env: { ...nodeProcess.env, NO_COLOR: '1' } })
  if (r.error) throw r.error
  const text = (b: Uint8Array) => new TextDecoder().decode(b)
  return { status: r.status, stdout: text(r.stdout), stderr: text(r.stderr), stdoutBytes: r.stdout }
}

/** `xmllint --noout [--relaxng gexf.rng] -` on `xml`: exit status and messages. */
export function xmllint(xml: string, schema?: 'gexf'): { status: number | null; stderr: string } {
  const rng = schema === 'gexf' ? ['--relaxng', `${SCHEMAS}gexf-1.3/gexf.rng`] : []
  const r = run('xmllint', ['--noout', ...rng, '-'], xml)
  return { status: r.status, stderr: r.stderr }
}

const WA = `${SCHEMAS}web-annotation/`
const readJson = (path: string) => JSON.parse(fs.readFileSync(WA + path, 'utf8')) as unknown
let ajv: Ajv | undefined
const compiled = new Map<string, (data: unknown) => boolean>()

function validator(path: string): (data: unknown) => boolean {
  let v = compiled.get(path)
  if (!v) {
    if (!ajv) {
      ajv = new Ajv({ strict: false, allErrors: true })
      addFormats(ajv)
      for (const f of fs.readdirSync(`${WA}definitions`))
        ajv.addSchema(readJson(`definitions/${f}`) as object)
    }
    // Two assertion files share one id: compile without it (the schemas' README says so).
    const { id: _id, ...schema } = readJson(path) as Record<string, unknown>
    const fn = ajv.compile(schema)
    v = (data: unknown) => fn(data) as boolean
    compiled.set(path, v)
  }
  return v
}

const MUSTS = {
  annotation: 'annotations/annotationMusts.test',
  collection: 'collections/collectionMusts.test',
  page: 'collections/pages/pageMusts.test',
} as const

/** The W3C MUST assertions (file names) that `data` fails, as an annotation, collection or page. */
export function failedMusts(kind: keyof typeof MUSTS, data: unknown): string[] {
  const { assertions } = readJson(MUSTS[kind]) as { assertions: string[] }
  return assertions.filter((p) => !validator(p)(data))
}

/** Whether `data` passes one named W3C assertion file (e.g. an optional feature check). */
export function passesAssertion(path: string, data: unknown): boolean {
  return validator(path)(data)
}

/** The realistic store fixture as a snapshot, with a saved graph layout for every actor. */
export async function realisticSnapshot(): Promise<{
  snapshot: CaseSnapshot
  seeded: SeededCase
  db: CasefileDB
}> {
  const db = new CasefileDB(`formats-${Math.random()}`)
  await db.open()
  const seeded = await seedRealisticCase(db)
  const caseId = seeded.caseRecord.id
  const positions: Record<string, { x: number; y: number }> = {}
  seeded.entities.forEach((e, i) => (positions[e.id] = { x: i * 100 - 150, y: i * 37.5 + 10 }))
  await writeViewState(db, caseId, 'graph:layout', { positions, pinned: [] })
  return { snapshot: await loadCaseSnapshot(db, caseId), seeded, db }
}
