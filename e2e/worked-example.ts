/**
 * DESIGN.md's worked example, built through the real UI: on the sample report (published
 * Tue 24 Jun 2025) the analyst tags Iran, the United States, Russia and Qatar as actors and
 * makes the three events from passages. Shared by the timeline and graph specs.
 */
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import {
  newCaseWithFiles,
  SAMPLE_REPORT,
  selectQuote,
  setPublished,
  tagActor,
} from './reader-helpers'

export interface WorkedEvent {
  /** The passage made evidence (inside the first match of `within`). */
  quote: string
  within?: string
  title: string
  type: string
  initiators: string[]
  targets: string[]
  /** The expression the form must pre-fill from the sentence, and its resolution. */
  when: string
  resolution: RegExp
}

export const EVENTS: WorkedEvent[] = [
  {
    quote: 'targeted key sites at Fordow, Natanz, and Isfahan',
    title: 'US strikes on nuclear sites',
    type: 'Assault / strike',
    initiators: ['United States'],
    targets: ['Iran'],
    when: 'over the weekend',
    resolution: /^'over the weekend' → Sat 21 Jun 2025 – Sun 22 Jun 2025 \(published Tue 24 Jun/,
  },
  {
    quote: 'met with Russian President Vladimir Putin in Moscow',
    title: 'Araghchi meets Putin in Moscow',
    type: 'Consult / meet',
    initiators: ['Iran'],
    targets: ['Russia'],
    when: 'on Monday',
    resolution: /^'on Monday' → Mon 23 Jun 2025 \(published Tue 24 Jun 2025; most recent Monday\)$/,
  },
  {
    quote: 'firing missiles at American bases in Qatar',
    title: 'Missile strike on Al Udeid Air Base',
    type: 'Assault / strike',
    initiators: ['Iran'],
    targets: ['United States'],
    when: 'on Monday',
    resolution: /^'on Monday' → Mon 23 Jun 2025/,
  },
]

/** Makes exactly `names` the chips of one of the form's actor pickers. */
async function chooseActors(page: Page, testId: string, names: string[]): Promise<void> {
  const picker = page.getByTestId('event-form').getByTestId(testId)
  while ((await picker.getByTestId('chip').count()) > 0) {
    await picker.getByTestId('chip').first().getByRole('button').click()
  }
  for (const name of names) {
    // The list puts the sentence's actors first and marks them; the best match is first.
    await picker.getByTestId(`${testId}-input`).fill(name)
    await picker.getByTestId(`${testId}-input`).press('Enter')
  }
  await expect
    .poll(() =>
      picker.getByTestId('chip').evaluateAll((els) => els.map((e) => e.firstChild?.textContent)),
    )
    .toEqual(names)
}

export async function makeEvent(page: Page, e: WorkedEvent): Promise<void> {
  await selectQuote(page, e.quote, e.within)
  await page.keyboard.press('e')
  const form = page.getByTestId('event-form')
  await expect.poll(() => form.getByTestId('event-when').inputValue()).toBe(e.when)
  await expect.poll(() => form.getByTestId('event-resolution').innerText()).toMatch(e.resolution)
  await form.getByLabel('Title').fill(e.title)
  await form.getByTestId('event-type').selectOption({ label: e.type })
  await chooseActors(page, 'event-initiators', e.initiators)
  await chooseActors(page, 'event-targets', e.targets)
  await form.getByRole('button', { name: 'Save event' }).click()
  await form.waitFor({ state: 'hidden' })
}

/** A new case with the sample report, its actors tagged and the three events made. */
export async function buildWorkedExample(page: Page, title = 'Gulf escalation'): Promise<void> {
  await newCaseWithFiles(page, title, [SAMPLE_REPORT])
  await setPublished(page, '2025-06-24')
  await tagWorkedActors(page)
  for (const e of EVENTS) await makeEvent(page, e)
}

/** Tags the worked example's four actors in the sample report. */
export async function tagWorkedActors(page: Page): Promise<void> {
  await tagActor(page, 'Iran', 'Iran', 'state', 'Iran launched')
  await tagActor(page, 'U.S.', 'United States', 'state', 'on U.S. military targets')
  await tagActor(page, 'Russian', 'Russia', 'state', 'with Russian President')
  await tagActor(page, 'Qatar', 'Qatar', 'state', 'American bases in Qatar')
}
