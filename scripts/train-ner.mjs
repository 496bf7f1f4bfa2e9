#!/usr/bin/env node
/**
 * `npm run train:ner`: trains the name tagger on CoNLL-2003's eng.train and writes
 * src/suggest/model/ner-weights.json, which the suggestion worker loads. Only eng.train is
 * read (never eng.testa, the dev set `npm run eval:ner` scores). The training code is the
 * app's own TypeScript (src/suggest/ner-train.ts), loaded through Vite's module runner, so
 * training sees the very tokeniser and features that tagging does.
 *
 * Hyper-parameters (chosen on eng.testa's F1, see `npm run eval:ner`):
 * - averaged perceptron, greedy left-to-right decoding with BILOU constraints, 17 tags
 *   (O + B/I/L/U × PER, LOC, ORG, MISC; MISC is learnt so that it is not taken for the others)
 * - EPOCHS passes over the 946 training documents, in an order shuffled each pass by a
 *   mulberry32 generator seeded with SEED
 * - static features seen fewer than MIN_COUNT times in training are dropped
 * - averaged weights below PRUNE in magnitude are left out of the file, the rest are stored
 *   as integers (weight × SCALE)
 * Deterministic: the same corpus and settings give a byte-identical file.
 *
 * Usage: `npm run train:ner [-- --corpus DIR] [-- --dev]` — CASEFILE_CORPORA or --corpus
 * points at the folder holding conll2003/ (default ../shared/corpora); --dev also prints
 * the dev F1 (PER/LOC/ORG, the raw tagger) after each epoch, for choosing EPOCHS.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { loadTs as load, ROOT } from './run-ts.mjs'

const EPOCHS = 10
const SEED = 20030531
const MIN_COUNT = 2
const PRUNE = 0.05
const SCALE = 100

const OUT = join(ROOT, 'src/suggest/model/ner-weights.json')

const args = process.argv.slice(2)
const at = args.indexOf('--corpus')
const corpora = resolve(
  at >= 0 ? args[at + 1] : process.env.CASEFILE_CORPORA || join(ROOT, '../shared/corpora'),
)

const { parseConll } = await load('src/suggest/conll.ts')
const { trainNer } = await load('src/suggest/ner-train.ts')
const train = parseConll(await readFile(join(corpora, 'conll2003/eng.train'), 'utf8'))

let afterEpoch
if (args.includes('--dev')) {
  const { NameTagger } = await load('src/suggest/ner-model.ts')
  const { evaluateNames } = await load('src/suggest/ner-eval.ts')
  const dev = parseConll(await readFile(join(corpora, 'conll2003/eng.testa'), 'utf8'))
  afterEpoch = (epoch, weights) => {
    const tagger = new NameTagger(weights)
    const find = (text) => tagger.tag(text).filter((s) => s.type !== 'MISC')
    const { scores } = evaluateNames(dev, find)
    const f = (k) => (scores[k].f1 * 100).toFixed(2)
    console.log(
      `  dev F1 after epoch ${epoch}: ${f('micro')} (PER ${f('PER')}, LOC ${f('LOC')}, ORG ${f('ORG')})`,
    )
  }
}

const started = Date.now()
const weights = trainNer(train, {
  epochs: EPOCHS,
  seed: SEED,
  minCount: MIN_COUNT,
  prune: PRUNE,
  scale: SCALE,
  log: (line) => console.log(line),
  afterEpoch,
})
weights.meta = {
  corpus: 'CoNLL-2003 English eng.train (Reuters RCV1, research use)',
  model: 'averaged perceptron, greedy BILOU',
  epochs: EPOCHS,
  seed: SEED,
  minCount: MIN_COUNT,
  prune: PRUNE,
}
await mkdir(dirname(OUT), { recursive: true })
const json = JSON.stringify(weights)
await writeFile(OUT, json)
console.log(
  `wrote ${OUT} (${(json.length / 1024 / 1024).toFixed(2)} MB) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
)
