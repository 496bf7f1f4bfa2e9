// @vitest-environment jsdom
/**
 * The event form's entity picker: Enter on typed words that match no entity of the case must
 * not reach the form (which saves on Enter and would drop the words without a word); the field
 * says that no such place is in the case and how to tag one. Enter on a match still adds it,
 * and Enter in the empty field is still left to the form.
 */
import { act } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { EntityRecord } from '../../domain/types'
import { mountEachTest } from '../../test/react-root'
import { ChipPicker, noMatchText, type Chip } from './ChipPicker'

const mount = mountEachTest()

const place = (id: string, name: string): EntityRecord => ({
  id,
  caseId: 'c1',
  kind: 'location',
  name,
  aliases: [],
  createdAt: 0,
})
const POOL = [place('moscow', 'Moscow'), place('doha', 'Doha')]

/** Renders the picker inside a form; returns the chips' changes and the form's submits. */
async function render(chosen: Chip[] = []) {
  const changes: Chip[][] = []
  const submit = vi.fn()
  await act(async () =>
    mount.root.render(
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <ChipPicker
          label="Where"
          pool={POOL}
          first={[]}
          chosen={chosen}
          onChange={(c) => changes.push(c)}
          testId="event-places"
          emptyText="No places tagged in this case yet."
          kind="place"
        />
      </form>,
    ),
  )
  const input = mount.container.querySelector<HTMLInputElement>(
    '[data-testid="event-places-input"]',
  )!
  return { input, changes, submit }
}

/** Types `text` into the field as React sees it (the native setter, then an input event). */
async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
  await act(async () => {
    input.focus()
    setter.call(input, text)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

/** Presses Enter in the field; true when the picker kept it from the form (default prevented). */
async function pressEnter(input: HTMLInputElement): Promise<boolean> {
  const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
  await act(async () => {
    input.dispatchEvent(event)
  })
  return event.defaultPrevented
}

describe('ChipPicker', () => {
  it('keeps Enter on words that match nothing from the form and says how to tag the place', async () => {
    const { input, changes } = await render()
    await typeInto(input, 'Qatar')
    const hint = mount.container.querySelector('[data-testid="event-places-none"]')
    expect(hint?.textContent).toBe(
      'No place called “Qatar” in this case. Tag it in a document first (select the words, ' +
        'press L), then pick it here.',
    )
    expect(input.getAttribute('aria-describedby')).toBe(hint?.id)
    expect(await pressEnter(input)).toBe(true)
    expect(input.value).toBe('Qatar')
    expect(changes).toEqual([])
  })

  it('still adds the highlighted match on Enter, and leaves Enter in the empty field to the form', async () => {
    const { input, changes } = await render()
    await typeInto(input, 'Doh')
    expect(mount.container.querySelector('[data-testid="event-places-none"]')).toBeNull()
    expect(await pressEnter(input)).toBe(true)
    expect(changes).toEqual([[{ id: 'doha' }]])
    await typeInto(input, '')
    expect(await pressEnter(input)).toBe(false)
  })

  it('names what the pool holds in the message', () => {
    expect(noMatchText(' Hamas ', 'actor')).toBe(
      'No actor called “Hamas” in this case. Tag it in a document first (select the words, ' +
        'press A), then pick it here.',
    )
    expect(noMatchText('X', undefined)).toContain('No actor or place called “X”')
  })
})
