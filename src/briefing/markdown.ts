/**
 * Renders a composed briefing as Markdown (CommonMark with GFM footnotes, `[^1]`), the
 * briefing issue's third export beside PDF and standalone HTML. It says what the HTML says,
 * in the same order, from the same `BriefingDocument`.
 *
 * Analyst text is escaped, not interpreted: a title with "*" or "[^2]" or "<script>" must
 * print as typed, and raw HTML in Markdown would be passed through by most renderers. Syntax
 * characters are backslash-escaped (CommonMark allows escaping any ASCII punctuation); URLs
 * are printed as code spans, which no renderer turns into links.
 */
import { CREDIBILITY_LABELS, RELIABILITY_LABELS } from '../domain/format'
import type { BriefingDocument } from './compose'
import { achCitation, briefingFigures, type BriefingFigureSvgs } from './figure-list'
import { CONFIDENCE_LEVELS, LIKELIHOOD_SCALE } from './likelihood'
import { base64Utf8, footnoteText, publishedPhrase } from './print-html'

/**
 * `text` with Markdown syntax escaped, line breaks kept as hard breaks. Inline syntax
 * characters are always escaped (backslash, backtick, asterisk, underscore, brackets, angle
 * brackets, ampersand, tilde, pipe: emphasis, code, links and footnotes, raw HTML, entities,
 * strikethrough, tables); block syntax only at the start of a
 * line, where it means something (`#`, `>`, `-`, `+`, `=`, "1." and "1)"), so that ordinary
 * full stops and hyphens stay readable in the raw file.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>&~|]/g, '\\$&')
        .replace(/^(\s*)([#>+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\\\n')
}

const refs = (notes: readonly number[]) => notes.map((n) => `[^${n}]`).join('')

/** The briefing as a Markdown document with footnotes. */
export function renderBriefingMarkdown(
  doc: BriefingDocument,
  options: { figures?: BriefingFigureSvgs } = {},
): string {
  const out: string[] = []
  // Numbered first: a judgement's citation of a matrix of hypotheses names its figure.
  const { figures, achFigureOf } = briefingFigures(doc, options.figures)
  const achCite = (versionId: string | undefined): string => {
    const ref = versionId ? doc.achFigures.find((f) => f.versionId === versionId) : undefined
    const figure = versionId ? achFigureOf.get(versionId) : undefined
    return ref && figure ? ` (${escapeMarkdown(achCitation(figure, ref))})` : ''
  }
  const handling = doc.handling ? `**${escapeMarkdown(doc.handling)}**` : ''
  if (handling) out.push(handling)
  out.push(`# ${escapeMarkdown(doc.title)}`)
  const meta = [doc.dateLine, doc.author].filter((x): x is string => Boolean(x))
  if (meta.length) out.push(meta.map(escapeMarkdown).join(' · '))

  out.push('## Bottom line up front')
  const bluf = doc.bluf
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  out.push(...(bluf.length ? bluf.map(escapeMarkdown) : ['']))

  if (doc.judgements.length > 0) {
    out.push('## Key judgements')
    out.push(
      doc.judgements
        .map(
          (j) =>
            `${j.n}. ${escapeMarkdown(j.sentences.likelihood)}${refs(j.notes)}${achCite(j.achVersionId)} ` +
            `*${escapeMarkdown(j.sentences.confidence)}*`,
        )
        .join('\n'),
    )
  }

  for (const s of doc.sections) {
    out.push(`## ${escapeMarkdown(s.heading || 'Untitled section')}`)
    out.push(...s.paragraphs.map(escapeMarkdown))
  }

  if (doc.chronology.length > 0) {
    out.push('## Chronology')
    out.push(
      doc.chronology
        .map((e) => {
          const when = e.dateUnknown
            ? `*${escapeMarkdown(e.when)}*`
            : `**${escapeMarkdown(e.when)}**`
          const detail = e.detail ? ` (${escapeMarkdown(e.detail)})` : ''
          const against = e.contradictedBy.length
            ? ` **Contradicted** by${refs(e.contradictedBy)}.`
            : ''
          return `- ${when}: ${escapeMarkdown(e.title)}${refs(e.notes)}${detail} — ${escapeMarkdown(e.corroboration)}.${against}`
        })
        .join('\n'),
    )
  }

  if (figures.length > 0) {
    out.push('## Figures')
    figures.forEach((f) =>
      out.push(
        `![${f.alt}](data:image/svg+xml;base64,${base64Utf8(f.svg)})\n\n*Figure ${f.n}. ${escapeMarkdown(f.caption)}*`,
      ),
    )
  }

  out.push('## Sources')
  if (doc.sources.length === 0) out.push('No sources are cited.')
  else
    out.push(
      doc.sources
        .map(
          (s) =>
            `- **${escapeMarkdown(s.name)}** — ${s.reliability}: ${escapeMarkdown(s.reliabilityLabel)}\n` +
            s.documents
              .map(
                (d) =>
                  `  - ${escapeMarkdown(d.title)}, ${escapeMarkdown(publishedPhrase(d.published, false))} ` +
                  `(${d.notes.length === 1 ? 'note' : 'notes'} ${d.notes.join(', ')})` +
                  (d.url ? `. \`${d.url.replace(/`/g, '')}\`` : ''),
              )
              .join('\n'),
        )
        .join('\n'),
    )

  out.push('## Key to terms and grades')
  out.push(
    `Likelihood (ICD 203): ${LIKELIHOOD_SCALE.map((s) => `${s.term} ${s.range}`).join('; ')}.`,
  )
  out.push(
    CONFIDENCE_LEVELS.map((c) => `- ${c.level} confidence: ${escapeMarkdown(c.meaning)}`).join(
      '\n',
    ),
  )
  out.push(
    `Grades (Admiralty code), source reliability: ${Object.entries(RELIABILITY_LABELS)
      .map(([k, v]) => `${k} ${v.toLowerCase()}`)
      .join('; ')}. Information credibility: ${Object.entries(CREDIBILITY_LABELS)
      .map(([k, v]) => `${k} ${v.toLowerCase()}`)
      .join('; ')}.`,
  )

  // GFM gathers footnote definitions at the end whatever their place; in the raw file they
  // read as a numbered list of notes.
  if (doc.footnotes.length > 0)
    out.push(
      doc.footnotes
        .map((note) => {
          const { quote, citation } = footnoteText(note)
          const url = note.url ? ` \`${note.url.replace(/`/g, '')}\`` : ''
          return `[^${note.n}]: ${escapeMarkdown(quote)} — ${escapeMarkdown(citation)}${url}`
        })
        .join('\n'),
    )

  if (handling) out.push(handling)
  return `${out.join('\n\n')}\n`
}
