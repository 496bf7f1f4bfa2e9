/**
 * Scores Casefile's shipped date finder and resolver (`src/domain/time/find.ts`) on the
 * TempEval-3 AQUAINT dev set the TempEval-3 way, with chrono-node alone as the baseline in the
 * same run, and times the finder + resolver over a 1 MB document. Run with `npm run
 * eval:dates` (the launcher `eval-dates.mjs` loads this file through Vite's module runner).
 *
 * What is scored. Each `.tml` file's `<TEXT>` with its markup removed is one document; its
 * `<DCT>` is the publication date (day precision, UTC). The system sees the whole text (it
 * splits sentences itself) and returns spans with resolutions. Gold is every `TIMEX3` of the
 * text (the DCT itself is not scored).
 *
 * Rules (the brief's, then the ones chosen here):
 * - Extraction: strict = same offsets; relaxed = any overlap, each gold and each predicted
 *   span used once, in text order. P/R/F1 per TIMEX3 type and overall.
 * - Spans: Casefile keeps the governing preposition or hedge with an expression ("on
 *   Monday", "at about 10:35 a.m.") because the resolver needs it; extraction is scored on
 *   the span without it (`FoundDate.timexStart`), as TimeML leaves it out.
 * - Type of a prediction: a predicted span that matches a gold takes the gold's type (type
 *   is not scored here); an unmatched one counts as a false positive of the type its
 *   resolution suggests (minute or hour precision → TIME, else DATE).
 * - Value: the resolved interval [start, end) must lie inside the gold value's interval —
 *   day, month, ISO week (and its weekend), quarter, half, season (meteorological: spring
 *   Mar–May, summer Jun–Aug, fall Sep–Nov, winter Dec–Feb), year, decade, century; TIME by
 *   its hour or minute, parts of a day by TimeML's MO 05–12, AF 12–18, EV 18–24, NI 18–06,
 *   DT 06–18; a resolved part of a day (hour precision) is cut at the end of the day it
 *   starts on, as TimeML counts "Friday night" (…TNI) inside Friday. "1998-XX" reads as 1998, "1998-04-XX" as April 1998. An ambiguous resolution
 *   is scored by its first reading, the one the event form pre-selects. PRESENT_REF counts
 *   when the resolution is approximate and contains the publication day, PAST_REF when it is
 *   approximate and ends on or before the end of that day, FUTURE_REF when approximate and
 *   starting on or after its start; each also counts when the system declined (unresolvable).
 *   Values that name no interval (durations P3D, sets, XXXX-…) count only when declined.
 * - Value accuracy = correct values ÷ relaxed matches; value F1 = value accuracy × relaxed F1.
 * - chrono-node alone: `chrono.parse` over the whole text with the DCT at noon UTC; its
 *   interval is the most specific certain component (minute if the hour is certain, else the
 *   day if day or weekday is, else the month, else the year); never approximate, never
 *   declined.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as chrono from 'chrono-node'
import { findDates, resolveAll, resolveFound } from '../src/domain/time/find'
import type { Resolution } from '../src/domain/time/resolve'

const CORPUS = process.env.EVAL_DATES_CORPUS ?? '/work/shared/corpora/tempeval3-aquaint'
const TYPES = ['DATE', 'TIME', 'DURATION', 'SET'] as const
type TimexType = (typeof TYPES)[number]
const DAY = 86_400_000

interface Gold {
  start: number
  end: number
  type: TimexType
  value: string
  text: string
}

interface Doc {
  name: string
  text: string
  dct: number
  gold: Gold[]
}

/** A system's reading of one span: an interval, or declined. */
interface Prediction {
  start: number
  end: number
  text: string
  type: TimexType
  interval?: [number, number]
  approximate: boolean
  rule: string
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
}
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!)

/** Reads one .tml file: plain text of <TEXT>, its TIMEX3 spans and the DCT. */
export function parseTml(name: string, xml: string): Doc {
  const dctValue = /<DCT>\s*<TIMEX3[^>]*value="([^"]+)"/.exec(xml)?.[1] ?? ''
  const [y, m, d] = dctValue.slice(0, 10).split('-').map(Number)
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? ''
  let text = ''
  const gold: Gold[] = []
  let open: { start: number; type: TimexType; value: string } | undefined
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|([^<]+)/g
  let t: RegExpExecArray | null
  while ((t = re.exec(body))) {
    if (t[4] !== undefined) {
      text += decode(t[4])
      continue
    }
    if (t[2] !== 'TIMEX3') continue
    if (t[1] === '') {
      const type = /type="([A-Z]+)"/.exec(t[3]!)?.[1] as TimexType
      const value = /value="([^"]*)"/.exec(t[3]!)?.[1] ?? ''
      open = { start: text.length, type, value }
    } else if (open) {
      gold.push({ ...open, end: text.length, text: text.slice(open.start, text.length) })
      open = undefined
    }
  }
  return { name, text, dct: Date.UTC(y!, m! - 1, d!), gold }
}

/* ------------------------------------------------------------------------------------ */
/* Gold values as intervals                                                               */

const utc = (y: number, m = 1, d = 1, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min)

function isoWeekMonday(y: number, w: number): number {
  const jan4 = utc(y, 1, 4)
  const wd = (new Date(jan4).getUTCDay() + 6) % 7
  return jan4 - wd * DAY + (w - 1) * 7 * DAY
}

const PARTS: Record<string, [number, number]> = {
  MO: [5, 12],
  AF: [12, 18],
  EV: [18, 24],
  NI: [18, 30],
  DT: [6, 18],
}
const SEASONS: Record<string, [number, number]> = {
  SP: [3, 6],
  SU: [6, 9],
  FA: [9, 12],
  AU: [9, 12],
}

/** The interval a gold value names, or undefined when it names none. */
export function goldInterval(value: string): [number, number] | undefined {
  let m: RegExpExecArray | null
  const v = value.replace(/-XX$/, '').replace(/-XX$/, '')
  if ((m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2}))?/.exec(v))) {
    const base = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, m[5] ? +m[5] : 0)
    return [base, base + (m[5] ? 60_000 : 3_600_000)]
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})T(MO|AF|EV|NI|DT)$/.exec(v))) {
    const [a, b] = PARTS[m[4]!]!
    return [utc(+m[1]!, +m[2]!, +m[3]!, a), utc(+m[1]!, +m[2]!, +m[3]!, b)]
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) {
    const s = utc(+m[1]!, +m[2]!, +m[3]!)
    return [s, s + DAY]
  }
  if ((m = /^(\d{4})-W(\d{1,2})(-WE)?$/.exec(v))) {
    const mon = isoWeekMonday(+m[1]!, +m[2]!)
    return m[3] ? [mon + 5 * DAY, mon + 7 * DAY] : [mon, mon + 7 * DAY]
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return [utc(+m[1]!, +m[2]!), utc(+m[1]!, +m[2]! + 1)]
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) {
    const q = +m[2]!
    return [utc(+m[1]!, 3 * q - 2), utc(+m[1]!, 3 * q + 1)]
  }
  if ((m = /^(\d{4})-H([12])$/.exec(v))) {
    const h = +m[2]!
    return [utc(+m[1]!, 6 * h - 5), utc(+m[1]!, 6 * h + 1)]
  }
  if ((m = /^(\d{4})-WI$/.exec(v))) return [utc(+m[1]!, 12), utc(+m[1]! + 1, 3)]
  if ((m = /^(\d{4})-(SP|SU|FA|AU)$/.exec(v))) {
    const [a, b] = SEASONS[m[2]!]!
    return [utc(+m[1]!, a), utc(+m[1]!, b)]
  }
  if ((m = /^(\d{4})$/.exec(v))) return [utc(+m[1]!), utc(+m[1]! + 1)]
  if ((m = /^(\d{3})X?$/.exec(v))) return [utc(+m[1]! * 10), utc(+m[1]! * 10 + 10)]
  if ((m = /^(\d{2})(?:XX)?$/.exec(v))) return [utc(+m[1]! * 100), utc(+m[1]! * 100 + 100)]
  return undefined
}

/** Whether a prediction's value is right for a gold value (rules in the header). */
export function valueCorrect(p: Prediction, gold: Gold, dct: number): boolean {
  const ref = /^(PRESENT|PAST|FUTURE)_REF$/.exec(gold.value)?.[1]
  if (ref) {
    if (!p.interval) return true
    if (!p.approximate) return false
    const [a, b] = p.interval
    if (ref === 'PRESENT') return a < dct + DAY && b > dct
    if (ref === 'PAST') return b <= dct + DAY
    return a >= dct
  }
  const g = goldInterval(gold.value)
  if (!g) return !p.interval
  if (!p.interval) return false
  return p.interval[0] >= g[0] && p.interval[1] <= g[1]
}

/* ------------------------------------------------------------------------------------ */
/* The two systems                                                                        */

function fromResolution(r: Resolution): Pick<Prediction, 'interval' | 'approximate' | 'rule'> {
  const value =
    r.status === 'resolved'
      ? r.value
      : r.status === 'ambiguous'
        ? r.candidates[0]?.value
        : undefined
  if (!value) return { approximate: false, rule: r.status === 'unresolvable' ? 'declined' : '?' }
  let end = value.end ?? value.start + 60_000
  // A part of a day belongs to the day it is named after: TimeML's 1998-08-07TNI lies
  // inside 1998-08-07, though the night runs on past midnight.
  if (value.precision === 'hour') end = Math.min(end, Math.floor(value.start / DAY) * DAY + DAY)
  return {
    interval: [value.start, end],
    approximate: value.approximate,
    rule: value.resolvedFrom?.rule ?? '?',
  }
}

function casefile(doc: Doc): Prediction[] {
  const context = { published: doc.dct, publishedPrecision: 'day' as const, timeZone: 'UTC' }
  return findDates(doc.text).map((f) => {
    const v = fromResolution(resolveFound(f, context))
    const type: TimexType =
      v.interval && v.interval[1] - v.interval[0] <= 3_600_000 ? 'TIME' : 'DATE'
    return { start: f.timexStart, end: f.end, text: f.text, type, ...v }
  })
}

function chronoAlone(doc: Doc): Prediction[] {
  const instant = new Date(doc.dct + DAY / 2)
  return chrono.parse(doc.text, { instant, timezone: 0 }).map((r) => {
    const s = r.start
    const y = s.get('year')!
    const mo = s.get('month')!
    const d = s.get('day')!
    let interval: [number, number]
    let type: TimexType = 'DATE'
    if (s.isCertain('hour')) {
      const at = utc(y, mo, d, s.get('hour')!, s.get('minute') ?? 0)
      interval = [at, at + 60_000]
      type = 'TIME'
    } else if (s.isCertain('day') || s.isCertain('weekday'))
      interval = [utc(y, mo, d), utc(y, mo, d + 1)]
    else if (s.isCertain('month')) interval = [utc(y, mo), utc(y, mo + 1)]
    else if (s.isCertain('year')) interval = [utc(y), utc(y + 1)]
    else interval = [utc(y, mo, d), utc(y, mo, d + 1)]
    return {
      start: r.index,
      end: r.index + r.text.length,
      text: r.text,
      type,
      interval,
      approximate: false,
      rule: 'chrono',
    }
  })
}

/* ------------------------------------------------------------------------------------ */
/* Scoring                                                                                */

interface Counts {
  gold: number
  tpStrict: number
  tpRelaxed: number
  fp: number
  fpStrict: number
  valueOk: number
}

interface Outcome {
  doc: Doc
  gold?: Gold
  pred?: Prediction
  kind: 'missed' | 'spurious' | 'wrong-value' | 'ok'
}

const empty = (): Counts => ({ gold: 0, tpStrict: 0, tpRelaxed: 0, fp: 0, fpStrict: 0, valueOk: 0 })

function score(docs: Doc[], system: (d: Doc) => Prediction[]) {
  const byType = new Map<TimexType | 'ALL', Counts>([['ALL', empty()]])
  for (const t of TYPES) byType.set(t, empty())
  const outcomes: Outcome[] = []
  for (const doc of docs) {
    const preds = system(doc)
    const used = new Set<Prediction>()
    for (const g of doc.gold) {
      const c = byType.get(g.type)!
      const all = byType.get('ALL')!
      c.gold++
      all.gold++
      const p = preds.find((q) => !used.has(q) && q.start < g.end && q.end > g.start)
      if (!p) {
        outcomes.push({ doc, gold: g, kind: 'missed' })
        continue
      }
      used.add(p)
      for (const k of [c, all]) k.tpRelaxed++
      if (p.start === g.start && p.end === g.end) for (const k of [c, all]) k.tpStrict++
      else for (const k of [c, all]) k.fpStrict++
      const ok = valueCorrect(p, g, doc.dct)
      if (ok) for (const k of [c, all]) k.valueOk++
      outcomes.push({ doc, gold: g, pred: p, kind: ok ? 'ok' : 'wrong-value' })
    }
    for (const p of preds) {
      if (used.has(p)) continue
      for (const k of [byType.get(p.type)!, byType.get('ALL')!]) {
        k.fp++
        k.fpStrict++
      }
      outcomes.push({ doc, pred: p, kind: 'spurious' })
    }
  }
  return { byType, outcomes }
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r))
const pct = (x: number) => (100 * x).toFixed(1).padStart(5)

function figures(c: Counts) {
  const pS = c.tpStrict / Math.max(1, c.tpStrict + c.fpStrict)
  const rS = c.tpStrict / Math.max(1, c.gold)
  const pR = c.tpRelaxed / Math.max(1, c.tpRelaxed + c.fp)
  const rR = c.tpRelaxed / Math.max(1, c.gold)
  const acc = c.valueOk / Math.max(1, c.tpRelaxed)
  return { pS, rS, fS: f1(pS, rS), pR, rR, fR: f1(pR, rR), acc, vF: acc * f1(pR, rR) }
}

/** A coarse class for an error: the shape of the words (digits → 9, names → MONTH/DAY). */
function shape(text: string): string {
  return text
    .toLowerCase()
    .replace(
      /\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?/g,
      'MONTH',
    )
    .replace(/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/g, 'WEEKDAY')
    .replace(/\d+/g, '9')
    .replace(/\s+/g, ' ')
    .trim()
}

function report(label: string, result: ReturnType<typeof score>) {
  console.log(`\n${label}`)
  console.log('type      gold | strict P    R   F1 | relaxed P    R   F1 | value acc  value F1')
  for (const [t, c] of result.byType) {
    const f = figures(c)
    console.log(
      `${t.padEnd(9)}${String(c.gold).padStart(5)} | ${pct(f.pS)} ${pct(f.rS)} ${pct(f.fS)} |  ${pct(f.pR)} ${pct(f.rR)} ${pct(f.fR)} |   ${pct(f.acc)}     ${pct(f.vF)}`,
    )
  }
}

function errorClasses(outcomes: Outcome[], type: TimexType, limit: number) {
  const classes = new Map<string, Outcome[]>()
  for (const o of outcomes) {
    if (o.kind === 'ok') continue
    if (o.gold && o.gold.type !== type) continue
    if (!o.gold && o.pred!.type !== type) continue
    const key = `${o.kind.padEnd(11)} ${shape(o.gold?.text ?? o.pred!.text)}`
    classes.set(key, [...(classes.get(key) ?? []), o])
  }
  const sorted = [...classes].sort((a, b) => b[1].length - a[1].length).slice(0, limit)
  console.log(`\nWorst error classes, ${type} (kind, word shape: count, examples)`)
  for (const [key, list] of sorted) {
    const ex = list
      .slice(0, 3)
      .map((o) => {
        const dct = new Date(o.doc.dct).toISOString().slice(0, 10)
        const got = o.pred
          ? o.pred.interval
            ? `${new Date(o.pred.interval[0]).toISOString().slice(0, 16)}…${new Date(o.pred.interval[1]).toISOString().slice(0, 16)} [${o.pred.rule}]`
            : `declined`
          : ''
        return o.kind === 'missed'
          ? `"${o.gold!.text}"=${o.gold!.value}`
          : o.kind === 'spurious'
            ? `"${o.pred!.text}"`
            : `"${o.pred!.text}" gold ${o.gold!.value} got ${got} dct ${dct}`
      })
      .join('; ')
    console.log(`${String(list.length).padStart(4)}  ${key}: ${ex}`)
  }
}

/** Times the finder and resolver over about 1 MB of the corpus's text, repeated. */
function bench(docs: Doc[]) {
  const parts: string[] = []
  let size = 0
  while (size < 1_000_000)
    for (const d of docs) {
      parts.push(d.text)
      size += d.text.length
      if (size >= 1_000_000) break
    }
  const big = parts.join('\n\n')
  const context = { published: docs[0]!.dct, publishedPrecision: 'day' as const, timeZone: 'UTC' }
  // CPU time of this process as well as wall time: on a shared machine the wall clock
  // also counts the time other programs had the cores.
  const cpu = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  const run = (batch: boolean) => {
    const t0 = performance.now()
    const c0 = cpu()
    const found = findDates(big)
    const t1 = performance.now()
    const c1 = cpu()
    if (batch) resolveAll(found, context)
    else for (const f of found) resolveFound(f, context)
    return {
      wall: performance.now() - t0,
      find: c1 - c0,
      resolve: cpu() - c1,
      findWall: t1 - t0,
      n: found.length,
    }
  }
  run(true)
  const best = (batch: boolean) =>
    [run(batch), run(batch), run(batch)].sort((a, b) => a.find + a.resolve - b.find - b.resolve)[0]!
  const shipped = best(true)
  const fresh = best(false)
  const ms = (x: number) => `${x.toFixed(0)} ms`
  console.log(
    `\nSpeed over a ${(big.length / 1e6).toFixed(2)} MB document (the dev texts repeated; ${shipped.n} expressions), best of 3 warm runs, CPU time (wall clock):` +
      `\n  finder + resolveAll, as batch use runs it: ${ms(shipped.find + shipped.resolve)} (${ms(shipped.wall)}) — finder ${ms(shipped.find)}, resolver ${ms(shipped.resolve)}; target ≤ 1000 ms` +
      `\n  finder + each expression resolved afresh: ${ms(fresh.find + fresh.resolve)} (${ms(fresh.wall)}) — resolver ${ms(fresh.resolve)} (the repeated texts flatter resolveAll's reuse)`,
  )
}

/** Runs the evaluation and prints the tables. */
export function main(): void {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.tml'))
    .sort()
  const docs = files.map((f) => parseTml(f, readFileSync(join(CORPUS, f), 'utf8')))
  const gold = docs.reduce((n, d) => n + d.gold.length, 0)
  console.log(`TempEval-3 AQUAINT dev set: ${docs.length} documents, ${gold} TIMEX3`)
  const ours = score(docs, casefile)
  report('Casefile (src/domain/time/find.ts + resolve.ts)', ours)
  report('chrono-node alone (baseline)', score(docs, chronoAlone))
  const limit = Number(process.env.EVAL_DATES_ERRORS ?? 25)
  errorClasses(ours.outcomes, 'DATE', limit)
  errorClasses(ours.outcomes, 'TIME', 8)
  if (process.env.EVAL_DATES_BENCH !== '0') bench(docs)
}
