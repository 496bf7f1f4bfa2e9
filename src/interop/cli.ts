/**
 * The command line's logic (`npm run casefile -- …`, scripts/casefile.mjs): reads a case
 * backup file, checks it as a restore would (`parseBackup`), and writes it in an open format
 * from the registry (`formats.ts`) — the whole case or one briefing's selection — to a file or
 * to standard output. The file system and the streams come in as `CliIo`, so this module stays
 * free of Node and is tested both directly and by spawning the script. Exit codes: 0 done,
 * 2 usage (unknown command, option or format, a briefing the case does not have), 3 the input
 * cannot be read or is not a valid backup, 1 anything else (the output cannot be written).
 * Errors go to standard error; nothing is written to standard output unless the export worked.
 */
import { pushCommand } from './taxii/push-command'
import { MAX_BACKUP_BYTES, parseBackup } from '../db/backup'
import { EXPORT_FORMATS, exportBytes, exportSnapshot, findFormat } from './formats'
import { BriefingNotFoundError } from './select'
import { snapshotFromBackup } from './snapshot'

/** What the command line reaches the outside through. */
export interface CliIo {
  readFile(path: string): Promise<Uint8Array>
  writeFile(path: string, data: Uint8Array): Promise<void>
  stdout(data: Uint8Array): Promise<void>
  stderr(text: string): void
  /** The environment, where `push` finds the team server's credentials. */
  env?: Readonly<Record<string, string | undefined>>
}

/** The exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2, badInput: 3 } as const

/** The help text. */
export function usage(): string {
  const formats = EXPORT_FORMATS.map((f) => `  ${f.id.padEnd(8)} ${f.label} (${f.extension})`)
  return [
    'Usage: npm run casefile -- export --format FORMAT [--briefing ID] [--out FILE] CASE.casefile.json',
    '       npm run casefile -- push --server URL --collection ID CASE.casefile.json',
    '',
    'export writes a case backup file in an open format, to FILE or to standard output.',
    'push sends its STIX 2.1 bundle to a TAXII 2.1 collection (`npm run casefile -- push --help`).',
    '',
    'Formats:',
    ...formats,
    '',
    'Options:',
    '  --briefing ID  only what that briefing rests on: its events, their evidence, actors, documents',
    '  --out FILE     write to FILE instead of standard output',
    '',
    'Exit codes: 0 done, 2 usage error, 3 the input cannot be read or is not a valid backup,',
    '1 any other failure. Errors go to standard error.',
    '',
  ].join('\n')
}

interface ExportArgs {
  format: string
  briefingId?: string
  out?: string
  file: string
}

class UsageError extends Error {}

function parseExportArgs(args: string[]): ExportArgs {
  const values = new Map<string, string>()
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') files.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    if (!['format', 'briefing', 'out'].includes(name))
      throw new UsageError(`Unknown option --${name}.`)
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i]
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`)
    if (values.has(name)) throw new UsageError(`--${name} is given twice.`)
    values.set(name, value)
  }
  const format = values.get('format')
  if (!format) throw new UsageError('Say which format: --format FORMAT.')
  if (files.length !== 1)
    throw new UsageError(
      files.length
        ? `One case file at a time (got ${files.length}).`
        : 'Name the case backup file.',
    )
  return { format, briefingId: values.get('briefing'), out: values.get('out'), file: files[0]! }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseExportArgs(args)
  const format = findFormat(parsed.format)
  if (!format) {
    throw new UsageError(
      `Unknown format “${parsed.format}”: use one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}.`,
    )
  }
  let bytes: Uint8Array
  try {
    bytes = await io.readFile(parsed.file)
  } catch (e) {
    io.stderr(`casefile: cannot read ${parsed.file}: ${message(e)}\n`)
    return EXIT.badInput
  }
  const backup = parseBackup(bytes, { maxBytes: MAX_BACKUP_BYTES })
  if (!backup.ok) {
    const problems = backup.error.problems.slice(0, 5).map((p) => `  ${p}\n`)
    io.stderr(
      `casefile: ${parsed.file} is not a valid Casefile backup (${backup.error.code}): ${backup.error.message}\n${problems.join('')}`,
    )
    return EXIT.badInput
  }
  let data: Uint8Array
  try {
    data = exportBytes(
      exportSnapshot(format, snapshotFromBackup(backup.value), { briefingId: parsed.briefingId }),
    )
  } catch (e) {
    if (e instanceof BriefingNotFoundError) {
      throw new UsageError(
        `${e.message} Its briefings: ${backup.value.briefings.map((b) => `${b.id} (${b.title})`).join(', ') || 'none'}.`,
      )
    }
    throw e
  }
  if (parsed.out) {
    try {
      await io.writeFile(parsed.out, data)
    } catch (e) {
      io.stderr(`casefile: cannot write ${parsed.out}: ${message(e)}\n`)
      return EXIT.failed
    }
  } else await io.stdout(data)
  return EXIT.ok
}

/** Runs the command line on `argv` (without node and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      if (command === undefined) {
        io.stderr(usage())
        return EXIT.usage
      }
      await io.stdout(new TextEncoder().encode(usage()))
      return EXIT.ok
    }
    if (command === 'export') return await exportCommand(rest, io)
    if (command === 'push') return await pushCommand(rest, io.env ?? {}, io)
    throw new UsageError(`Unknown command “${command}”: use export or push.`)
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`casefile: ${e.message}\nRun \`npm run casefile -- help\` for the options.\n`)
      return EXIT.usage
    }
    io.stderr(`casefile: ${message(e)}\n`)
    return EXIT.failed
  }
}
