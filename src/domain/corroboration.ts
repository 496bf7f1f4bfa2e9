/**
 * Corroboration, computed and never typed: for an event or a relation (a claimed tie), how
 * many reports (documents) carry it, how many independent origins those reports come from,
 * and their Admiralty grades — "3 reports · 2 independent origins · B2, C3" — with the
 * passages that contradict it counted apart and never as support (a passage's stance is the
 * record's choice for it, else its own: domain/stance.ts).
 *
 * A passage's origin is, in this order: the outlet it is marked second-hand from (the case's
 * source of that name when there is one, else the outlet's name); else its document's source,
 * where the document is a near-identical copy of an earlier one (`text-copies.ts`) the
 * original's source; else the document itself. Origins are counted, not passages: ten
 * passages of one wire story are one origin. Orphaned passages (their words are no longer in
 * the document) are left out of every count. A grade is the reporting document's source
 * reliability with the passage's credibility (else the record's), e.g. "B2".
 *
 * From this follows one suggestion, never applied by itself: information credibility 1
 * ("confirmed by other independent sources") when at least two independent origins support
 * and none contradicts. Pure and linear in the evidence. `corroborateAll` counts every record
 * (reports, origins, grades, contradictions: what the summary line says) when called, and
 * lists a record's origins with their passages only when they are first read: 10,000 events
 * over 30,000 passages in `npm run bench`'s evidence section.
 */
import { admiraltyCode } from './format'
import { outletKey } from './second-hand'
import type { Stances } from './stance'
import type { AnnotationRecord, Credibility, Reliability } from './types'

/** What corroboration reads of a passage. */
export type CorroborationPassage = Pick<
  AnnotationRecord,
  'id' | 'docId' | 'credibility' | 'stance' | 'secondHand' | 'anchor'
>

/** What corroboration reads of the case besides the passages. */
export interface CorroborationContext {
  passages: Map<string, CorroborationPassage>
  documents: Map<string, { sourceId?: string | undefined; title: string }>
  sources: Map<string, { name: string; reliability: Reliability }>
  /** Document id → the id of the original it is a near-identical copy of (`copyGroups`). */
  copies?: Map<string, string>
}

/** One independent origin and the passages that come from it. */
export interface Origin {
  /** `src:<source id>`, `outlet:<outlet key>` or `doc:<document id>`. */
  key: string
  /** Its name, for the analyst. */
  label: string
  passageIds: string[]
  /** How the origin was found for at least one passage: cited second-hand, or a copy. */
  via: ('second-hand' | 'copy')[]
}

/** The corroboration of one event or relation. */
export interface Corroboration {
  /** Documents carrying supporting passages. */
  reports: number
  /** Independent origins of the supporting passages. */
  origins: Origin[]
  /** Distinct Admiralty grades of the supporting passages, best first ("B2", "C3"). */
  grades: string[]
  /** Contradicting passages: never counted as support. */
  contradicting: { passageIds: string[]; reports: number; origins: Origin[] }
  /** "3 reports · 2 independent origins · B2, C3" (plus "· 1 contradicting passage"). */
  summary: string
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const RELIABILITIES: readonly Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']
/** Admiralty codes by reliability index × 7 + credibility (0: none), made once. */
const CODES = RELIABILITIES.flatMap((r) =>
  [undefined, 1, 2, 3, 4, 5, 6].map((c) => admiraltyCode(r, c as Credibility | undefined)),
)

interface ResolvedOrigin {
  key: string
  label: string
  via?: 'second-hand' | 'copy'
}

/** Who carries a record and who contradicts it, in full (see `Corroboration`). */
interface Detail {
  origins: Origin[]
  contradicting: Corroboration['contradicting']
}

const EMPTY_AGAINST: Corroboration['contradicting'] = Object.freeze({
  passageIds: Object.freeze([]) as unknown as string[],
  reports: 0,
  origins: Object.freeze([]) as unknown as Origin[],
})

/**
 * One record's corroboration. The counts and grades — all that the summary line, the timeline
 * and the briefing's chronology read — are worked out when it is made; the list of origins
 * with their passages (the inspector's) when first read, so a case of 10,000 events keeps
 * 10,000 small records rather than tens of thousands of origin lists nobody looks at.
 */
class Result implements Corroboration {
  private line: string | undefined
  private detail: Detail | undefined
  constructor(
    private readonly resolver: OriginResolver,
    private readonly evidence: readonly string[],
    private readonly stances: Stances | undefined,
    readonly reports: number,
    private readonly originCount: number,
    readonly grades: string[],
    private readonly againstCount: number,
  ) {}

  private details(): Detail {
    this.detail ??= this.resolver.details(this.evidence, this.stances)
    return this.detail
  }

  get origins(): Origin[] {
    return this.originCount === 0 ? [] : this.details().origins
  }

  get contradicting(): Corroboration['contradicting'] {
    return this.againstCount === 0 ? EMPTY_AGAINST : this.details().contradicting
  }

  get summary(): string {
    this.line ??= summaryLine(this.reports, this.originCount, this.grades, this.againstCount)
    return this.line
  }

  toJSON(): object {
    const { reports, origins, grades, contradicting, summary } = this
    return { reports, origins, grades, contradicting, summary }
  }
}

/**
 * Summary lines by grade list, then by counts: records that read alike share one string (a
 * case of 10,000 events has a few hundred distinct lines).
 */
const LINES = new WeakMap<string[], Map<number, string>>()
const COUNT = 0x10000

function summaryLine(reports: number, origins: number, grades: string[], against: number): string {
  const make = () =>
    [
      plural(reports, 'report'),
      plural(origins, 'independent origin'),
      ...(grades.length ? [grades.join(', ')] : []),
      ...(against ? [plural(against, 'contradicting passage')] : []),
    ].join(' · ')
  if (reports >= COUNT || origins >= COUNT || against >= COUNT) return make()
  let byCounts = LINES.get(grades)
  if (!byCounts) LINES.set(grades, (byCounts = new Map()))
  const key = (reports * COUNT + origins) * COUNT + against
  let line = byCounts.get(key)
  if (line === undefined) byCounts.set(key, (line = make()))
  return line
}

/**
 * The grade lists, one frozen array per distinct set of Admiralty codes (a bit per code:
 * 42 codes fit in a double's 53 bits), shared by every record with that set.
 */
const GRADE_LISTS = new Map<number, string[]>()

function gradeList(codes: number[]): string[] {
  let key = 0
  for (const c of codes) key += 2 ** c
  let list = GRADE_LISTS.get(key)
  if (!list) {
    list = Object.freeze(codes.sort((a, b) => a - b).map((c) => CODES[c]!)) as string[]
    GRADE_LISTS.set(key, list)
  }
  return list
}

/**
 * Resolves passages to origins, with the case's sources looked up by name once and each
 * document's and each cited outlet's origin worked out once (so a case of 30,000 passages
 * costs a few thousand look-ups, not 30,000).
 */
export class OriginResolver {
  private readonly byName = new Map<string, string>()
  private readonly byDoc = new Map<string, ResolvedOrigin & { reliability: number }>()
  private readonly byOutlet = new Map<string, ResolvedOrigin>()

  constructor(private readonly ctx: CorroborationContext) {
    for (const [id, s] of ctx.sources) {
      const key = outletKey(s.name)
      if (!this.byName.has(key)) this.byName.set(key, id)
    }
  }

  /** The source id a cited outlet's name matches, if any. */
  sourceNamed(outlet: string): string | undefined {
    return this.byName.get(outletKey(outlet))
  }

  private outletOrigin(outlet: string): ResolvedOrigin {
    let o = this.byOutlet.get(outlet)
    if (!o) {
      const id = this.sourceNamed(outlet)
      o = id
        ? { key: `src:${id}`, label: this.ctx.sources.get(id)!.name, via: 'second-hand' }
        : { key: `outlet:${outletKey(outlet)}`, label: outlet, via: 'second-hand' }
      this.byOutlet.set(outlet, o)
    }
    return o
  }

  private docOrigin(docId: string): ResolvedOrigin & { reliability: number } {
    let o = this.byDoc.get(docId)
    if (!o) {
      const { documents, sources, copies } = this.ctx
      const original = copies?.get(docId) ?? docId
      const doc = documents.get(original)
      const via = original !== docId ? ({ via: 'copy' } as const) : {}
      const source = doc?.sourceId ? sources.get(doc.sourceId) : undefined
      const own = documents.get(docId)?.sourceId
      const reliability = RELIABILITIES.indexOf((own && sources.get(own)?.reliability) || 'F')
      o =
        doc?.sourceId && source
          ? { key: `src:${doc.sourceId}`, label: source.name, ...via, reliability }
          : {
              key: `doc:${original}`,
              label: doc ? `“${doc.title}” (no publisher)` : 'a deleted document',
              ...via,
              reliability,
            }
      this.byDoc.set(docId, o)
    }
    return o
  }

  /** The origin of one passage (see the module comment). */
  originOf(p: CorroborationPassage): ResolvedOrigin {
    if (p.secondHand) return this.outletOrigin(p.secondHand.outlet)
    const { key, label, via } = this.docOrigin(p.docId)
    return via ? { key, label, via } : { key, label }
  }

  // Scratch lists reused by every `corroborate` call: one record cites a handful of
  // passages, so scanning short arrays beats building sets, and reusing them allocates nothing.
  private readonly seenIds: string[] = []
  private readonly supportDocs: string[] = []
  private readonly supportOrigins: string[] = []
  private readonly againstDocs: string[] = []
  private readonly codes: number[] = []

  /**
   * The corroboration of a record citing `evidence`, with the record's `stances` per passage
   * (domain/stance.ts; see the module comment).
   */
  corroborate(
    evidence: readonly string[],
    recordCredibility?: Credibility,
    stances?: Stances,
  ): Corroboration {
    const { passages } = this.ctx
    const long = evidence.length > 16
    // A long list keeps sets beside the arrays, so it stays linear.
    const seen = long ? new Set<string>() : undefined
    const sets = long ? { docs: new Set<string>(), origins: new Set<string>() } : undefined
    const { seenIds, supportDocs, supportOrigins, againstDocs, codes } = this
    seenIds.length = supportDocs.length = supportOrigins.length = againstDocs.length = 0
    codes.length = 0
    let against = 0
    for (let i = 0; i < evidence.length; i++) {
      const id = evidence[i]!
      if (seen ? seen.has(id) : seenIds.includes(id)) continue
      if (seen) seen.add(id)
      else seenIds.push(id)
      const p = passages.get(id)
      if (!p || p.anchor?.status === 'orphan') continue
      const doc = this.docOrigin(p.docId)
      if ((stances?.[id] ?? p.stance) === 'contradicts') {
        against++
        if (sets ? !sets.docs.has(`-${p.docId}`) : !againstDocs.includes(p.docId)) {
          againstDocs.push(p.docId)
          sets?.docs.add(`-${p.docId}`)
        }
        continue
      }
      if (sets ? !sets.docs.has(`+${p.docId}`) : !supportDocs.includes(p.docId)) {
        supportDocs.push(p.docId)
        sets?.docs.add(`+${p.docId}`)
      }
      const key = p.secondHand ? this.outletOrigin(p.secondHand.outlet).key : doc.key
      if (sets ? !sets.origins.has(key) : !supportOrigins.includes(key)) {
        supportOrigins.push(key)
        sets?.origins.add(key)
      }
      const code = doc.reliability * 7 + (p.credibility ?? recordCredibility ?? 0)
      if (!codes.includes(code)) codes.push(code)
    }
    return new Result(
      this,
      evidence,
      stances,
      supportDocs.length,
      supportOrigins.length,
      gradeList(codes),
      against,
    )
  }

  /** The origins of a record's supporting passages and its contradicting passages, listed. */
  details(evidence: readonly string[], stances?: Stances): Detail {
    const { passages } = this.ctx
    const supportOrigins: Origin[] = []
    const againstDocs: string[] = []
    const againstOrigins: Origin[] = []
    const against: string[] = []
    const index = new Map<string, Origin>()
    for (const id of new Set(evidence)) {
      const p = passages.get(id)
      if (!p || p.anchor?.status === 'orphan') continue
      const contra = (stances?.[id] ?? p.stance) === 'contradicts'
      const o = p.secondHand ? this.outletOrigin(p.secondHand.outlet) : this.docOrigin(p.docId)
      const origins = contra ? againstOrigins : supportOrigins
      const originKey = `${contra ? '-' : '+'}${o.key}`
      let origin = index.get(originKey)
      if (!origin) {
        origins.push((origin = { key: o.key, label: o.label, passageIds: [], via: [] }))
        index.set(originKey, origin)
      }
      origin.passageIds.push(p.id)
      if (o.via && !origin.via.includes(o.via)) origin.via.push(o.via)
      if (contra) {
        against.push(p.id)
        if (!againstDocs.includes(p.docId)) againstDocs.push(p.docId)
      }
    }
    return {
      origins: supportOrigins,
      contradicting: { passageIds: against, reports: againstDocs.length, origins: againstOrigins },
    }
  }
}

/** The corroboration of every record (events, relations) by id. */
export function corroborateAll(
  records: readonly {
    id: string
    evidence: readonly string[]
    confidence?: Credibility | undefined
    stances?: Stances | undefined
  }[],
  ctx: CorroborationContext,
): Map<string, Corroboration> {
  const resolver = new OriginResolver(ctx)
  const out = new Map<string, Corroboration>()
  for (const r of records) out.set(r.id, resolver.corroborate(r.evidence, r.confidence, r.stances))
  return out
}

/** Why credibility 1 is suggested: the independent origins that confirm the record. */
export interface ConfirmedSuggestion {
  origins: string[]
  reason: string
}

/**
 * Suggests information credibility 1 ("confirmed by other independent sources") when at
 * least two independent origins support the record and none contradicts, unless it is
 * graded 1 already. Never applies it.
 */
export function suggestConfirmed(
  c: Corroboration,
  current: Credibility | undefined,
): ConfirmedSuggestion | undefined {
  if (current === 1 || c.origins.length < 2 || c.contradicting.passageIds.length > 0)
    return undefined
  const origins = c.origins.map((o) => o.label)
  const list =
    origins.length === 2
      ? origins.join(' and ')
      : `${origins.slice(0, -1).join(', ')} and ${origins.at(-1)}`
  return {
    origins,
    reason: `Confirmed by ${origins.length} independent origins (${list}); no passage contradicts it.`,
  }
}
