/**
 * Small helpers that every importer uses to turn the metadata a file carries into the form
 * a document stores: language tags in canonical BCP 47 form, only absolute http(s) URLs,
 * author names without a leading "By", and publication dates with their precision.
 */
import { parsePublished, ZONE_ASSUMED_WARNING } from './dates'
import type { ParsedDocument } from './extract-types'
import { cleanLabel } from './normalise'

/** A canonical BCP 47 tag ("en_gb" → "en-GB"), or `undefined` when it is not one. */
export function normaliseLanguage(value: string | null | undefined): string | undefined {
  const tag = (value ?? '').trim().replace(/_/g, '-')
  if (!tag || tag.length > 35) return undefined
  try {
    return Intl.getCanonicalLocales(tag)[0]
  } catch {
    return undefined
  }
}

/** The URL when it is an absolute http(s) URL, else `undefined`. */
export function httpUrl(value: string | null | undefined): string | undefined {
  const v = (value ?? '').trim()
  if (!v) return undefined
  try {
    const url = new URL(v)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

/** An author as shown: "By Lea Korhonen" → "Lea Korhonen"; URLs are not names. */
export function authorName(value: string | null | undefined): string {
  const name = cleanLabel(value).replace(/^by\s+/i, '')
  return /^https?:\/\//i.test(name) ? '' : name
}

/**
 * Copies the first value that parses as a date into `doc.publishedAt`/`publishedPrecision`,
 * warning when a time of day came without a zone. Returns whether one was found.
 */
export function applyPublished(
  doc: ParsedDocument,
  candidates: (string | null | undefined)[],
): boolean {
  for (const candidate of candidates) {
    const date = parsePublished(candidate)
    if (!date) continue
    doc.publishedAt = date.at
    doc.publishedPrecision = date.precision
    if (date.zoneAssumed) doc.warnings.push(ZONE_ASSUMED_WARNING)
    return true
  }
  return false
}

/** Sets the optional text fields of `doc` that have a non-empty value. */
export function applyLabels(
  doc: ParsedDocument,
  labels: { author?: string; publisher?: string; url?: string; language?: string },
): void {
  for (const key of ['author', 'publisher', 'url', 'language'] as const) {
    const value = labels[key]
    if (value) doc[key] = value
  }
}
