/**
 * `npm run casefile -- push --server URL --collection ID [--api-root NAME] [--briefing ID]
 * CASE.casefile.json`: pushes a case backup file (or one briefing's selection) as STIX 2.1 to
 * a TAXII 2.1 collection, for scripts and pipelines. Credentials come from the environment
 * only — `CASEFILE_TAXII_USER` with `CASEFILE_TAXII_PASSWORD`, or `CASEFILE_TAXII_TOKEN` — never
 * from the arguments (which other users can read in the process list), and are never printed.
 * The same exporter, batching, status polling and typed errors as the app; the server must be
 * https unless it is on this machine. Exit codes: 0 pushed (every object confirmed), 1 the
 * push failed or ended incomplete (server error, refused objects, still pending), 2 usage,
 * 3 the input cannot be read or is not a valid backup, 4 the server refused the credentials or
 * the access (401, 403), 5 the server cannot be reached safely (unreachable, TLS, a URL the
 * network posture refuses). A summary goes to standard output, errors to standard error.
 */
import { MAX_BACKUP_BYTES, parseBackup } from '../../db/backup'
import { snapshotFromBackup } from '../snapshot'
import { StixExportError, exportStixBundle } from '../stix/export'
import { TaxiiClient } from './client'
import { createDirectTransport } from './direct-transport'
import { isTaxiiError, type TaxiiError } from './errors'
import { newLedger, pushObjects, type PushReport } from './push'

/** What the command reaches the outside through (a subset of the CLI's `CliIo`). */
export interface PushIo {
  readFile(path: string): Promise<Uint8Array>
  stdout(data: Uint8Array): Promise<void>
  stderr(text: string): void
}

/** The exit codes of `push`. */
export const PUSH_EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  badInput: 3,
  refused: 4,
  unreachable: 5,
} as const

/** The environment variables the credentials come from. */
export const PUSH_ENV = {
  user: 'CASEFILE_TAXII_USER',
  password: 'CASEFILE_TAXII_PASSWORD',
  token: 'CASEFILE_TAXII_TOKEN',
} as const

/** The help text of `push`. */
export function pushUsage(): string {
  return [
    'Usage: npm run casefile -- push --server URL --collection ID [--api-root NAME] [--briefing ID] CASE.casefile.json',
    '',
    'Pushes a case backup (or one briefing’s selection) as STIX 2.1 to a TAXII 2.1 collection.',
    '  --server URL      the TAXII discovery URL (or an API root URL); https unless on this machine',
    '  --collection ID   the collection’s id, alias or title',
    '  --api-root NAME   the API root (default: the server’s default)',
    '  --briefing ID     only what that briefing rests on',
    '',
    `Credentials from the environment: ${PUSH_ENV.user} and ${PUSH_ENV.password}, or ${PUSH_ENV.token}.`,
    '',
    'Exit codes: 0 pushed, 1 failed or incomplete, 2 usage, 3 unreadable or invalid input,',
    '4 credentials or access refused (401/403), 5 server unreachable, TLS failure or URL refused.',
    '',
  ].join('\n')
}

interface PushArgs {
  server: string
  collection: string
  apiRoot: string
  briefingId?: string
  file: string
}

class UsageError extends Error {}

const OPTIONS = ['server', 'collection', 'api-root', 'briefing']

function parseArgs(argv: readonly string[]): PushArgs | 'help' {
  const args = argv[0] === 'push' ? argv.slice(1) : [...argv]
  const values = new Map<string, string>()
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--help' || arg === '-h') return 'help'
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') files.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    if (name === 'password' || name === 'token' || name === 'user') {
      throw new UsageError(
        `--${name} is not taken on the command line (other users can read it in the process list): set ${PUSH_ENV[name]} instead.`,
      )
    }
    if (!OPTIONS.includes(name)) throw new UsageError(`Unknown option --${name}.`)
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i]
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`)
    if (values.has(name)) throw new UsageError(`--${name} is given twice.`)
    values.set(name, value)
  }
  const server = values.get('server')
  const collection = values.get('collection')
  if (!server) throw new UsageError('Say which server: --server URL.')
  if (!collection) throw new UsageError('Say which collection: --collection ID.')
  if (files.length !== 1) {
    throw new UsageError(
      files.length
        ? `One case file at a time (got ${files.length}).`
        : 'Name the case backup file.',
    )
  }
  return {
    server,
    collection,
    apiRoot: values.get('api-root') ?? '',
    briefingId: values.get('briefing'),
    file: files[0]!,
  }
}

function exitFor(error: TaxiiError): number {
  if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') return PUSH_EXIT.refused
  if (['UNREACHABLE', 'TLS', 'URL_NOT_ALLOWED'].includes(error.code)) return PUSH_EXIT.unreachable
  return PUSH_EXIT.failed
}

function summary(report: PushReport, server: string): string {
  const confirmed = report.added + report.alreadyThere
  const lines = [
    `casefile: pushed ${confirmed} object(s) to “${report.collection}” at ${server}: ${report.added} added, ${report.alreadyThere} already there, in ${report.batches} request(s).`,
  ]
  for (const s of report.skipped) lines.push(`  left out ${s.type} ${s.id}: ${s.reason}`)
  for (const f of report.failures) lines.push(`  refused ${f.id}: ${f.message}`)
  if (report.pending.length) lines.push(`  still pending: ${report.pending.length} object(s)`)
  return `${lines.join('\n')}\n`
}

/**
 * Runs `push` with `argv` (the arguments after `push`, or including it), credentials from
 * `env`; resolves to the exit code.
 */
export async function pushCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: PushIo,
): Promise<number> {
  let args: PushArgs | 'help'
  try {
    args = parseArgs(argv)
  } catch (e) {
    io.stderr(`casefile push: ${e instanceof Error ? e.message : String(e)}\n\n${pushUsage()}`)
    return PUSH_EXIT.usage
  }
  if (args === 'help') {
    await io.stdout(new TextEncoder().encode(pushUsage()))
    return PUSH_EXIT.ok
  }
  let bytes: Uint8Array
  try {
    bytes = await io.readFile(args.file)
  } catch (e) {
    io.stderr(`casefile push: cannot read ${args.file}: ${e instanceof Error ? e.message : e}\n`)
    return PUSH_EXIT.badInput
  }
  const backup = parseBackup(bytes, { maxBytes: MAX_BACKUP_BYTES })
  if (!backup.ok) {
    io.stderr(
      `casefile push: ${args.file} is not a valid Casefile backup (${backup.error.code}): ${backup.error.message}\n`,
    )
    return PUSH_EXIT.badInput
  }
  let objects
  try {
    objects = exportStixBundle(snapshotFromBackup(backup.value), {
      ...(args.briefingId ? { briefingId: args.briefingId } : {}),
      extensionDefinition: false,
    }).objects
  } catch (e) {
    if (e instanceof StixExportError) {
      io.stderr(`casefile push: ${e.message}\n`)
      return PUSH_EXIT.usage
    }
    throw e
  }
  const token = env[PUSH_ENV.token]
  const credentials = token
    ? { token }
    : { user: env[PUSH_ENV.user] ?? '', password: env[PUSH_ENV.password] ?? '' }
  const client = new TaxiiClient({
    serverUrl: args.server,
    transport: createDirectTransport(args.server, credentials),
  })
  try {
    const target = await client.resolveTarget(args.apiRoot, args.collection)
    const report = await pushObjects(client, target, objects, { ledger: newLedger() })
    await io.stdout(new TextEncoder().encode(summary(report, new URL(target.apiRootUrl).host)))
    if (report.error) {
      io.stderr(`casefile push: ${report.error.message}\n`)
      return exitFor(report.error)
    }
    return report.failures.length || report.pending.length ? PUSH_EXIT.failed : PUSH_EXIT.ok
  } catch (e) {
    if (isTaxiiError(e)) {
      io.stderr(`casefile push: ${e.message}\n`)
      return exitFor(e)
    }
    io.stderr(`casefile push: ${e instanceof Error ? e.message : String(e)}\n`)
    return PUSH_EXIT.failed
  }
}
