/**
 * The fixed points of Casefile's STIX mapping: the UUIDv5 namespace that turns Casefile ids into
 * STIX ids (so exporting twice gives the same objects), the property extension's definition,
 * the spec's TLP marking definitions (STIX 2.1 §7.2.1.4, fixed ids), and the grade scales
 * (Admiralty credibility ↔ STIX confidence, source reliability ↔ OpenCTI's reliability
 * strings, ICD 203 likelihood ↔ a 0–100 likelihood). Pure data and small pure functions.
 */
import { v5 as uuidv5 } from 'uuid'
import type { Credibility, Judgement, Likelihood, Reliability } from '../../domain/types'
import type { StixObject, TlpLevel } from './types'

/** Casefile's UUIDv5 namespace for STIX ids. Never change it: ids would all move. */
export const CASEFILE_STIX_NAMESPACE = '6f1c3f0e-5b1a-4f43-9d58-2c7e8a4b9d21'

/** The STIX id of type `type` derived from `key` (a Casefile id, or a composite of ids). */
export function stixId(type: string, key: string): string {
  return `${type}--${uuidv5(`${type}:${key}`, CASEFILE_STIX_NAMESPACE)}`
}

/** The producer of every Casefile export (`created_by_ref` of what has no source). */
export const CASEFILE_IDENTITY_ID = stixId('identity', 'casefile')

/** The id of Casefile's property extension (its `extension-definition`). */
export const CASEFILE_EXTENSION_ID = stixId('extension-definition', 'casefile-v1')

const FIXED_TIME = '2026-01-01T00:00:00.000Z'

/** The system identity that created the extension definition and the case's grouping. */
export const CASEFILE_IDENTITY: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: CASEFILE_IDENTITY_ID,
  created: FIXED_TIME,
  modified: FIXED_TIME,
  name: 'Casefile',
  identity_class: 'system',
  description: 'Casefile, an offline workbench for analysts (the producer of this bundle).',
}

/** The `extension-definition` of Casefile's property extension. */
export const CASEFILE_EXTENSION_DEFINITION: StixObject = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: CASEFILE_EXTENSION_ID,
  created: FIXED_TIME,
  modified: FIXED_TIME,
  created_by_ref: CASEFILE_IDENTITY_ID,
  name: 'Casefile case data',
  description:
    'What a Casefile case holds beyond STIX: record ids and kinds, time precision and bounds, ' +
    'W3C text selectors of passages, event types, grades and grade history, document metadata.',
  schema:
    'Plain-text definition: see docs/stix-mapping.md in the Casefile repository. Every ' +
    'property is optional; casefile_id is the Casefile record id, casefile_kind its kind.',
  version: '1.0.0',
  extension_types: ['property-extension'],
}

/** The spec's TLP 1.0 marking definition ids (STIX 2.1 §7.2.1.4). */
export const TLP_IDS: Record<TlpLevel, string> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
}

/** The spec's TLP marking definition object for `level`, exactly as the spec prints it. */
export function tlpMarking(level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_IDS[level],
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  }
}

const TLP_ORDER: TlpLevel[] = ['white', 'green', 'amber', 'red']

/**
 * The TLP level a briefing's free-text handling line asks for: an explicit `TLP:RED`,
 * `TLP:AMBER` (and `AMBER+STRICT`), `TLP:GREEN`, `TLP:CLEAR`/`TLP:WHITE` wins; otherwise
 * words of restricted handling (sensitive, restricted, confidential, secret, do not
 * circulate) mean AMBER, and public/unclassified mean WHITE. Anything else has no TLP.
 */
export function tlpFromHandling(handling: string): TlpLevel | undefined {
  const text = handling.toUpperCase()
  const explicit = /TLP\s*[:-]?\s*(RED|AMBER|GREEN|CLEAR|WHITE)/.exec(text)
  if (explicit) {
    const word = explicit[1]!.toLowerCase()
    return word === 'clear' ? 'white' : (word as TlpLevel)
  }
  if (/SECRET|CONFIDENTIAL|RESTRICTED|SENSITIVE|DO NOT CIRCULATE/.test(text)) return 'amber'
  if (/\bPUBLIC\b|UNCLASSIFIED/.test(text)) return 'white'
  return undefined
}

/** The strictest of several TLP levels. */
export function strictestTlp(levels: (TlpLevel | undefined)[]): TlpLevel | undefined {
  let best = -1
  for (const l of levels) if (l) best = Math.max(best, TLP_ORDER.indexOf(l))
  return best < 0 ? undefined : TLP_ORDER[best]
}

/** The TLP level of a marking-definition id, if it is one of the spec's. */
export function tlpOfMarking(id: string): TlpLevel | undefined {
  return (Object.keys(TLP_IDS) as TlpLevel[]).find((l) => TLP_IDS[l] === id)
}

const CONFIDENCE: Record<number, number> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 }

/** Admiralty credibility 1–5 → STIX confidence 90/70/50/30/10; 6 (cannot be judged) → none. */
export function confidenceOf(credibility: Credibility | undefined): number | undefined {
  return credibility === undefined ? undefined : CONFIDENCE[credibility]
}

/** STIX confidence 0–100 → the nearest Admiralty credibility (1 for ≥ 80 … 5 below 20). */
export function credibilityOf(confidence: unknown): Credibility | undefined {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return undefined
  if (confidence >= 80) return 1
  if (confidence >= 60) return 2
  if (confidence >= 40) return 3
  if (confidence >= 20) return 4
  return 5
}

/** OpenCTI's reliability strings (`x_opencti_reliability`), by Admiralty grade. */
export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'A - Completely reliable',
  B: 'B - Usually reliable',
  C: 'C - Fairly reliable',
  D: 'D - Not usually reliable',
  E: 'E - Unreliable',
  F: 'F - Reliability cannot be judged',
}

/** The Admiralty grade of an OpenCTI reliability string ("B - Usually reliable" → B). */
export function reliabilityOf(value: unknown): Reliability | undefined {
  if (typeof value !== 'string') return undefined
  const letter = /^\s*([A-F])\b/.exec(value.toUpperCase())?.[1]
  return letter as Reliability | undefined
}

/** ICD 203 likelihood terms → a 0–100 likelihood (the middle of each term's range). */
export const LIKELIHOOD_PERCENT: Record<Likelihood, number> = {
  'almost no chance': 3,
  'very unlikely': 12,
  unlikely: 30,
  'roughly even chance': 50,
  likely: 67,
  'very likely': 87,
  'almost certain': 97,
}

/** A 0–100 likelihood → the ICD 203 term whose range holds it. */
export function likelihoodOf(percent: unknown): Likelihood | undefined {
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return undefined
  if (percent < 5) return 'almost no chance'
  if (percent < 20) return 'very unlikely'
  if (percent < 45) return 'unlikely'
  if (percent < 55) return 'roughly even chance'
  if (percent < 80) return 'likely'
  if (percent < 95) return 'very likely'
  return 'almost certain'
}

/** Judgement confidence → STIX confidence (the spec's Low/Med/High scale: 15/50/85). */
export const JUDGEMENT_CONFIDENCE: Record<Judgement['confidence'], number> = {
  low: 15,
  moderate: 50,
  high: 85,
}

/** STIX confidence → judgement confidence. */
export function judgementConfidenceOf(value: unknown): Judgement['confidence'] {
  if (typeof value !== 'number') return 'low'
  return value >= 70 ? 'high' : value >= 35 ? 'moderate' : 'low'
}

/** A STIX timestamp with milliseconds (`…T10:00:00.000Z`) of `ms` since the epoch. */
export function stixTime(ms: number): string {
  return new Date(ms).toISOString()
}

let countryCodes: Map<string, string> | undefined
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ'])

/**
 * The ISO 3166-1 alpha-2 code of a country name or code ("Iran" → IR, "United States" → US),
 * from the platform's own region names (`Intl.DisplayNames`, English), or undefined.
 */
export function countryCode(name: string): string | undefined {
  if (!countryCodes) {
    countryCodes = new Map()
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })
    const A = 'A'.charCodeAt(0)
    for (let i = 0; i < 26; i++)
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j)
        // Deprecated codes (UK, SU, …) name today's countries under their old code; groupings
        // (EU, UN) and the unknown region are no country.
        if (NOT_COUNTRIES.has(code) || new Intl.Locale(`und-${code}`).region !== code) continue
        let display: string | undefined
        try {
          display = names.of(code)
        } catch {
          display = undefined
        }
        if (display && display !== code) {
          countryCodes.set(display.toLowerCase(), code)
          countryCodes.set(code.toLowerCase(), code)
        }
      }
    // Common names the CLDR display names spell differently.
    for (const [n, c] of [
      ['usa', 'US'],
      ['united states of america', 'US'],
      ['uk', 'GB'],
      ['great britain', 'GB'],
      ['britain', 'GB'],
      ['russian federation', 'RU'],
      ['islamic republic of iran', 'IR'],
      ['south korea', 'KR'],
      ['north korea', 'KP'],
      ['syria', 'SY'],
    ] as const)
      countryCodes.set(n, c)
  }
  return countryCodes.get(name.trim().toLowerCase())
}

/** The English country name of an ISO 3166-1 alpha-2 code, or the code itself. */
export function countryName(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}
