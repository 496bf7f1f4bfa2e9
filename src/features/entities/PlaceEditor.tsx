/**
 * Where a location (or a state) is: shown in the entity editor. The analyst geocodes it by
 * suggestion — "Find in gazetteer" lists the offline gazetteer's candidates for its name and
 * aliases, ranked by the countries of the case's other places, then by population, each with
 * its country — and confirms one with a precision; or pins it by typing coordinates, or by
 * clicking the map. Nothing is geocoded without the analyst's confirmation. Every change is
 * one undoable action (db/places.ts).
 */
import { useMemo, useState } from 'react'
import { useNotices } from '../../ui/stores/notices'
import { useSelection } from '../../ui/stores/selection'
import { errorMessage } from '../../ui/errors'
import { getDb } from '../../db/db'
import { useEntities } from '../../db/hooks'
import { setEntityPlace } from '../../db/places'
import {
  entryLabel,
  loadGazetteer,
  suggestPlaces,
  type GazetteerEntry,
} from '../../domain/geo/gazetteer'
import {
  DEFAULT_NEAR_KM,
  describePlace,
  parseCoordinates,
  pinnedPlace,
  placeFromEntry,
  PRECISIONS,
} from '../../domain/geo/place'
import type { EntityRecord, PlacePrecision } from '../../domain/types'
import { requestPin } from '../map/map-bus'
import './place-editor.css'

/** When the analyst confirmed a place (read in event handlers only). */
function nowMs(): number {
  return Date.now()
}

/** The countries of the case's other places, most frequent first. */
export function caseCountries(entities: readonly EntityRecord[], except: string): string[] {
  const counts = new Map<string, number>()
  for (const e of entities) {
    const c = e.place?.country
    if (e.id === except || !c) continue
    counts.set(c, (counts.get(c) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c)
}

/** The place section of the entity editor (see the module comment). */
export function PlaceEditor({ entity }: { entity: EntityRecord }) {
  const caseId = useSelection((s) => s.caseId)
  const notify = useNotices((s) => s.notify)
  const entities = useEntities(caseId)
  const countries = useMemo(() => caseCountries(entities ?? [], entity.id), [entities, entity.id])
  const [candidates, setCandidates] = useState<GazetteerEntry[]>()
  const [searching, setSearching] = useState(false)
  const [chosen, setChosen] = useState<string>()
  const [precision, setPrecision] = useState<PlacePrecision | 'auto'>('auto')
  const [radius, setRadius] = useState(String(DEFAULT_NEAR_KM))
  const [coords, setCoords] = useState('')
  const [error, setError] = useState<string>()

  const radiusKm = () => {
    const r = Number(radius)
    return Number.isFinite(r) && r > 0 ? r : DEFAULT_NEAR_KM
  }
  const save = (label: string, p: Parameters<typeof setEntityPlace>[2]) =>
    setEntityPlace(getDb(), entity.id, p).then(
      () => {
        notify(label, 'success')
        setCandidates(undefined)
        setChosen(undefined)
        setCoords('')
        setError(undefined)
      },
      (e: unknown) => setError(errorMessage(e)),
    )

  async function find() {
    setSearching(true)
    setError(undefined)
    try {
      const gazetteer = await loadGazetteer()
      const found = suggestPlaces(gazetteer, [entity.name, ...entity.aliases], { countries })
      setCandidates(found)
      setChosen(found[0]?.id)
    } catch (e) {
      setError(`The gazetteer could not be loaded: ${errorMessage(e)}`)
    } finally {
      setSearching(false)
    }
  }

  function confirm() {
    const entry = candidates?.find((c) => c.id === chosen)
    if (!entry) return setError('Choose one of the candidates first.')
    const p = precision === 'auto' ? undefined : precision
    if (p === 'unknown') return void save(`${entity.name}: position unknown`, unknownPlace())
    void save(
      `${entity.name} placed at ${entry.name}, ${entry.countryName}.`,
      placeFromEntry(entry, nowMs(), p, radiusKm()),
    )
  }

  function pin() {
    const parsed = parseCoordinates(coords)
    if (!parsed.ok) return setError(parsed.error)
    const p = precision === 'auto' || precision === 'unknown' ? 'point' : precision
    void save(
      `${entity.name} pinned.`,
      pinnedPlace(parsed.lat, parsed.lon, nowMs(), p, {
        radiusKm: radiusKm(),
        ...(entity.place?.country ? { country: entity.place.country } : {}),
      }),
    )
  }

  const unknownPlace = () => ({
    precision: 'unknown' as const,
    source: { kind: 'pinned' as const },
    at: nowMs(),
  })

  return (
    <fieldset className="place-editor" data-testid="place-editor">
      <legend>Place</legend>
      <p data-testid="place-current">
        {entity.place ? describePlace(entity.place) : 'Not on the map yet.'}
      </p>
      <div className="place-row">
        <button
          type="button"
          data-testid="place-find"
          onClick={() => void find()}
          disabled={searching}
        >
          {searching ? 'Looking…' : 'Find in gazetteer'}
        </button>
        <button
          type="button"
          data-testid="place-pin-on-map"
          title="Show the map and click where this place is"
          onClick={() => requestPin({ entityId: entity.id, name: entity.name })}
        >
          Pin on the map
        </button>
        {entity.place && (
          <button
            type="button"
            data-testid="place-clear"
            onClick={() => void save(`${entity.name} taken off the map.`, undefined)}
          >
            Clear
          </button>
        )}
      </div>
      {candidates && (
        <div className="place-candidates">
          {candidates.length === 0 ? (
            <p data-testid="place-no-candidates">
              The gazetteer has no place called “{entity.name}”. Type its coordinates below, or pin
              it on the map.
            </p>
          ) : (
            <ul role="radiogroup" aria-label="Candidates" data-testid="place-candidates">
              {candidates.map((c) => (
                <li key={c.id}>
                  <label>
                    <input
                      type="radio"
                      name={`place-${entity.id}`}
                      checked={chosen === c.id}
                      onChange={() => setChosen(c.id)}
                    />
                    <span data-testid="place-candidate">{entryLabel(c)}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="place-row">
        <label>
          <span>Precision</span>
          <select
            data-testid="place-precision"
            value={precision}
            onChange={(e) => setPrecision(e.target.value as PlacePrecision | 'auto')}
          >
            <option value="auto">As found</option>
            {PRECISIONS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {precision === 'near' && (
          <label>
            <span>Radius (km)</span>
            <input
              data-testid="place-radius"
              inputMode="decimal"
              size={5}
              value={radius}
              onChange={(e) => setRadius(e.target.value)}
            />
          </label>
        )}
      </div>
      {candidates && candidates.length > 0 && (
        <button type="button" className="primary" data-testid="place-confirm" onClick={confirm}>
          Confirm this place
        </button>
      )}
      <div className="place-row">
        <label className="place-coords">
          <span>Coordinates</span>
          <input
            data-testid="place-coords"
            placeholder="25.117, 51.315"
            value={coords}
            onChange={(e) => setCoords(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                pin()
              }
            }}
          />
        </label>
        <button type="button" data-testid="place-pin" onClick={pin}>
          Pin
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error" data-testid="place-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}
