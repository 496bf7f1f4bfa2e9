/**
 * Reads CoNLL-2003 NER files (one token a line: word, POS, chunk, IOB1 tag; a blank line
 * between sentences; `-DOCSTART-` between documents) into documents of plain text with
 * their gold names as character spans, so that training and evaluation both go through the
 * same tokeniser as a real document does. The text is rebuilt the way news is written:
 * sentences on lines of their own, no space before closing punctuation or a possessive
 * "'s", none after an opening bracket. Used by `npm run train:ner` and `npm run eval:ner`;
 * the corpus itself never ships.
 */

/** A CoNLL entity type. */
export type ConllType = 'PER' | 'LOC' | 'ORG' | 'MISC'

/** A gold name in a rebuilt document: `text.slice(start, end)` is the name. */
export interface ConllSpan {
  start: number
  end: number
  type: ConllType
}

/** One CoNLL document as plain text and its gold names. */
export interface ConllDocument {
  text: string
  spans: ConllSpan[]
}

const NO_SPACE_BEFORE = /^(?:[,.;:!?)\]}%]|['’][sS]|n['’]t|['’](?:re|ve|ll|d|m))$/u
const NO_SPACE_AFTER = new Set(['(', '[', '{'])

/** Parses the text of a CoNLL-2003 file into documents. */
export function parseConll(file: string): ConllDocument[] {
  const docs: ConllDocument[] = []
  let sentences: { word: string; tag: string }[][] = []
  let sentence: { word: string; tag: string }[] = []
  const endSentence = (): void => {
    if (sentence.length) sentences.push(sentence)
    sentence = []
  }
  const endDoc = (): void => {
    endSentence()
    if (sentences.length) docs.push(buildDocument(sentences))
    sentences = []
  }
  for (const raw of file.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (!line.trim()) {
      endSentence()
      continue
    }
    const parts = line.split(' ')
    if (parts[0] === '-DOCSTART-') {
      endDoc()
      continue
    }
    sentence.push({ word: parts[0]!, tag: parts[parts.length - 1]! })
  }
  endDoc()
  return docs
}

function buildDocument(sentences: { word: string; tag: string }[][]): ConllDocument {
  let text = ''
  const spans: ConllSpan[] = []
  for (const sentence of sentences) {
    if (text) text += '\n'
    let open: ConllSpan | null = null
    let previous = ''
    for (const { word, tag } of sentence) {
      const glue = previous === '' || NO_SPACE_BEFORE.test(word) || NO_SPACE_AFTER.has(previous)
      if (!glue) text += ' '
      const start = text.length
      text += word
      previous = word
      const type = tag === 'O' ? null : (tag.slice(2) as ConllType)
      const begins = tag.startsWith('B-') || !open || open.type !== type
      if (open && (type === null || begins)) {
        spans.push(open)
        open = null
      }
      if (type && !open) open = { start, end: text.length, type }
      else if (type && open) open.end = text.length
    }
    if (open) spans.push(open)
  }
  return { text, spans }
}
