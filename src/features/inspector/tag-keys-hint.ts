/**
 * The inspector's keyboard hint when nothing is selected: every key that acts on words
 * selected in the reader, each with what it does, read from the same tables the reader's keys
 * and toolbar use — so a key added there (R made a relation, X adds to an event) is never
 * missing here.
 */
import { TAG_KEYS } from '../../ui/commands'
import { ADD_TO_EVENT_KEY } from '../reader/tagging'

/** What each of the reader's keys does, as the hint says it ("A (actor)", "R (relation)"). */
export function tagKeyList(
  keys: readonly { key: string; label: string }[] = TAG_KEYS,
  addToEventKey: string = ADD_TO_EVENT_KEY,
): string[] {
  return [
    ...keys.map((k) => `${k.key} (${k.label.toLowerCase()})`),
    `${addToEventKey} (add to an event)`,
  ]
}

/** The hint: "Select words in the document and press A (actor), …, R (relation) or X (…)." */
export function tagKeysHint(list: string[] = tagKeyList()): string {
  const last = list.at(-1)
  const rest = list.slice(0, -1)
  const keys = rest.length ? `${rest.join(', ')} or ${last}` : (last ?? '')
  return `Select words in the document and press ${keys}.`
}
