/**
 * The actors of the actor graph's list (GraphPane's `GraphList`: the graph for the keyboard
 * and screen readers, visually hidden): one button per actor, carrying where it is drawn.
 */
import { memo } from 'react'
import type { GraphNode } from '../../domain/graph-model'
import type { ScreenPoint } from './screen-points'

/**
 * The actors of the list. Rendered again only when an actor comes or goes or is renamed, or
 * when the places, the focus or the handler change — not on a filter or window change that
 * only changes the actors' event counts (every actor stays listed): made again for each such
 * change, the list's 2,000 elements and their props were most of what a change left for the
 * old generation (scripts/bench/profile-graph.mjs at 2,000 actors), and so of the major
 * collections that fell in the changes.
 */
export const ActorList = memo(
  function ActorList({
    nodes,
    where,
    focusedId,
    onNode,
  }: {
    nodes: readonly GraphNode[]
    where: ReadonlyMap<string, ScreenPoint>
    focusedId: string
    onNode(id: string): void
  }) {
    return (
      <ul>
        {nodes.map((node) => (
          <GraphListNode
            key={node.id}
            id={node.id}
            label={node.label}
            at={where.get(node.id)}
            pressed={node.id === focusedId}
            onNode={onNode}
          />
        ))}
      </ul>
    )
  },
  (a, b) =>
    a.where === b.where &&
    a.focusedId === b.focusedId &&
    a.onNode === b.onNode &&
    sameActors(a.nodes, b.nodes),
)

/** Whether two lists name the same actors in the same order, by the same names. */
export function sameActors(a: readonly GraphNode[], b: readonly GraphNode[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.id !== b[i]!.id || a[i]!.label !== b[i]!.label) return false
  }
  return true
}

/**
 * One actor of the list. Its own memo: a filter change builds a new model, and re-rendering
 * hundreds of unchanged entries shows in the frame.
 */
const GraphListNode = memo(function GraphListNode({
  id,
  label,
  at,
  pressed,
  onNode,
}: {
  id: string
  label: string
  at: ScreenPoint | undefined
  pressed: boolean
  onNode(id: string): void
}) {
  return (
    <li>
      <button
        type="button"
        data-testid="graph-node"
        data-id={id}
        data-x={at?.x}
        data-y={at?.y}
        data-r={at?.r}
        aria-pressed={pressed}
        onClick={() => onNode(id)}
      >
        {label}
      </button>
    </li>
  )
})
