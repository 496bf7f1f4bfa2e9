/**
 * STIX 2.1 shapes that Casefile writes and reads: a bundle of plain JSON objects, typed loosely
 * (every STIX object has a type, an id and usually created/modified; the rest is open, since
 * imports meet custom properties from OpenCTI, MISP and others). Also the Casefile property
 * extension's fixed id and the names of the spec's TLP marking definitions, shared by the
 * exporter, the importer and the TAXII client.
 */

/** Any STIX object as it sits in a bundle (SDO, SRO, marking or extension definition). */
export interface StixObject {
  type: string
  id: string
  spec_version?: string
  created?: string
  modified?: string
  created_by_ref?: string
  object_marking_refs?: string[]
  extensions?: Record<string, Record<string, unknown>>
  [property: string]: unknown
}

/** A STIX 2.1 bundle (`type: bundle`, no spec_version, objects of any type). */
export interface StixBundle {
  type: 'bundle'
  id: string
  objects: StixObject[]
}

/** What an export can be asked for. */
export interface StixExportOptions {
  /** Export only this briefing's selection (its events, their evidence, actors, documents). */
  briefingId?: string
  /** The export's clock (bundle id, `modified`); defaults to now. */
  now?: Date
  /**
   * Whether the bundle holds the `extension-definition` object of Casefile's property
   * extension (default true). TAXII servers such as medallion 3.0 fail on objects with a
   * top-level `version`, which every extension definition has: a bundle meant for TAXII
   * passes false. The property extension stays on every object either way.
   */
  extensionDefinition?: boolean
  /** Whether each document's full text goes in its report's `description` (default true). */
  includeText?: boolean
}

/** The TLP levels the spec defines marking definitions for (TLP 1.0 names). */
export type TlpLevel = 'white' | 'green' | 'amber' | 'red'
