/**
 * Weighing the evidence (issue 15) through the real UI in Chromium, on the sample case:
 * - an event carried by two publishers shows two independent origins; a third passage, from
 *   a third publisher, adds a third — until it is marked second-hand from one of the first
 *   two, when it adds a report but no origin;
 * - a passage added as contradicting evidence is listed apart in the inspector, marks the
 *   timeline item, and is flagged in the briefing's chronology; the same passage added to
 *   another event supports that one (the stance is per event), and undo takes it off again;
 * - credibility 1 is suggested (with its reasons) for an event two independent origins
 *   carry, applied with a click and undone;
 * - an event made from a second document about the summons of the ambassador is proposed as
 *   a duplicate of the sample's own, merged with a preview and undone; another pair is marked
 *   "not the same";
 * - all of it survives a reload and a backup round trip.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { captureDownload, chooseFiles, launchApp, reloadApp, type App } from './harness'
import { openDoc, selectQuote, showEvent } from './reader-helpers'

const SEAL = 'Customs seal Terminal 4 and hold the Aurel Star at its berth'
const CREW = 'Crew of the Aurel Star questioned at the terminal (detention disputed)'
const TENDER = 'Port Authority tells OML the Terminal 4 concession will go to open tender'
const SUMMONS = "Dravina summons Velmora's ambassador and hands him a note of protest"
const NEW_SUMMONS = 'Dravina summons the Velmoran ambassador'
const PHONE = 'Foreign ministers speak by telephone'
const MFA = 'Ministry of Foreign Affairs of the Federal Republic of Dravina'
const SECOND_HAND = 'the ministry said Velmoran officers had used force against the crew'
const CONTRADICTING = 'said he saw no violence'

const timeline = (page: Page) => page.getByTestId('timeline')
const item = (page: Page, title: string) =>
  timeline(page).locator('.vis-item.vis-point, .vis-item.vis-range').filter({ hasText: title })
const summary = (page: Page) => page.getByTestId('corroboration-summary').innerText()

/** The possible-duplicate pairs listed, each as its two titles' text. */
async function duplicatePairs(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+Shift+D')
  await page.getByTestId('duplicates').waitFor()
  return page.getByTestId('duplicate-pair').locator('p').first().allInnerTexts()
}

describe('weighing the evidence', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('counts independent origins, and a second-hand passage adds none', async () => {
    const { page } = app
    await page.getByTestId('open-sample').click()
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 15_000 }).toBe(4)
    await showEvent(page, SEAL)
    await expect.poll(() => summary(page)).toMatch(/^2 reports · 2 independent origins · /)
    await expect
      .poll(() => page.getByTestId('corroboration-origin').allInnerTexts())
      .toEqual([expect.stringMatching(/^The Saltmere Courier/), expect.stringMatching(/^Ministry/)])

    // A third publisher's passage, added with X: a third report and a third origin.
    await openDoc(page, 'Continental Press Service')
    await selectQuote(page, SECOND_HAND)
    await page.keyboard.press('x')
    await page.getByTestId('add-to-event-query').waitFor()
    await page.keyboard.type('Customs seal')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.notice').first().innerText()).toMatch(/Passage added/)
    await showEvent(page, SEAL)
    await expect.poll(() => summary(page)).toMatch(/^3 reports · 3 independent origins/)

    // The passage quotes the ministry: marked second-hand, it is the ministry's word.
    await openDoc(page, 'Continental Press Service')
    await page.getByTestId('reader-text').getByText('Velmoran officers had used force').click()
    // The outlet field and its button fit inside the inspector, the button on one line.
    const fits = await page.getByTestId('second-hand').evaluate((section) => {
      const right = section.getBoundingClientRect().right
      const button = section.querySelector('[data-testid="second-hand-set"]')!
      const field = section.querySelector('[data-testid="second-hand-outlet"]')!
      const words = document.createRange()
      words.selectNodeContents(button)
      return {
        past: [button, field].filter((e) => e.getBoundingClientRect().right > right + 0.5).length,
        lines: new Set([...words.getClientRects()].map((r) => Math.round(r.top))).size,
      }
    })
    expect(fits).toEqual({ past: 0, lines: 1 })
    await page.getByTestId('second-hand-outlet').click()
    await page.keyboard.type(MFA)
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByTestId('second-hand-state').innerText())
      .toMatch(/Second-hand: cites Ministry.*counted as the case’s source/)
    await showEvent(page, SEAL)
    await expect.poll(() => summary(page)).toMatch(/^3 reports · 2 independent origins/)
    await expect
      .poll(() => page.getByTestId('corroboration-origin').last().innerText())
      .toMatch(/^Ministry.*\(2 passages, cited second-hand\)/)
    // The timeline's tooltip says the same.
    await item(page, SEAL).first().hover()
    await expect
      .poll(() => page.locator('.vis-tooltip').innerText())
      .toContain('3 reports · 2 independent origins')
  })

  it('lists a contradicting passage apart and flags it on the timeline', async () => {
    const { page } = app
    await openDoc(page, 'The Saltmere Courier')
    await selectQuote(page, CONTRADICTING)
    await page.keyboard.press('c')
    await page.getByTestId('add-evidence-event').waitFor()
    await page.getByTestId('add-evidence-event').selectOption({ label: CREW })
    await page.getByTestId('add-evidence-stance').selectOption('contradicts')
    await page.getByTestId('add-evidence').click()
    await expect
      .poll(() => page.locator('.notice').first().innerText())
      .toMatch(/as contradicting it/)
    // The same passage can support another event: the stance belongs to each link.
    await page.getByTestId('add-evidence-event').selectOption({ label: SEAL })
    await page.getByTestId('add-evidence-stance').selectOption('supports')
    await page.getByTestId('add-evidence').click()
    await showEvent(page, SEAL)
    await expect
      .poll(() => page.getByTestId('event-evidence').allInnerTexts())
      .toContainEqual(expect.stringContaining(CONTRADICTING))
    expect(await page.getByTestId('event-contradicting-passage').count()).toBe(0)
    expect(await item(page, SEAL).first().getAttribute('class')).not.toContain('tl-contradicted')
    // Undo takes it off the seal event again; the crew event keeps it as contradicting.
    await page.keyboard.press('Control+z')
    await expect
      .poll(() => page.getByTestId('event-evidence').allInnerTexts())
      .not.toContainEqual(expect.stringContaining(CONTRADICTING))
    await showEvent(page, CREW)
    await expect
      .poll(() => summary(page))
      .toMatch(/^2 reports · 2 independent origins · .* · 1 contradicting passage$/)
    await expect
      .poll(() => page.getByTestId('event-contradicting-passage').allInnerTexts())
      .toEqual([expect.stringContaining(CONTRADICTING)])
    expect(await page.getByTestId('event-evidence').allInnerTexts()).not.toContainEqual(
      expect.stringContaining(CONTRADICTING),
    )
    await expect
      .poll(() => item(page, CREW).first().getAttribute('class'))
      .toContain('tl-contradicted')
    expect(await item(page, SEAL).first().getAttribute('class')).not.toContain('tl-contradicted')
  })

  it('suggests credibility 1 on two independent origins, applied with a click and undone', async () => {
    const { page } = app
    await showEvent(page, TENDER)
    const box = page.getByTestId('credibility-suggestion')
    await expect
      .poll(() => box.innerText())
      .toMatch(/The Saltmere Courier and Continental Press Service/)
    await expect.poll(() => page.getByTestId('event-details-credibility').innerText()).toMatch(/^2/)
    await page.getByTestId('apply-credibility-suggestion').click()
    await expect.poll(() => page.getByTestId('event-details-credibility').innerText()).toMatch(/^1/)
    await expect.poll(() => box.count()).toBe(0)
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('event-details-credibility').innerText()).toMatch(/^2/)
  })

  it('flags the contradiction in the briefing’s chronology', async () => {
    const { page } = app
    await page.getByTestId('view-briefing').click()
    await page.getByRole('button', { name: 'New briefing' }).click()
    await page.getByRole('button', { name: 'All', exact: true }).click()
    const preview = page.frameLocator('iframe').locator('body')
    await expect
      .poll(() => preview.innerText(), { timeout: 15_000 })
      .toMatch(/Contradicted by a passage/)
    const crewRow = page.frameLocator('iframe').locator('tr.contradicted')
    await expect.poll(() => crewRow.innerText()).toContain(CREW)
    expect(await crewRow.count()).toBe(1)
    await expect
      .poll(() => page.frameLocator('iframe').locator('tr', { hasText: SEAL }).innerText())
      .toContain('3 reports · 2 independent origins')
    await page.getByRole('button', { name: 'Workbench' }).click()
  })

  it('proposes two reports of one summons as duplicates, merges them and undoes it', async () => {
    const { page } = app
    await openDoc(page, 'Continental Press Service')
    await selectQuote(page, "Dravina summoned Velmora's ambassador on Monday")
    await page.keyboard.press('e')
    const form = page.getByTestId('event-form')
    await form.getByLabel('Title').fill(NEW_SUMMONS)
    await form.getByTestId('event-type').selectOption({ label: 'Protest' })
    for (const [testId, name] of [
      ['event-initiators', 'Federal Republic of Dravina'],
      ['event-targets', 'Republic of Velmora'],
      // The sentence names Saltmere (the terminal's port); the summons was in Ostrin.
      ['event-places', 'Ostrin'],
    ] as const) {
      const picker = form.getByTestId(testId)
      while ((await picker.getByTestId('chip').count()) > 0)
        await picker.getByTestId('chip').first().getByRole('button').click()
      await picker.getByTestId(`${testId}-input`).fill(name)
      await picker.getByTestId(`${testId}-input`).press('Enter')
      await expect.poll(() => picker.getByTestId('chip').count()).toBe(1)
    }
    await form.getByRole('button', { name: 'Save event' }).click()
    await form.waitFor({ state: 'hidden' })
    await expect.poll(() => item(page, NEW_SUMMONS).count()).toBe(1)

    const pair = page
      .getByTestId('duplicate-pair')
      .filter({ hasText: NEW_SUMMONS })
      .filter({ hasText: SUMMONS })
    await duplicatePairs(page)
    await expect.poll(() => pair.count()).toBe(1)
    await expect
      .poll(() => pair.getByTestId('duplicate-reasons').innerText())
      .toMatch(/same initiator: Federal Republic of Dravina[\s\S]*same target: Republic of Velmora/)
    await pair.getByTestId('duplicate-merge').click()
    const dialog = page.getByTestId('merge-events')
    await dialog.getByLabel(`“${SUMMONS}”`).check()
    await dialog.getByTestId('merge-time-narrower').check()
    await expect
      .poll(() => dialog.getByTestId('merge-preview-evidence').innerText())
      .toMatch(/^3 passages/)
    await page.screenshot({ path: '/tmp/evidence-merge.png' })
    await dialog.getByTestId('merge-confirm').click()
    await expect.poll(() => item(page, NEW_SUMMONS).count()).toBe(0)
    // The merged event is selected; its evidence is the union.
    await expect.poll(() => page.getByTestId('event-details-title').innerText()).toBe(SUMMONS)
    await expect.poll(() => page.getByTestId('event-evidence').count()).toBe(3)
    await duplicatePairs(page)
    await expect.poll(() => pair.count()).toBe(0)
    await page.keyboard.press('Control+z')
    await expect.poll(() => item(page, NEW_SUMMONS).count()).toBe(1)
    await duplicatePairs(page)
    await expect.poll(() => pair.count()).toBe(1)

    // Another pair is not the same: it is not proposed again.
    const phone = page.getByTestId('duplicate-pair').filter({ hasText: PHONE })
    await expect.poll(() => phone.count()).toBe(1)
    await phone.getByTestId('duplicate-not-same').click()
    await expect.poll(() => phone.count()).toBe(0)
    await page.screenshot({ path: '/tmp/evidence-workbench.png' })
  })

  /** Everything weighed so far, as the open case shows it. */
  async function expectWeighed(page: Page): Promise<void> {
    await showEvent(page, SEAL)
    await expect.poll(() => summary(page)).toMatch(/^3 reports · 2 independent origins/)
    await showEvent(page, CREW)
    await expect.poll(() => page.getByTestId('event-contradicting-passage').count()).toBe(1)
    await expect
      .poll(() => item(page, CREW).first().getAttribute('class'))
      .toContain('tl-contradicted')
    await duplicatePairs(page)
    const pairs = page.getByTestId('duplicate-pair')
    await expect.poll(() => pairs.filter({ hasText: NEW_SUMMONS }).count()).toBeGreaterThan(0)
    expect(await pairs.filter({ hasText: PHONE }).count()).toBe(0)
  }

  it('keeps it all through a reload', async () => {
    const { page } = app
    await reloadApp(page)
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(4)
    await expectWeighed(page)
  })

  it('keeps it all through a backup and restore', async () => {
    const { page } = app
    const download = await captureDownload(page, page.getByRole('button', { name: 'Back up' }))
    const path = await download.path()
    const backup = JSON.parse(readFileSync(path, 'utf8')) as {
      case: { notSameEvents?: unknown[] }
      annotations: { stance?: string; secondHand?: { outlet: string } }[]
      events: { title: string; stances?: Record<string, string> }[]
    }
    expect(backup.case.notSameEvents).toHaveLength(1)
    // The stance is the crew event's, per passage; no passage carries one of its own.
    expect(
      backup.events.flatMap((e) => Object.values(e.stances ?? {}).map((s) => `${e.title}: ${s}`)),
    ).toEqual([`${CREW}: contradicts`])
    expect(backup.annotations.filter((a) => a.stance)).toHaveLength(0)
    expect(backup.annotations.filter((a) => a.secondHand?.outlet === MFA)).toHaveLength(1)
    await chooseFiles(page, page.getByRole('button', { name: 'Restore' }), [path])
    await expect
      .poll(() => page.getByTestId('case-select').locator('option:checked').innerText())
      .toMatch(/\(restored\)$/)
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(4)
    await expectWeighed(page)
    app.assertNoExternalRequests()
  })
})
