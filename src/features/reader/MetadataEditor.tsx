/**
 * Edits a document's metadata: title, publisher and its Admiralty reliability, author,
 * URL, publication date and time (or "unknown"), the source's time zone and language (one of
 * the languages Casefile detects, "unknown", or any other BCP 47 tag; Persian and Arabic
 * turn the reader right to left). The text is not editable. The publisher field offers the case's known publishers as you type,
 * and choosing one loads its grade: a known publisher's grade is changed only on purpose
 * ("Change grade…", then a confirmation naming the old and new grade), never as a side
 * effect of saving a document's details. A new publisher takes the grade chosen here.
 */
import { useMemo, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { Dialog } from '../../ui/Dialog'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { updateDocumentMeta } from '../../db/documents'
import { useSources } from '../../ui/case-documents'
import { setSourceReliability, sourceKey } from '../../db/sources'
import { parsePublishedInput, publishedToInput, RELIABILITY_LABELS } from '../../domain/format'
import type { DocumentRecord, Reliability, SourceRecord } from '../../domain/types'
import { DETECTABLE_LANGUAGES, LANGUAGE_NAMES } from '../../import/language-detect'
import { normaliseLanguage } from '../../import/metadata'

const GRADES: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']

/** Offered in the time-zone field; any IANA name this runtime knows is accepted. */
const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Kyiv',
  'Europe/Moscow',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Asia/Qatar',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Africa/Cairo',
  'Africa/Lagos',
]

export function MetadataEditor({
  doc,
  source,
  onClose,
}: {
  doc: DocumentRecord
  source: SourceRecord | undefined
  onClose(): void
}) {
  const notify = useNotices((s) => s.notify)
  const caseId = useSelection((s) => s.caseId)
  const sources = useSources(caseId)
  const initial = publishedToInput(doc.publishedAt, doc.publishedPrecision)
  const [title, setTitle] = useState(doc.title)
  const [publisher, setPublisher] = useState(source?.name ?? '')
  const [grade, setGrade] = useState<Reliability>(source?.reliability ?? 'F')
  const [regrading, setRegrading] = useState(false)
  const [regradeConfirmed, setRegradeConfirmed] = useState(false)
  const [gradeError, setGradeError] = useState('')
  const known = useMemo(() => {
    const key = sourceKey(publisher).toLowerCase()
    if (!key) return undefined
    return [...(sources?.values() ?? [])].find((s) => s.name.toLowerCase() === key)
  }, [sources, publisher])
  const knownNames = useMemo(
    () => [...(sources?.values() ?? [])].map((s) => s.name).sort((a, b) => a.localeCompare(b)),
    [sources],
  )
  // A known publisher shows its own grade until the analyst sets out to change it.
  const shownGrade = known && !regrading ? known.reliability : grade
  const regrade = !!known && regrading && grade !== known.reliability
  const [author, setAuthor] = useState(doc.author ?? '')
  const [url, setUrl] = useState(doc.url ?? '')
  const [date, setDate] = useState(initial.date)
  const [time, setTime] = useState(initial.time)
  const [unknownDate, setUnknownDate] = useState(doc.publishedAt === undefined)
  const [language, setLanguage] = useState(doc.language ?? '')
  // The picker shows a listed language, "unknown", or "other" with a field for the tag.
  const listed = (DETECTABLE_LANGUAGES as readonly string[]).includes(language)
  const [otherLanguage, setOtherLanguage] = useState(!!doc.language && !listed)
  const [timeZone, setTimeZone] = useState(doc.timeZone ?? 'UTC')
  const [error, setError] = useState('')

  async function save() {
    if (regrade && !regradeConfirmed) {
      setGradeError(
        `Tick the box to confirm regrading ${known.name} from ${known.reliability} to ${grade}, or leave its grade as it is.`,
      )
      return
    }
    let published: ReturnType<typeof parsePublishedInput> | null = null
    if (!unknownDate) {
      published = parsePublishedInput(date, time)
      if (!published) {
        setError('Enter the publication date as a real calendar date, or tick “Date unknown”.')
        return
      }
    }
    if (url.trim()) {
      try {
        const u = new URL(url.trim())
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error()
      } catch {
        setError('The URL must start with http:// or https://, or be left empty.')
        return
      }
    }
    const languageTag = language.trim() ? normaliseLanguage(language) : ''
    if (languageTag === undefined) {
      setError(
        `“${language.trim()}” is not a language tag: pick a language from the list, or type a tag such as “ps” or “pt-BR”.`,
      )
      return
    }
    try {
      const db = getDb()
      const updated = await updateDocumentMeta(db, doc.id, {
        title,
        publisher: publisher.trim() || null,
        author: author || null,
        url: url || null,
        language: languageTag || null,
        timeZone: timeZone.trim() || null,
        publishedAt: published ? published.at : null,
        ...(published ? { publishedPrecision: published.precision } : {}),
      })
      // Only a new publisher takes the form's grade, or a known one the analyst regraded.
      if (updated.sourceId && (!known || regrade)) {
        await setSourceReliability(db, updated.sourceId, known ? grade : shownGrade)
      }
      notify(
        regrade
          ? `Document details saved; ${known.name} regraded ${known.reliability} → ${grade}.`
          : 'Document details saved.',
        'success',
      )
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Dialog
      title="Document details"
      open
      onClose={onClose}
      testId="metadata-editor"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="meta-form" className="primary">
            Save
          </button>
        </>
      }
    >
      <form
        id="meta-form"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label className="field">
          <span>Title</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={500}
          />
        </label>
        <label className="field">
          <span>Publisher / source</span>
          <input
            value={publisher}
            onChange={(e) => {
              setPublisher(e.target.value)
              setRegrading(false)
              setRegradeConfirmed(false)
              setGradeError('')
            }}
            maxLength={200}
            list="known-publishers"
            autoComplete="off"
            data-testid="meta-publisher"
          />
          <datalist id="known-publishers" data-testid="known-publishers">
            {knownNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <div className="field">
          <label className="field">
            <span>Source reliability (Admiralty)</span>
            <select
              value={shownGrade}
              onChange={(e) => {
                setGrade(e.target.value as Reliability)
                setRegradeConfirmed(false)
                setGradeError('')
              }}
              disabled={!publisher.trim() || (!!known && !regrading)}
              data-testid="meta-grade"
            >
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {g} — {RELIABILITY_LABELS[g]}
                </option>
              ))}
            </select>
          </label>
          {known && !regrading && (
            <span className="muted" data-testid="meta-grade-note">
              {known.name} is a known publisher, graded {known.reliability}.{' '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  setGrade(known.reliability)
                  setRegrading(true)
                }}
              >
                Change grade…
              </button>
            </span>
          )}
          {regrade && (
            <label className="inline" data-testid="meta-regrade-confirm">
              <input
                type="checkbox"
                checked={regradeConfirmed}
                onChange={(e) => {
                  setRegradeConfirmed(e.target.checked)
                  setGradeError('')
                }}
              />
              Regrade {known.name} from {known.reliability} to {grade} for every document it
              published (the old grade stays in its history)
            </label>
          )}
          {gradeError && (
            <span className="form-error" role="alert" data-testid="meta-grade-error">
              {gradeError}
            </span>
          )}
        </div>
        <label className="field">
          <span>Author</span>
          <input value={author} onChange={(e) => setAuthor(e.target.value)} maxLength={200} />
        </label>
        <label className="field">
          <span>URL</span>
          <input value={url} onChange={(e) => setUrl(e.target.value)} inputMode="url" />
        </label>
        <fieldset className="field date-field">
          <legend>Published</legend>
          <input
            type="date"
            aria-label="Publication date"
            value={date}
            disabled={unknownDate}
            onChange={(e) => setDate(e.target.value)}
          />
          <input
            type="time"
            aria-label="Publication time (optional)"
            value={time}
            disabled={unknownDate}
            onChange={(e) => setTime(e.target.value)}
          />
          <label className="inline">
            <input
              type="checkbox"
              checked={unknownDate}
              onChange={(e) => setUnknownDate(e.target.checked)}
            />
            Date unknown
          </label>
        </fieldset>
        <label className="field">
          <span>Source’s time zone (relative dates such as “on Monday” are read in it)</span>
          <input
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            list="time-zones"
            maxLength={60}
            placeholder="UTC"
            data-testid="meta-time-zone"
          />
          <datalist id="time-zones">
            {COMMON_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        <div className="field">
          <label className="field">
            <span>Language (Persian and Arabic read right to left)</span>
            <select
              value={otherLanguage ? 'other' : listed ? language : ''}
              onChange={(e) => {
                const v = e.target.value
                setOtherLanguage(v === 'other')
                setLanguage(v === 'other' ? '' : v)
              }}
              data-testid="meta-language"
            >
              <option value="">Unknown</option>
              {DETECTABLE_LANGUAGES.map((tag) => (
                <option key={tag} value={tag}>
                  {LANGUAGE_NAMES[tag]} ({tag})
                </option>
              ))}
              <option value="other">Other (type a language tag)…</option>
            </select>
          </label>
          {otherLanguage && (
            <input
              aria-label="Language tag (BCP 47)"
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
              maxLength={35}
              placeholder="e.g. ps, tr, pt-BR"
              data-testid="meta-language-other"
            />
          )}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  )
}
