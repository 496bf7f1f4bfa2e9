/**
 * A relation made from a passage in the reader, as a person does it (the mouse drags over the
 * words, R opens the relation form): R tags the passage as a claim to open the form, and a form
 * closed unsaved — Escape or Cancel — takes that tag back, leaving no claim and the undo list as
 * it was; saved, the relation stands with its passage, and the claim stays. A form opened on a
 * claim tagged before (the inspector's "New relation…") leaves that claim alone when cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type App } from './harness'
import { dragOver, newCaseWithFiles, SAMPLE_REPORT, tagActor, tagTexts } from './reader-helpers'

const PASSAGE = 'a de facto alliance forming between Russia and Iran'
/** The passage tagged as a claim, as the reader highlights it: around its two actors' tags. */
const CLAIM_RUNS = ['a de facto alliance forming between ', ' and ']

describe('a relation from a passage (R)', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    await app.page.setViewportSize({ width: 1600, height: 1000 })
    await newCaseWithFiles(app.page, 'Relation from a passage', [SAMPLE_REPORT])
    await tagActor(app.page, 'Russia', 'Russia', 'state', PASSAGE)
    await tagActor(app.page, 'Iran', 'Iran', 'state', PASSAGE)
  })
  afterAll(async () => {
    await app?.close()
  })

  const claims = async () =>
    (await tagTexts(app.page)).filter((t) => t.kind === 'claim').map((t) => t.text)

  it('leaves no claim behind when the form is closed with Escape or Cancel', async () => {
    const { page } = app
    const undoBefore = await page.getByTestId('undo').getAttribute('aria-label')
    const form = page.getByTestId('relation-form')

    await dragOver(page, PASSAGE)
    await page.getByTestId('tag-toolbar').waitFor()
    await page.keyboard.press('r')
    await form.waitFor()
    expect(await form.getByTestId('relation-passage').innerText()).toBe(PASSAGE)
    // The passage is tagged while the form is open (the inspector shows it).
    await expect.poll(() => page.getByTestId('inspector-quote').innerText()).toBe(PASSAGE)
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'hidden' })
    await expect.poll(claims).toEqual([])
    await expect.poll(() => page.getByTestId('undo').getAttribute('aria-label')).toBe(undoBefore)
    // Nothing selected any more: the inspector tells what the keys do, R among them.
    await expect
      .poll(() => page.getByTestId('inspector-keys').innerText())
      .toContain('R (relation)')

    await dragOver(page, PASSAGE)
    await page.getByTestId('tag-toolbar').waitFor()
    await page.keyboard.press('r')
    await form.waitFor()
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'hidden' })
    await expect.poll(claims).toEqual([])
    await expect.poll(() => page.getByTestId('undo').getAttribute('aria-label')).toBe(undoBefore)
  })

  it('saves the relation with its passage, which stays tagged', async () => {
    const { page } = app
    const form = page.getByTestId('relation-form')
    await dragOver(page, PASSAGE)
    await page.getByTestId('tag-toolbar').waitFor()
    await page.keyboard.press('r')
    await form.waitFor()
    // The sentence's two actors are offered as the ends.
    await expect
      .poll(async () => [
        await form.getByLabel('From', { exact: true }).locator('option:checked').innerText(),
        await form.getByLabel('To', { exact: true }).locator('option:checked').innerText(),
      ])
      .toEqual(['Russia', 'Iran'])
    await form.getByLabel('Type', { exact: true }).selectOption({ label: 'ally of' })
    await form.getByRole('button', { name: 'Save relation' }).click()
    await form.waitFor({ state: 'hidden' })
    await expect.poll(claims).toEqual(CLAIM_RUNS)
    // The relation is in the graph with the passage as its evidence.
    const edge = page.getByTestId('graph-edge').filter({ hasText: 'Russia — Iran: ally of' })
    await expect.poll(() => edge.count()).toBe(1)
    await edge.focus()
    await page.keyboard.press('Enter')
    const relation = page.getByTestId('edge-details').getByTestId('edge-relation')
    await expect.poll(() => relation.locator('blockquote').allInnerTexts()).toEqual([PASSAGE])
  })

  it('keeps a claim tagged before when a form opened on it is cancelled', async () => {
    const { page } = app
    const form = page.getByTestId('relation-form')
    await page.getByTestId('reader-text').locator('[data-kind="claim"]').first().click()
    await expect.poll(() => page.getByTestId('inspector-quote').innerText()).toBe(PASSAGE)
    await page.getByTestId('inspector').getByRole('button', { name: 'New relation… (R)' }).click()
    await form.waitFor()
    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'hidden' })
    // A later tag (its write queued after anything the Cancel started) is shown; the claim
    // is still there beside it.
    await dragOver(page, 'Qatar closed its airspace')
    await page.getByTestId('tag-toolbar').waitFor()
    await page.keyboard.press('n')
    await expect
      .poll(async () => (await tagTexts(page)).filter((t) => t.kind === 'note').map((t) => t.text))
      .toEqual(['Qatar closed its airspace'])
    expect(await claims()).toEqual(CLAIM_RUNS)
  })
})
