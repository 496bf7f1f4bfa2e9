/**
 * Test support for code that draws on a canvas: a 2D context that records what is drawn —
 * each colour, width and dash setting and each `beginPath` as a call, and each `stroke` or
 * `fill` with the path it draws (points rounded, a subpath's points joined by spaces, subpaths
 * by " | "). Imported by tests only.
 */
export function recordingContext(): CanvasRenderingContext2D & { calls: string[] } {
  const calls: string[] = []
  let path: string[][] = []
  const point = (x: number, y: number) => `${Math.round(x)},${Math.round(y)}`
  const drawn = () => path.map((sub) => sub.join(' ')).join(' | ')
  const ctx = {
    calls,
    set strokeStyle(v: string) {
      calls.push(`strokeStyle ${v}`)
    },
    set fillStyle(v: string) {
      calls.push(`fillStyle ${v}`)
    },
    set lineWidth(v: number) {
      calls.push(`lineWidth ${v}`)
    },
    setLineDash: (d: number[]) => calls.push(`dash ${d.join(',')}`),
    beginPath: () => {
      path = []
      calls.push('beginPath')
    },
    moveTo: (x: number, y: number) => path.push([point(x, y)]),
    lineTo: (x: number, y: number) => path[path.length - 1]!.push(point(x, y)),
    closePath: () => {},
    stroke: () => calls.push(`stroke ${drawn()}`),
    fill: () => calls.push(`fill ${drawn()}`),
  }
  return ctx as unknown as CanvasRenderingContext2D & { calls: string[] }
}
