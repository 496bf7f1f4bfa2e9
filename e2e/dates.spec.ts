/**
 * A bare weekday in the event form, through the real UI in Chromium (issue 19 item 5): in a
 * report published on Monday 23 June 2025, "Tuesday’s meeting … is being hosted" is about the
 * coming Tuesday, so the form offers Tue 24 Jun first (and chosen) with the last Tuesday as
 * the other reading; in a past-tense sentence of the same report the weekday is the last one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { newCaseWithFiles, selectQuote, setPublished } from './reader-helpers'

const REPORT = [
  'Foreign ministers gather in Oslo',
  '',
  'Tuesday’s meeting of the four foreign ministers is being hosted by Norway, officials said.',
  'The ministers met in Bergen on Thursday to prepare the agenda.',
  '',
].join('\n')

describe('dates in the event form', () => {
  let app: App
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-dates-'))
    const file = join(dir, 'oslo-talks.txt')
    writeFileSync(file, REPORT)
    app = await launchApp()
    await newCaseWithFiles(app.page, 'Oslo talks', [file])
    await setPublished(app.page, '2025-06-23')
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('offers the coming Tuesday first, and the last one, for a weekday in the present tense', async () => {
    const { page } = app
    await expect.poll(() => page.getByTestId('reader-date').innerText()).toBe('Mon 23 Jun 2025')
    await selectQuote(page, 'is being hosted by Norway')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByTestId('event-when').inputValue()).toBe('Tuesday')
    const readings = form.getByTestId('event-resolution').locator('label')
    await expect
      .poll(() => readings.allInnerTexts())
      .toEqual([
        "'Tuesday' → Tue 24 Jun 2025 (published Mon 23 Jun 2025; the coming Tuesday)",
        "'Tuesday' → Tue 17 Jun 2025 (published Mon 23 Jun 2025; the last Tuesday)",
      ])
    await expect.poll(() => readings.first().locator('input').isChecked()).toBe(true)
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'hidden' })
  })

  it('reads a weekday in a past-tense sentence as the last one', async () => {
    const { page } = app
    await selectQuote(page, 'met in Bergen')
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await expect.poll(() => form.getByTestId('event-when').inputValue()).toBe('on Thursday')
    await expect
      .poll(() => form.getByTestId('event-resolution').innerText())
      .toBe("'on Thursday' → Thu 19 Jun 2025 (published Mon 23 Jun 2025; most recent Thursday)")
    await form.getByRole('button', { name: 'Cancel' }).click()
  })
})
