/**
 * Test support (only tests import it): checks STIX objects against the OFFICIAL STIX 2.1 JSON
 * schemas in `../shared/schemas/stix2.1` the way that folder's README says — Ajv in draft
 * 2020-12 mode with `unicodeRegExp: false`, each object against its own type's schema, never
 * `bundle.json` — plus what the schemas cannot check: that every `*_ref`/`*_refs` names an
 * object in the bundle, that ids are unique and `modified` ≥ `created`.
 */
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import type { StixBundle, StixObject } from './types'

const files = import.meta.glob(
  '../../../../shared/schemas/stix2.1/{common,sdos,sros,observables}/*.json',
  {
    eager: true,
    import: 'default',
  },
)

let ajv: Ajv2020 | undefined
function compiler(): Ajv2020 {
  if (ajv) return ajv
  ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false })
  addFormats(ajv)
  ajv.addFormat('idn-hostname', true)
  for (const [path, schema] of Object.entries(files)) {
    const key = path.split('/').pop()!.replace('.json', '')
    ajv.addSchema(schema as object, key)
  }
  return ajv
}

/** How many schema files were found (a test asserts it, so a moved folder cannot pass). */
export const SCHEMA_FILE_COUNT = Object.keys(files).length

/** The schema errors of one object, as readable strings (empty when it is valid). */
export function schemaErrors(obj: StixObject): string[] {
  const validate = compiler().getSchema(obj.type)
  if (!validate) return [`${obj.id}: no schema for type ${obj.type}`]
  if (validate(obj)) return []
  return (validate.errors ?? []).map(
    (e) => `${obj.id}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  )
}

/** Every reference held by an object (`*_ref`, `*_refs`, also inside granular markings). */
export function refsOf(obj: StixObject): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(obj)) {
    if (k.endsWith('_ref') && typeof v === 'string') out.push(v)
    if (k.endsWith('_refs') && Array.isArray(v)) out.push(...(v as string[]))
  }
  return out
}

/**
 * Everything wrong with a bundle: the bundle's own shape, each object's schema errors,
 * duplicate ids, dangling references and `modified` before `created`.
 */
export function bundleProblems(bundle: StixBundle): string[] {
  const problems: string[] = []
  if (bundle.type !== 'bundle') problems.push('not a bundle')
  if (
    !/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(
      bundle.id,
    )
  )
    problems.push(`bad bundle id ${bundle.id}`)
  const ids = new Set<string>()
  for (const o of bundle.objects) {
    if (ids.has(o.id)) problems.push(`duplicate id ${o.id}`)
    ids.add(o.id)
  }
  for (const o of bundle.objects) {
    problems.push(...schemaErrors(o))
    for (const ref of refsOf(o)) if (!ids.has(ref)) problems.push(`${o.id}: dangling ${ref}`)
    if (o.created && o.modified && Date.parse(o.modified) < Date.parse(o.created))
      problems.push(`${o.id}: modified before created`)
  }
  return problems
}
