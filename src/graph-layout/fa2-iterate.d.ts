/**
 * graphology-layout-forceatlas2's single iteration (`iterate.js`), which the package ships
 * without types: one ForceAtlas2 step over its flat matrices, in place. `nodes` holds 10
 * numbers a node (x, y, dx, dy, old dx, old dy, mass, convergence, size, fixed) and `edges`
 * 3 a tie (source and target as offsets into `nodes`, weight); see `fa2Matrices` in layout.ts.
 */
declare module 'graphology-layout-forceatlas2/iterate.js' {
  import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2'

  export default function iterate(
    settings: Required<ForceAtlas2Settings>,
    nodes: Float32Array,
    edges: Float32Array,
  ): void
}
