/**
 * Test support: draws the reader's text (`ReaderText`) on its own into a test's React root,
 * with nothing selected and handlers that do nothing unless a test passes its own. Shared by
 * the tests of the long-text drawing and of selection offsets. Imported by tests only.
 */
import { act } from 'react'
import { splitParagraphs } from '../domain/paragraphs'
import { ReaderText, type ReaderTextProps } from '../features/reader/ReaderText'
import type { Mount } from './react-root'

/**
 * Renders `ReaderText` for `props.text` into `mount` and returns its text element
 * (`[data-testid="reader-text"]`). Unset props: the text's own paragraphs, no tags, entities,
 * focus, suggestions or selected tag, no language.
 */
export function renderReaderText(
  mount: Mount,
  props: Pick<ReaderTextProps, 'text'> & Partial<ReaderTextProps>,
): HTMLElement {
  const all: ReaderTextProps = {
    language: undefined,
    paragraphs: props.paragraphs ?? splitParagraphs(props.text),
    annotations: [],
    entities: new Map(),
    focus: undefined,
    suggestions: [],
    selectedTagId: undefined,
    onSelectText: () => {},
    onKey: () => {},
    onTagClick: () => {},
    ...props,
  }
  act(() => mount.root.render(<ReaderText {...all} />))
  return mount.container.querySelector('[data-testid="reader-text"]')!
}
