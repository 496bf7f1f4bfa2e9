/**
 * The composed briefing (src/briefing/compose.ts) and its print HTML and Markdown, from the
 * open case's live records, with its figures drawn off screen at print size: the
 * timeline of the included events, the actor graph of the same events (positions from
 * the graph panel's saved layout, so the figure looks like what the analyst arranged) and,
 * when some of them have a place, their map; the versions of the matrix of competing
 * hypotheses that judgements cite are drawn by the renderers (briefing/figure-list.ts).
 * Used by the composer's preview, its exports and the print route, so all three show the
 * same thing.
 */
import { useEffect, useMemo, useState } from 'react'
import { useCase, useCaseAnnotations, useEntities, useEvents, useRelations } from '../../db/hooks'
import { useDocuments, useSources } from '../../ui/case-documents'
import { useCopyGroups } from '../../ui/copy-groups'
import { getDb } from '../../db/db'
import { readViewState } from '../../db/view-state'
import { composeBriefing, type BriefingDocument } from '../../briefing/compose'
import { renderBriefingMarkdown } from '../../briefing/markdown'
import { renderBriefingHtml } from '../../briefing/print-html'
import { timelineToSvg } from '../../briefing/timeline-svg'
import { buildGraph } from '../../domain/graph-model'
import { eventPlaceIds } from '../../domain/event-places'
import type { BriefingRecord, EntityRecord, EventRecord } from '../../domain/types'
import type { Positions } from '../../graph-layout/layout'
import { graphToSvg } from '../graph/export/graph-svg'

type MapInput = { chosen: EventRecord[]; entities: Map<string, EntityRecord> }

/** The print size of the figures, in CSS pixels (a page's text width at 96 dpi, about). */
const FIGURE_WIDTH = 1000

export interface ComposedBriefing {
  doc: BriefingDocument
  figures: { timelineSvg?: string; graphSvg?: string; mapSvg?: string }
  html(pageSize: 'A4' | 'Letter'): string
  markdown(): string
}

/**
 * The briefing composed from the case's records; undefined while they load. Give `caseId`
 * when the briefing itself is still loading (the print route): live queries answer with
 * their previous result until they have read the new one, so records asked for before the
 * case was known would first come back empty, and an empty chronology would be composed.
 */
export function useComposedBriefing(
  briefing: BriefingRecord | undefined,
  caseIdHint?: string,
): ComposedBriefing | undefined {
  const caseId = caseIdHint ?? briefing?.caseId
  const events = useEvents(caseId)
  const relations = useRelations(caseId)
  const annotations = useCaseAnnotations(caseId)
  const documents = useDocuments(caseId)
  const sources = useSources(caseId)
  const entities = useEntities(caseId)
  // Near-identical copies share one origin in the chronology's corroboration line.
  const copies = useCopyGroups(caseId)
  // The matrix of competing hypotheses, whose saved versions judgements may cite.
  const caseRecord = useCase(caseId)
  const [positions, setPositions] = useState<{ caseId: string; positions: Positions }>()
  useEffect(() => {
    if (!caseId) return
    let live = true
    const show = (positions: Positions = {}) => live && setPositions({ caseId, positions })
    readViewState(getDb(), caseId, 'graph:layout').then(
      (saved) => show(saved?.positions),
      () => show(),
    )
    return () => {
      live = false
    }
  }, [caseId, briefing?.updatedAt])

  // The map figure, when an included event has a place on the map: drawn by a module loaded
  // on demand (d3-geo and the world's outlines stay out of the app's first paint).
  const mapInput = useMemo(() => {
    if (!briefing || !events || !entities) return undefined
    const byId = new Map(entities.map((e) => [e.id, e]))
    const included = new Set(briefing.eventIds)
    const chosen = events.filter((e) => included.has(e.id))
    const placed = chosen.some((e) =>
      eventPlaceIds(e).some((id) => {
        const p = byId.get(id)?.place
        return !!p && p.precision !== 'unknown'
      }),
    )
    return placed ? { chosen, entities: byId } : null
  }, [briefing, events, entities])
  const [mapFigure, setMapFigure] = useState<{ input: MapInput; svg: string }>()
  useEffect(() => {
    if (!mapInput) return
    let live = true
    import('../../briefing/map-figure')
      .then((m) => m.briefingMapSvg(mapInput.chosen, mapInput.entities, FIGURE_WIDTH))
      .then(
        (svg) => live && setMapFigure({ input: mapInput, svg }),
        // Without its outlines the briefing is still worth printing: no map figure, then.
        () => live && setMapFigure({ input: mapInput, svg: '' }),
      )
    return () => {
      live = false
    }
  }, [mapInput])

  return useMemo(() => {
    if (!briefing || !events || !relations || !annotations || !documents || !sources)
      return undefined
    if (!entities || !copies || caseRecord === undefined) return undefined
    // Wait for the map, so that what is printed has it.
    if (mapInput && mapFigure?.input !== mapInput) return undefined
    const entityMap = new Map(entities.map((e) => [e.id, e]))
    const doc = composeBriefing({
      briefing,
      events,
      annotations,
      documents: new Map(documents.map((d) => [d.id, d])),
      sources,
      copies,
      entities: entityMap,
      ...(caseRecord?.ach ? { ach: caseRecord.ach } : {}),
    })
    const included = new Set(briefing.eventIds)
    const chosen = events.filter((e) => included.has(e.id))
    const figures: ComposedBriefing['figures'] = {}
    if (chosen.length) {
      figures.timelineSvg = timelineToSvg(chosen, {
        width: FIGURE_WIDTH,
        title: 'Timeline of the events in this briefing',
        entities: entityMap,
        groupBy: 'initiator',
      })
      const graph = buildGraph({
        events: chosen,
        relations: [],
        entities: entityMap,
        evidence: annotations,
        documents: new Map(documents.map((d) => [d.id, d])),
        sources,
        filter: { hideIsolated: true },
      })
      figures.graphSvg = graphToSvg(graph, positions?.positions ?? {}, {
        width: FIGURE_WIDTH,
        height: 640,
        title: 'Who did what to whom in these events',
      })
      if (mapInput && mapFigure?.svg) figures.mapSvg = mapFigure.svg
    }
    return {
      doc,
      figures,
      html: (pageSize) => renderBriefingHtml(doc, { pageSize, figures }),
      markdown: () => renderBriefingMarkdown(doc, { figures }),
    }
  }, [
    briefing,
    events,
    relations,
    annotations,
    documents,
    sources,
    entities,
    copies,
    caseRecord,
    positions,
    mapInput,
    mapFigure,
  ])
}
