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

const NAMESPACE_BYTES = Uint8Array.from(
  CASEFILE_STIX_NAMESPACE.replace(/-/g, '').match(/../g)!,
  (h) => parseInt(h, 16),
)
const encoder = new TextEncoder()
const W = new Int32Array(80)
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
/** Reused message buffer (namespace + name + padding) for names up to 4 KB of UTF-8. */
let scratch = new Uint8Array(4096 + 16 + 72)

/** SHA-1 (RFC 3174) of `msg[0, length)`, padding written in place; five 32-bit words. */
function sha1(msg: Uint8Array, length: number): [number, number, number, number, number] {
  const blocks = ((length + 8) >> 6) + 1
  const total = blocks << 6
  msg.fill(0, length, total)
  msg[length] = 0x80
  const bits = length * 8
  msg[total - 1] = bits & 0xff
  msg[total - 2] = (bits >>> 8) & 0xff
  msg[total - 3] = (bits >>> 16) & 0xff
  msg[total - 4] = (bits >>> 24) & 0xff
  let h0 = 0x67452301
  let h1 = 0xefcdab89 | 0
  let h2 = 0x98badcfe | 0
  let h3 = 0x10325476
  let h4 = 0xc3d2e1f0 | 0
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4
      W[i] = (msg[j]! << 24) | (msg[j + 1]! << 16) | (msg[j + 2]! << 8) | msg[j + 3]!
    }
    for (let i = 16; i < 80; i++) {
      const x = W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!
      W[i] = (x << 1) | (x >>> 31)
    }
    let a = h0
    let b = h1
    let c = h2
    let d = h3
    let e = h4
    for (let i = 0; i < 80; i++) {
      const f =
        i < 20
          ? ((b & c) | (~b & d)) + 0x5a827999
          : i < 40
            ? (b ^ c ^ d) + 0x6ed9eba1
            : i < 60
              ? ((b & c) | (b & d) | (c & d)) + (0x8f1bbcdc | 0)
              : (b ^ c ^ d) + (0xca62c1d6 | 0)
      const t = (((a << 5) | (a >>> 27)) + f + e + W[i]!) | 0
      e = d
      d = c
      c = (b << 30) | (b >>> 2)
      b = a
      a = t
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
  }
  return [h0, h1, h2, h3, h4]
}

const hex32 = (x: number) =>
  HEX[(x >>> 24) & 0xff]! + HEX[(x >>> 16) & 0xff]! + HEX[(x >>> 8) & 0xff]! + HEX[x & 0xff]!

/**
 * RFC 4122 UUIDv5 of `name` in Casefile's namespace. The same as the `uuid` package's `v5`
 * (a test checks it on thousands of names) but several times faster, as it allocates almost
 * nothing: an export computes one per object, 60,000 for a 10,000-event case.
 */
export function casefileUuidV5(name: string): string {
  const need = 16 + name.length * 3 + 72
  if (scratch.length < need) scratch = new Uint8Array(need)
  scratch.set(NAMESPACE_BYTES)
  const { written } = encoder.encodeInto(name, scratch.subarray(16))
  const [h0, h1, h2, h3] = sha1(scratch, 16 + written)
  const a = hex32(h0)
  const b = hex32(h1)
  const c = hex32((h2 & 0x3fffffff) | 0x80000000)
  const d = hex32(h3)
  // Version 5 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
  const v = hex32((h1 & ~0xf000) | 0x5000)
  return `${a}-${b.slice(0, 4)}-${v.slice(4, 8)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
}

/** The `uuid` package's UUIDv5 in Casefile's namespace (the reference `casefileUuidV5` meets). */
export function referenceUuidV5(name: string): string {
  return uuidv5(name, CASEFILE_STIX_NAMESPACE)
}

const idCache = new Map<string, string>()

/** The STIX id of type `type` derived from `key` (a Casefile id, or a composite of ids). */
export function stixId(type: string, key: string): string {
  const name = `${type}:${key}`
  let id = idCache.get(name)
  if (id === undefined) {
    // Exports ask for the same ids many times (every reference); keep the cache bounded.
    if (idCache.size >= 250_000) idCache.clear()
    id = `${type}--${casefileUuidV5(name)}`
    idCache.set(name, id)
  }
  return id
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
