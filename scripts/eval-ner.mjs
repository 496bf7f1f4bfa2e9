#!/usr/bin/env node
/**
 * `npm run eval:ner`: scores Casefile's name suggestions on CoNLL-2003's eng.testa (the dev
 * set; never trained on) — exact span and type, PER/LOC/ORG and micro-averaged, MISC not
 * scored but a name predicted on a MISC span counted as a false positive — and prints a
 * table with three rows per type: the SHIPPED pipeline (`suggestEntities`, the very code the
 * suggestion worker runs, its kinds mapped back: person → PER, location/state → LOC,
 * organisation → ORG), the trained tagger alone, and compromise alone (the baseline). Then
 * the pipeline's most frequent error classes with examples, and its speed on the 5 KB bench
 * article (load of the weights, first run, median of warm runs) and the weights' size.
 * Each CoNLL document is rebuilt as plain text (sentences on lines, punctuation attached)
 * and goes through the app's own tokeniser, as a pasted article would.
 *
 * Usage: `npm run eval:ner [-- --corpus DIR]` (CASEFILE_CORPORA or --corpus: the folder
 * holding conll2003/, default ../shared/corpora).
 */
import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { loadTs as load, ROOT } from './run-ts.mjs'

const WEIGHTS = join(ROOT, 'src/suggest/model/ner-weights.json')
const args = process.argv.slice(2)
const at = args.indexOf('--corpus')
const corpora = resolve(
  at >= 0 ? args[at + 1] : process.env.CASEFILE_CORPORA || join(ROOT, '../shared/corpora'),
)

const { parseConll } = await load('src/suggest/conll.ts')
const { evaluateNames, compromiseNames, formatNameTable, kindToType } =
  await load('src/suggest/ner-eval.ts')
const { NameTagger } = await load('src/suggest/ner-model.ts')
const { benchArticle } = await load('src/suggest/bench-ner.ts')

const dev = parseConll(await readFile(join(corpora, 'conll2003/eng.testa'), 'utf8'))

// The pipeline is loaded fresh so that the weights' parse is timed as the worker pays it.
let t = performance.now()
const { suggestEntities, clearSuggestionCache } = await load('src/suggest/ner.ts')
const importMs = performance.now() - t
const article = benchArticle()
t = performance.now()
suggestEntities(article)
const firstMs = performance.now() - t

const pipeline = (text) =>
  suggestEntities(text).flatMap((s) => {
    const type = kindToType(s.kind)
    return type ? [{ start: s.start, end: s.end, type }] : []
  })
const tagger = new NameTagger(JSON.parse(await readFile(WEIGHTS, 'utf8')))
const taggerAlone = (text) => tagger.tag(text).filter((s) => s.type !== 'MISC')

const started = performance.now()
const shipped = evaluateNames(dev, pipeline)
const evalSeconds = (performance.now() - started) / 1000
const alone = evaluateNames(dev, taggerAlone)
const baseline = evaluateNames(dev, compromiseNames)

console.log(
  `CoNLL-2003 eng.testa: ${dev.length} documents, ${dev.reduce((n, d) => n + d.spans.filter((s) => s.type !== 'MISC').length, 0)} PER/LOC/ORG names\n`,
)
console.log(
  formatNameTable([
    { name: 'Casefile suggestions (shipped)', evaluation: shipped },
    { name: 'trained tagger alone', evaluation: alone },
    { name: 'compromise alone (baseline)', evaluation: baseline },
  ]),
)

console.log('\nWorst error classes of the shipped suggestions:')
for (const e of shipped.errors.slice(0, 10)) {
  console.log(`- ${e.name}: ${e.count}`)
  for (const x of e.examples) console.log(`    ${x}`)
}

const runs = []
// The recogniser keeps the last text's suggestions: each timed run starts without them.
for (let i = 0; i < 3; i++) {
  clearSuggestionCache()
  suggestEntities(article)
}
for (let i = 0; i < 15; i++) {
  clearSuggestionCache()
  t = performance.now()
  suggestEntities(article)
  runs.push(performance.now() - t)
}
runs.sort((a, b) => a - b)
const size = (await stat(WEIGHTS)).size
const kb = (new TextEncoder().encode(article).length / 1024).toFixed(1)
console.log('\nSpeed (Node, this thread; the worker runs the same code):')
console.log(`- weights file: ${(size / 1024 / 1024).toFixed(2)} MB (limit 10 MB), parsed once`)
console.log(`- module load incl. weights and compromise: ${importMs.toFixed(0)} ms`)
console.log(`- first run on the ${kb} KB bench article (cold): ${firstMs.toFixed(0)} ms`)
console.log(`- median of 15 warm runs: ${runs[7].toFixed(1)} ms (target <= 300 ms)`)
console.log(`- whole dev set through the pipeline: ${evalSeconds.toFixed(1)} s`)
