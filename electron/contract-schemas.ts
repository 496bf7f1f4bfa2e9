/**
 * The zod schemas of the IPC contract (electron/contract.ts): what the main process checks
 * every payload against before a handler sees it (electron/main/ipc.ts), and from which the
 * payload types are inferred. Kept apart from contract.ts so that the renderer, which imports
 * the contract's constants and types, does not load zod at start-up; the renderer imports
 * nothing from here.
 */
import { z } from 'zod'
import {
  MAX_CHUNK_BYTES,
  MAX_TAXII_BODY_CHARS,
  MENU_COMMANDS,
  PICK_PURPOSES,
  PICKED_FILE_ID,
  PRINT_ROUTE_PATTERN,
  type InvokeChannel,
  type PayloadOf,
} from './contract'

const title = z.string().max(200)
const extension = z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'an extension without a dot')
/** A bare file name: never a path, so the renderer cannot steer the save dialog's folder. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+$/, 'a file name without path separators')
  .refine((s) => s !== '.' && s !== '..', 'a file name, not . or ..')

/**
 * Payload of `files:pick`: the dialog's title, the extensions it offers, and what the files
 * are for (which sets their size cap, see `PickPurpose`).
 */
export const OpenFilesPayloadSchema = z.strictObject({
  title,
  extensions: z.array(extension).min(1).max(32),
  multiple: z.boolean(),
  purpose: z.enum(PICK_PURPOSES),
})

/** Payload of `files:read`: the id `files:pick` gave the file. */
export const ReadFilePayloadSchema = z.strictObject({
  id: z.string().regex(PICKED_FILE_ID, 'a file id from files:pick'),
})

/**
 * Payload of `files:readChunk`: the id `files:pick` gave the file, where to start (a byte
 * offset) and how many bytes to read (at most `MAX_CHUNK_BYTES`).
 */
export const ReadChunkPayloadSchema = z.strictObject({
  id: z.string().regex(PICKED_FILE_ID, 'a file id from files:pick'),
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z.number().int().min(1).max(MAX_CHUNK_BYTES),
})

/** Payload of `file:save`: what to save and the name the dialog suggests. */
export const SaveFilePayloadSchema = z.strictObject({
  title,
  suggestedName: fileName,
  mime: z.string().max(255),
  data: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes (a Uint8Array)'),
})

/**
 * Payload of `briefing:print`: the briefing's print route, the PDF's suggested file name and
 * the save dialog's title. The main process renders the route in a hidden window of its own.
 */
export const PrintBriefingPayloadSchema = z.strictObject({
  route: z
    .string()
    .max(512)
    .regex(PRINT_ROUTE_PATTERN, 'a print route: #/print/<case>/<briefing>?size=A4|Letter'),
  suggestedName: fileName,
  title,
})

/** Payload of `app:info`: nothing, but still one object so every call has the same shape. */
export const AppInfoPayloadSchema = z.strictObject({})

/**
 * Payload of `link:open`. Only the length is checked here: the allow-list runs in the
 * handler so that a refused link is reported as `URL_NOT_ALLOWED`, not as a malformed call.
 */
export const OpenLinkPayloadSchema = z.strictObject({ url: z.string().min(1).max(8192) })

/**
 * Payload of `taxii:configure`: the team server (checked in main: https, or http on the
 * loopback interface), the user and whether the secret is a password or a token. `secret`:
 * a new password or token to keep (OS-encrypted), `null` to forget the kept one, absent to
 * keep it (for the same server and user).
 */
export const TaxiiConfigurePayloadSchema = z.strictObject({
  serverUrl: z.string().min(1).max(2048),
  user: z.string().max(256),
  authKind: z.enum(['password', 'token']),
  secret: z.string().max(8192).nullable().optional(),
})

/** Payload of `taxii:status`: nothing. */
export const TaxiiStatusPayloadSchema = z.strictObject({})

/**
 * Payload of `taxii:request`: one TAXII request. Main sends it only to the configured server
 * (same origin), with the kept credentials and TAXII's Accept/Content-Type, and never follows
 * a redirect.
 */
export const TaxiiRequestPayloadSchema = z.strictObject({
  method: z.enum(['GET', 'POST']),
  url: z.string().min(1).max(8192),
  body: z.string().max(MAX_TAXII_BODY_CHARS).optional(),
})

/** Payload of the `menu:command` event. */
export const MenuCommandEventSchema = z.strictObject({ command: z.enum(MENU_COMMANDS) })

export type OpenFilesPayload = z.infer<typeof OpenFilesPayloadSchema>
export type ReadFilePayload = z.infer<typeof ReadFilePayloadSchema>
export type ReadChunkPayload = z.infer<typeof ReadChunkPayloadSchema>
export type SaveFilePayload = z.infer<typeof SaveFilePayloadSchema>
export type AppInfoPayload = z.infer<typeof AppInfoPayloadSchema>
export type OpenLinkPayload = z.infer<typeof OpenLinkPayloadSchema>
export type PrintBriefingPayload = z.infer<typeof PrintBriefingPayloadSchema>
export type MenuCommandEvent = z.infer<typeof MenuCommandEventSchema>
export type TaxiiConfigurePayload = z.infer<typeof TaxiiConfigurePayloadSchema>
export type TaxiiStatusPayload = z.infer<typeof TaxiiStatusPayloadSchema>
export type TaxiiRequestPayload = z.infer<typeof TaxiiRequestPayloadSchema>

/** The schema the main process checks each channel's payload against. */
export const PAYLOAD_SCHEMAS: { [C in InvokeChannel]: z.ZodType<PayloadOf<C>> } = {
  'files:pick': OpenFilesPayloadSchema,
  'files:read': ReadFilePayloadSchema,
  'files:readChunk': ReadChunkPayloadSchema,
  'file:save': SaveFilePayloadSchema,
  'app:info': AppInfoPayloadSchema,
  'link:open': OpenLinkPayloadSchema,
  'briefing:print': PrintBriefingPayloadSchema,
  'taxii:configure': TaxiiConfigurePayloadSchema,
  'taxii:status': TaxiiStatusPayloadSchema,
  'taxii:request': TaxiiRequestPayloadSchema,
}
