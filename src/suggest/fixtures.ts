/**
 * The evaluation documents and their gold mentions, for the tests and the benchmark. Each
 * `fixtures/NAME.txt` is a frozen copy of a document's text as Casefile shows it after
 * import, and `fixtures/NAME.gold.json` holds its hand-annotated mentions (see
 * `fixtures/README.md` for the annotation guidelines). The texts are copies, not reads of
 * `resources/sample-case/`, because gold offsets point into one exact text: if the sample
 * case is edited, these scores must not silently change meaning. Loaded with Vite's raw
 * imports, so no Node API is needed.
 */
import type { GoldMention } from './evaluate'

const texts = import.meta.glob('./fixtures/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>
const golds = import.meta.glob('./fixtures/*.gold.json', {
  import: 'default',
  eager: true,
}) as Record<string, GoldMention[]>

/** One evaluation document. */
export interface GoldDocument {
  name: string
  text: string
  gold: GoldMention[]
}

/** Every document that has a gold file, sorted by name. */
export const GOLD_DOCUMENTS: readonly GoldDocument[] = Object.entries(golds)
  .map(([path, gold]) => {
    const name = path.replace(/^.*\//, '').replace(/\.gold\.json$/, '')
    const text = texts[`./fixtures/${name}.txt`]
    if (text === undefined) throw new Error(`fixtures/${name}.gold.json has no ${name}.txt`)
    return { name, text, gold }
  })
  .sort((a, b) => a.name.localeCompare(b.name))

/** The public news report the recogniser was first built against. */
export const TEHRAN_REPORT = 'tehran-strikes-us-bases'

/** A document's text and gold by name. */
export function goldDocument(name: string): GoldDocument {
  const doc = GOLD_DOCUMENTS.find((d) => d.name === name)
  if (!doc) throw new Error(`No gold document named ${name}.`)
  return doc
}
