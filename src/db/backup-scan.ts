/**
 * An incremental reader for a backup file's JSON, so that a backup of any size is read in
 * chunks instead of as one string. A backup is one JSON object whose members are either small
 * values (format, version, case, …) or long arrays of records; the scanner takes the decoded
 * text piece by piece, hands over each small member as a parsed value and each array element
 * (one record) as soon as it is complete, and keeps only the record being read. It checks the
 * JSON's structure itself (brackets, strings and escapes, commas, nesting depth) and leaves the
 * syntax of each value to `JSON.parse`, which sees only that value's text. Pure: no I/O.
 */

/** Why the text could not be read as JSON; `kind` says which. */
export class ScanError extends Error {
  constructor(
    readonly kind: 'empty' | 'not-json' | 'not-object' | 'syntax' | 'depth',
    message: string,
  ) {
    super(message)
    this.name = 'ScanError'
  }
}

/** What the scanner reports, in file order. */
export interface ScanHandler {
  /** A top-level member that is not split (any member whose key `split` does not accept). */
  member(key: string, value: unknown): void
  /** Whether the member `key` is an array to hand over element by element. */
  split(key: string): boolean
  /** One element of a split member, by its index. */
  element(key: string, index: number, value: unknown): void
  /** The end of a split member, with its element count. */
  end?(key: string, count: number): void
}

/** Nesting deeper than this inside one value is refused (a record needs fewer than 40). */
export const MAX_SCAN_DEPTH = 100

const WS = new Set([' ', '\t', '\n', '\r'])
const SCALAR_END = /[,}\]\s]/g
const STRING_STOP = /["\\]/g

/** Collects the text of one JSON value across chunks. */
class ValueCapture {
  private parts: string[] = []
  private depth = 0
  private inString = false
  private escape = false
  private scalar = false
  done = false

  constructor(private readonly where: () => string) {}

  /** Consumes from `text` at `i`; returns where it stopped (at the end or after the value). */
  feed(text: string, i: number): number {
    const start = i
    const n = text.length
    if (this.parts.length === 0 && !this.inString && this.depth === 0 && !this.scalar) {
      const c = text[i]!
      if (c === '{' || c === '[') {
        this.depth = 1
        i++
      } else if (c === '"') {
        this.inString = true
        i++
      } else this.scalar = true
    }
    while (i < n) {
      if (this.scalar) {
        SCALAR_END.lastIndex = i
        const m = SCALAR_END.exec(text)
        if (!m) {
          i = n
          break
        }
        i = m.index
        this.done = true
        break
      }
      if (this.inString) {
        if (this.escape) {
          this.escape = false
          i++
          continue
        }
        STRING_STOP.lastIndex = i
        const m = STRING_STOP.exec(text)
        if (!m) {
          i = n
          break
        }
        i = m.index + 1
        if (m[0] === '\\') this.escape = true
        else {
          this.inString = false
          if (this.depth === 0) {
            this.done = true
            break
          }
        }
        continue
      }
      const c = text[i]!
      i++
      if (c === '"') this.inString = true
      else if (c === '{' || c === '[') {
        if (++this.depth > MAX_SCAN_DEPTH)
          throw new ScanError(
            'depth',
            `${this.where()}: nested deeper than ${MAX_SCAN_DEPTH} levels`,
          )
      } else if (c === '}' || c === ']') {
        if (--this.depth === 0) {
          this.done = true
          break
        }
      }
    }
    this.parts.push(text.slice(start, i))
    return i
  }

  /** The complete value, parsed. */
  value(): unknown {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('')
    this.parts = []
    try {
      return JSON.parse(text) as unknown
    } catch (e) {
      throw new ScanError('syntax', `${this.where()}: ${e instanceof Error ? e.message : e}`)
    }
  }
}

type State =
  | 'start'
  | 'key-or-close'
  | 'key'
  | 'colon'
  | 'value'
  | 'after-value'
  | 'array-first'
  | 'array-next'
  | 'element'
  | 'done'

/** The scanner: `push` decoded text as it arrives, then `end`. */
export class BackupScanner {
  private state: State = 'start'
  private capture: ValueCapture | null = null
  private key = ''
  private index = 0
  private seenAnything = false

  constructor(private readonly handler: ScanHandler) {}

  /** Reads the next piece of text; reports what it completes. Throws ScanError. */
  push(text: string): void {
    let i = 0
    const n = text.length
    while (i < n) {
      if (this.capture) {
        i = this.capture.feed(text, i)
        if (this.capture.done) this.finishCapture()
        continue
      }
      const c = text[i]!
      if (WS.has(c)) {
        i++
        continue
      }
      this.seenAnything = true
      switch (this.state) {
        case 'start':
          if (c === '{') {
            this.state = 'key-or-close'
            i++
            break
          }
          throw new ScanError(
            '"[-0123456789tfn'.includes(c) ? 'not-object' : 'not-json',
            c === '"' || c === '[' || /[-\dtfn]/.test(c)
              ? 'it holds JSON of another kind'
              : `unexpected “${c}” at the start`,
          )
        case 'key-or-close':
        case 'key':
          if (c === '}' && this.state === 'key-or-close') {
            this.state = 'done'
            i++
            break
          }
          if (c !== '"') throw this.syntax(`expected a member name, found “${c}”`)
          this.capture = new ValueCapture(() => 'a member name')
          this.state = 'key'
          break
        case 'colon':
          if (c !== ':') throw this.syntax(`expected “:” after “${this.key}”`)
          this.state = 'value'
          i++
          break
        case 'value':
          if (c === '[' && this.handler.split(this.key)) {
            this.state = 'array-first'
            this.index = 0
            i++
            break
          }
          this.capture = new ValueCapture(() => this.key)
          break
        case 'after-value':
          if (c === ',') this.state = 'key'
          else if (c === '}') this.state = 'done'
          else throw this.syntax(`expected “,” or “}” after “${this.key}”`)
          i++
          break
        case 'array-first':
          if (c === ']') {
            this.handler.end?.(this.key, 0)
            this.state = 'after-value'
            i++
          } else this.startElement()
          break
        case 'array-next':
          if (c === ']') {
            this.handler.end?.(this.key, this.index)
            this.state = 'after-value'
          } else if (c === ',') this.state = 'element'
          else throw this.syntax(`expected “,” or “]” in “${this.key}”`)
          i++
          break
        case 'element':
          if (c === ']' || c === ',') throw this.syntax(`a value is missing in “${this.key}”`)
          this.startElement()
          break
        case 'done':
          throw this.syntax(`unexpected “${c}” after the end`)
      }
    }
  }

  private startElement(): void {
    const key = this.key
    const index = this.index
    this.capture = new ValueCapture(() => `${key}[${index}]`)
    this.state = 'element'
  }

  private finishCapture(): void {
    const value = this.capture!.value()
    this.capture = null
    if (this.state === 'key') {
      if (typeof value !== 'string') throw this.syntax('expected a member name')
      this.key = value
      this.state = 'colon'
    } else if (this.state === 'value') {
      this.handler.member(this.key, value)
      this.state = 'after-value'
    } else if (this.state === 'element') {
      this.handler.element(this.key, this.index, value)
      this.index++
      this.state = 'array-next'
    }
  }

  /** The input is complete: throws ScanError unless the object was closed. */
  end(): void {
    if (!this.seenAnything) throw new ScanError('empty', 'the file is empty')
    if (this.state !== 'done' || this.capture)
      throw new ScanError('syntax', 'it ends before the backup does')
  }

  private syntax(message: string): ScanError {
    return new ScanError('syntax', message)
  }
}
