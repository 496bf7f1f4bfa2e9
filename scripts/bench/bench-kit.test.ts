/**
 * The pure parts of the bench kit (bench-kit.mjs): its Chromium flags stay those of the e2e
 * harness, the command-line readers (the scale case's size among them), the CPU-profile
 * summary, the trace's time per kind of work in each marked span, the page's measures read
 * from a trace with what the main thread did in one, and the CPU moved between span edges.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CHROMIUM_ARGS,
  mainThreadWork,
  measuresNamed,
  numberArg,
  scaleArgs,
  spanDeltas,
  stringArg,
  summariseCpuProfile,
  traceSelfTimeBySpan,
  type CpuProfile,
  type TraceEvent,
} from './bench-kit.mjs'

describe('CHROMIUM_ARGS', () => {
  it('are the e2e harness’s flags, in the same order', () => {
    const harness = readFileSync(new URL('../../e2e/harness.ts', import.meta.url), 'utf8')
    const block = /export const CHROMIUM_ARGS[^=]*= \[([^\]]*)\]/.exec(harness)?.[1] ?? ''
    const flags = [...block.matchAll(/'([^']*)'/g)].map((m) => m[1])
    expect(flags.length).toBeGreaterThan(5)
    expect([...CHROMIUM_ARGS]).toEqual(flags)
  })
})

describe('numberArg and stringArg', () => {
  const argv = ['node', 'x.mjs', '--size', '500', '--screenshot', 'out/map']
  it('read the word after a flag, or fall back', () => {
    expect(numberArg('--size', 2000, argv)).toBe(500)
    expect(numberArg('--events', 50_000, argv)).toBe(50_000)
    expect(stringArg('--screenshot', argv)).toBe('out/map')
    expect(stringArg('--other', argv)).toBeUndefined()
  })
  it('read the scale case’s size, with the bench’s defaults', () => {
    expect(scaleArgs(argv)).toEqual({ docs: 500, events: 50_000, actors: 2000 })
    expect(scaleArgs(['node', 'x.mjs', '--events', '5000', '--actors', '300'])).toEqual({
      docs: 2000,
      events: 5000,
      actors: 300,
    })
  })
})

/** A profile: root → main → (work → helper), (garbage collector), (program), (idle). */
function profile(): CpuProfile {
  const frame = (functionName: string, url = '', lineNumber = -1) => ({
    functionName,
    url,
    lineNumber,
  })
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5, 6, 7] },
      { id: 2, callFrame: frame('main', 'http://x/app.js', 9), children: [3] },
      { id: 3, callFrame: frame('work', 'http://x/app.js', 19), children: [4] },
      { id: 4, callFrame: frame('helper', 'http://x/lib.js', 4) },
      { id: 5, callFrame: frame('(garbage collector)') },
      { id: 6, callFrame: frame('(program)') },
      { id: 7, callFrame: frame('(idle)') },
    ],
    // Each sample's time is the delta that follows it (as Chromium's profiles count it).
    samples: [3, 4, 4, 5, 6, 7, 3],
    timeDeltas: [0, 1000, 2000, 3000, 4000, 5000, 6000, 0],
    startTime: 0,
    endTime: 21_000,
  }
}

describe('summariseCpuProfile', () => {
  it('splits busy time into script, GC and program, by function, file and inclusively', () => {
    const s = summariseCpuProfile(profile())
    expect(s.wallMs).toBe(21)
    // Each sample counts the delta after it; busy is all but the idle sample's 6,000 µs.
    expect(s.busy).toBe(21_000 - 6000)
    expect(s.gc).toBe(4000)
    expect(s.program).toBe(5000)
    expect(s.script).toBe(s.busy - 4000 - 5000)
    expect(s.byFunction.get('work app.js:20')).toBe(1000 + 0)
    expect(s.byFunction.get('helper lib.js:5')).toBe(2000 + 3000)
    expect(s.byFile.get('app.js')).toBe(1000)
    expect(s.byFile.get('lib.js')).toBe(5000)
    // Inclusive: main holds work and helper.
    expect(s.inclusive.get('main')).toBe(1000 + 2000 + 3000)
    expect(s.inclusive.get('work')).toBe(6000)
  })
})

describe('traceSelfTimeBySpan', () => {
  const mark = (name: string, ts: number): TraceEvent => ({
    name,
    cat: 'blink.user_timing',
    ph: 'R',
    ts,
    pid: 1,
    tid: 1,
  })
  const task = (name: string, ts: number, dur: number, tid = 1): TraceEvent => ({
    name,
    ph: 'X',
    ts,
    dur,
    pid: 1,
    tid,
  })
  const events: TraceEvent[] = [
    { name: 'thread_name', ts: 0, pid: 1, tid: 1, args: { name: 'CrRendererMain' } },
    mark('draw:start', 1000),
    task('FunctionCall', 1100, 5000),
    task('Layout', 2000, 1500),
    task('Paint', 7000, 800),
    task('FunctionCall', 1100, 9000, 2), // another thread: not counted
    mark('draw:end', 9000),
    mark('draw:start', 20_000),
    task('FunctionCall', 20_100, 1000),
    mark('draw:end', 22_000),
    task('Paint', 30_000, 800), // outside every span
  ]

  it('sums each kind’s self time on the main thread over every marking of a span', () => {
    const [draw, never] = traceSelfTimeBySpan(events, ['draw', 'never'])
    expect(draw!.count).toBe(2)
    expect(draw!.wallMs).toBe(8 + 2)
    expect(Object.fromEntries(draw!.byKind)).toEqual({
      FunctionCall: 5000 - 1500 + 1000,
      Layout: 1500,
      Paint: 800,
    })
    expect(never).toMatchObject({ span: 'never', count: 0, wallMs: 0 })
  })
})

describe('measuresNamed and mainThreadWork', () => {
  const measure = (name: string, ph: 'b' | 'e', ts: number, id: string): TraceEvent => ({
    name,
    cat: 'blink.user_timing',
    ph,
    ts,
    pid: 1,
    tid: 1,
    id,
  })
  const task = (name: string, ts: number, dur: number, args = {}): TraceEvent => ({
    name,
    ph: 'X',
    ts,
    dur,
    pid: 1,
    tid: 1,
    args,
  })
  const events: TraceEvent[] = [
    { name: 'thread_name', ts: 0, pid: 1, tid: 1, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ts: 0, pid: 1, tid: 2, args: { name: 'Compositor' } },
    { name: 'span:start', cat: 'blink.user_timing', ph: 'R', ts: 500, pid: 1, tid: 1 },
    // Listed out of order: paired in time order, by name and id.
    measure('step b', 'e', 9000, '0x2'),
    measure('step a', 'b', 1000, '0x1'),
    measure('step a', 'e', 4000, '0x1'),
    measure('step b', 'b', 5000, '0x2'),
    measure('other', 'b', 1000, '0x3'),
    measure('other', 'e', 2000, '0x3'),
    { name: 'span:end', cat: 'blink.user_timing', ph: 'R', ts: 6000, pid: 1, tid: 1 },
    measure('step c', 'b', 7000, '0x4'),
    measure('step c', 'e', 8000, '0x4'),
    task('FunctionCall', 500, 2000),
    task('MinorGC', 1200, 1000, {
      usedHeapSizeBefore: 3 * 1_048_576,
      usedHeapSizeAfter: 1_048_576,
    }),
    task('Layout', 3000, 500),
    task('Paint', 3800, 700),
    { ...task('FunctionCall', 1000, 3000), tid: 2 }, // another thread: not counted
  ]

  it('pairs the measures named with a prefix, begun within a span if asked', () => {
    expect(measuresNamed(events, 'step ')).toEqual([
      { name: 'step a', ts: 1000, end: 4000, pid: 1 },
      { name: 'step b', ts: 5000, end: 9000, pid: 1 },
      { name: 'step c', ts: 7000, end: 8000, pid: 1 },
    ])
    const span = events.filter((e) => e.name.startsWith('span:'))
    expect(measuresNamed(events, 'step ', span).map((m) => m.name)).toEqual(['step a', 'step b'])
  })

  it('sums the main thread’s self time by kind inside a window, clipped, and its GCs', () => {
    const work = mainThreadWork(events, 1, 1000, 4000)
    expect(Object.fromEntries(work.byKind)).toEqual({
      // 500–2500 clipped to 1000–2500, less the GC nested in it.
      FunctionCall: 1500 - 1000,
      MinorGC: 1000,
      Layout: 500,
      // 3800–4500 clipped to 3800–4000.
      Paint: 200,
    })
    expect(work.busy).toBe(1500 + 500 + 200)
    expect(work.gcs).toEqual([{ name: 'MinorGC', ms: 1, heapMb: [3, 1] }])
  })
})

describe('spanDeltas', () => {
  it('sums each key between the k-th start and end of a span, ThreadTime per run in ms', () => {
    const edges = new Map([
      [
        'draw:start',
        [
          { ThreadTime: 1, ScriptDuration: 0.5 },
          { ThreadTime: 3, ScriptDuration: 1 },
        ],
      ],
      [
        'draw:end',
        [
          { ThreadTime: 1.25, ScriptDuration: 0.6 },
          { ThreadTime: 3.5, ScriptDuration: 1.2 },
        ],
      ],
    ])
    const d = spanDeltas(edges, 'draw', ['ThreadTime', 'ScriptDuration', 'browser'])
    expect(d.runs).toBe(2)
    expect(d.sum.ThreadTime).toBeCloseTo(0.75)
    expect(d.sum.ScriptDuration).toBeCloseTo(0.3)
    expect(d.sum.browser).toBe(0)
    expect(d.threadMsPerRun).toEqual([250, 500])
    expect(spanDeltas(edges, 'never', ['ThreadTime'])).toEqual({
      runs: 0,
      sum: { ThreadTime: 0 },
      threadMsPerRun: [],
    })
  })
})
