/**
 * `npm run eval:copies`: the measurements behind `COPY_THRESHOLD` (src/domain/text-copies.ts).
 * On the 73 TempEval-3 AQUAINT news documents (../shared/corpora/tempeval3-aquaint: AP, NYT
 * and Xinhua wire stories of 1998, several about the same events — real pairs of *different*
 * reports that must not be called copies), it computes the word 5-shingle containment of
 * every pair of documents, and of every document with four kinds of republication made from
 * it (what a wire story looks like on another outlet's site): a new header and footer; the
 * last third cut; one word in ten replaced; the paragraphs shuffled under a new header. It
 * prints the distribution of each, and for each candidate threshold how many republications
 * are found and how many distinct pairs are wrongly joined. Deterministic (seeded).
 * EVAL_COPIES_CORPUS points at another folder of .tml or .txt files.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { containment, jaccard, shingles } from '../src/domain/text-copies'

const CORPUS =
  process.env.EVAL_COPIES_CORPUS ??
  join(import.meta.dirname, '..', '..', 'shared', 'corpora', 'tempeval3-aquaint')

function textOf(raw: string): string {
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/i.exec(raw)?.[1] ?? raw
  return body
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .trim()
}

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

const HEADER = 'Published by the Harbour Gazette. Subscribe to our daily newsletter for more. '
const FOOTER = ' Copyright 2025 the Harbour Gazette. All rights reserved. Read more on our website.'

const KINDS: Record<string, (text: string, r: () => number) => string> = {
  'header + footer': (t) => HEADER + t + FOOTER,
  'last third cut': (t) => t.slice(0, Math.round(t.length * 0.66)),
  '1 word in 10 replaced': (t, r) =>
    t
      .split(/(\s+)/)
      .map((w) => (/\S/.test(w) && r() < 0.1 ? 'edited' : w))
      .join(''),
  'paragraphs shuffled + header': (t, r) => {
    const paras = t.split(/\n\s*\n/)
    for (let i = paras.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1))
      ;[paras[i], paras[j]] = [paras[j]!, paras[i]!]
    }
    return HEADER + paras.join('\n\n')
  },
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
}
const f = (x: number) => x.toFixed(3)

/** Runs the measurement and prints its tables. */
export function main(): void {
  const files = readdirSync(CORPUS)
    .filter((n) => /\.(tml|txt)$/.test(n))
    .sort()
  const docs = files.map((n) => ({
    name: n,
    sh: shingles(textOf(readFileSync(join(CORPUS, n), 'utf8'))),
  }))
  const distinct: { c: number; j: number; a: string; b: string }[] = []
  for (let i = 0; i < docs.length; i++)
    for (let k = i + 1; k < docs.length; k++)
      distinct.push({
        c: containment(docs[i]!.sh, docs[k]!.sh),
        j: jaccard(docs[i]!.sh, docs[k]!.sh),
        a: docs[i]!.name,
        b: docs[k]!.name,
      })
  const r = rng(7)
  const copies: Record<string, number[]> = {}
  const copiesJ: Record<string, number[]> = {}
  for (const [kind, make] of Object.entries(KINDS)) {
    copies[kind] = []
    copiesJ[kind] = []
    for (const n of files) {
      const text = textOf(readFileSync(join(CORPUS, n), 'utf8'))
      const a = shingles(text)
      const b = shingles(make(text, r))
      copies[kind]!.push(containment(a, b))
      copiesJ[kind]!.push(jaccard(a, b))
    }
  }
  console.log(`${docs.length} documents, ${distinct.length} distinct pairs (${CORPUS})\n`)
  console.log('| pairs | n | containment min / median / max | Jaccard min / median / max |')
  console.log('|---|---|---|---|')
  const cs = distinct.map((d) => d.c)
  const js = distinct.map((d) => d.j)
  console.log(
    `| distinct reports | ${distinct.length} | ${f(Math.min(...cs))} / ${f(pct(cs, 0.5))} / ${f(Math.max(...cs))} | ${f(Math.min(...js))} / ${f(pct(js, 0.5))} / ${f(Math.max(...js))} |`,
  )
  for (const kind of Object.keys(KINDS)) {
    const c = copies[kind]!
    const j = copiesJ[kind]!
    console.log(
      `| copy: ${kind} | ${c.length} | ${f(Math.min(...c))} / ${f(pct(c, 0.5))} / ${f(Math.max(...c))} | ${f(Math.min(...j))} / ${f(pct(j, 0.5))} / ${f(Math.max(...j))} |`,
    )
  }
  console.log(
    '\n| containment ≥ | copies found (of ' + files.length * 4 + ') | distinct pairs joined |',
  )
  console.log('|---|---|---|')
  for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const found = Object.values(copies)
      .flat()
      .filter((c) => c >= t).length
    const wrong = cs.filter((c) => c >= t).length
    console.log(`| ${t.toFixed(1)} | ${found} | ${wrong} |`)
  }
  const top = [...distinct].sort((a, b) => b.c - a.c).slice(0, 6)
  console.log('\nMost similar distinct pairs:')
  for (const d of top) console.log(`  ${f(d.c)}  ${d.a} ~ ${d.b}`)
}
