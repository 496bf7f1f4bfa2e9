/**
 * Draws the map of a set of events as a standalone SVG document, off screen, for the map
 * pane's SVG and PNG export and the briefing's figures (`print-html.ts` embeds it as an
 * image). The layout is the pane's (`domain/geo/map-layout.ts`): the same projection fit,
 * clusters and precision styles — a filled dot for a point, a dashed circle for "near", a
 * hollow ring at the centroid of a region or country — coloured by conflict/cooperation with
 * `EDGE_COLOURS`, as the graph and timeline figures are. Each marker is labelled with its
 * place's name (or "3 places" for a cluster) and its number of events; a legend and the
 * data credit (Natural Earth, GeoNames) sit at the bottom. Pure string building: the same
 * input gives the same string; every text from the case is XML-escaped.
 */
import type { MapModel } from '../domain/geo/map-model'
import { layoutMap, type World } from '../domain/geo/map-layout'
import {
  DEFAULT_FONT_FAMILY,
  EDGE_COLOURS,
  TEXT_COLOUR,
  escapeXml,
  estimateTextWidth,
  num,
} from '../figures/figure-kit'

/** How `mapToSvg` draws. */
export interface MapSvgOptions {
  width: number
  height: number
  /** The figure's accessible title. */
  title: string
}

/** The credit the figure carries for its data. */
export const MAP_CREDIT = 'Outlines: Natural Earth. Places: GeoNames (CC BY 4.0).'

const LEGEND_H = 28

/** The map of `model` as an SVG document (see the module comment). */
export function mapToSvg(
  world: World | undefined,
  model: MapModel,
  options: MapSvgOptions,
): string {
  const width = Math.max(200, options.width)
  const height = Math.max(160, options.height)
  const layout = layoutMap(world, model, { width, height: height - LEGEND_H })
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
      `viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(DEFAULT_FONT_FAMILY)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    `<rect width="${num(width)}" height="${num(height - LEGEND_H)}" fill="#eef4f8"/>`,
    '<g fill="#f8f6f0" stroke="#b8b8b0" stroke-width="0.6">',
  )
  for (const c of layout.countries)
    out.push(`<path d="${c.d}"><title>${escapeXml(c.name)}</title></path>`)
  out.push('</g>', '<g>')
  for (const m of layout.markers) {
    const colour = EDGE_COLOURS[m.family]
    const name = m.places.length === 1 ? m.places[0]!.name : `${m.places.length} places`
    const label = `${name} (${m.count})`
    const tip = `${m.places.map((p) => p.name).join(', ')}: ${m.count} event${m.count === 1 ? '' : 's'}`
    out.push(`<g class="marker"><title>${escapeXml(tip)}</title>`)
    if (m.style === 'near' && m.nearR)
      out.push(
        `<circle cx="${num(m.x)}" cy="${num(m.y)}" r="${num(m.nearR)}" fill="none" stroke="${colour}" stroke-width="1.2" stroke-dasharray="4 3"/>`,
      )
    if (m.style === 'area')
      out.push(
        `<circle cx="${num(m.x)}" cy="${num(m.y)}" r="${num(m.r)}" fill="#ffffff" fill-opacity="0.7" stroke="${colour}" stroke-width="2.2"/>`,
      )
    else
      out.push(
        `<circle cx="${num(m.x)}" cy="${num(m.y)}" r="${num(m.r)}" fill="${colour}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1"/>`,
      )
    // A name that would run off the right edge goes on the left of its marker.
    const left = m.x + m.r + 4 + estimateTextWidth(label, 12) > width
    out.push(
      `<text x="${num(left ? m.x - m.r - 4 : m.x + m.r + 4)}" y="${num(m.y + 4)}" font-size="12"${left ? ' text-anchor="end"' : ''} fill="${TEXT_COLOUR}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`,
      '</g>',
    )
  }
  out.push('</g>')
  // Legend and credit.
  const y = height - LEGEND_H / 2
  const items: [string, string][] = [
    ['Conflict', EDGE_COLOURS.conflict],
    ['Cooperation', EDGE_COLOURS.cooperation],
    ['Neutral', EDGE_COLOURS.neutral],
  ]
  let x = 10
  for (const [text, colour] of items) {
    out.push(
      `<circle cx="${num(x + 5)}" cy="${num(y)}" r="5" fill="${colour}"/>`,
      `<text x="${num(x + 14)}" y="${num(y + 4)}" font-size="11" fill="${TEXT_COLOUR}">${text}</text>`,
    )
    x += 24 + text.length * 6.5
  }
  out.push(
    `<circle cx="${num(x + 5)}" cy="${num(y)}" r="5" fill="none" stroke="${TEXT_COLOUR}" stroke-width="1.5"/>`,
    `<text x="${num(x + 14)}" y="${num(y + 4)}" font-size="11" fill="${TEXT_COLOUR}">Region or country (centroid)</text>`,
    `<text x="${num(width - 8)}" y="${num(y + 4)}" font-size="10" fill="#4b5563" text-anchor="end">${escapeXml(MAP_CREDIT)}</text>`,
  )
  const unplaced = model.unplaced.length
  if (unplaced)
    out.push(
      `<text x="${num(width - 8)}" y="16" font-size="11" fill="${TEXT_COLOUR}" text-anchor="end">${unplaced} event${unplaced === 1 ? '' : 's'} without a place not shown</text>`,
    )
  out.push('</svg>')
  return out.join('\n')
}
