/**
 * Tagging passages through the real UI in Chromium: import the shared sample report, tag
 * Iran and Qatar as actors and Al Udeid Air Base as a location — by mouse selection with
 * the toolbar and by keyboard selection with the A/L keys — link a second mention to an
 * existing actor, grade a claim, undo and redo, then reload and find every highlight on
 * the same words.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from './env'
import { selectQuote, tagTexts, newCaseWithFiles, SAMPLE_REPORT } from './reader-helpers'
import { chooseFiles, launchApp, reloadApp, type App } from './harness'

describe('tagging passages', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await newCaseWithFiles(page, 'Gulf escalation', [SAMPLE_REPORT])
  })
  afterAll(async () => {
    await app?.close()
  })

  it('tags Iran as a new state actor with the toolbar', async () => {
    const { page } = app
    await selectQuote(page, 'Iran', 'Iran launched')
    await page.getByTestId('tag-toolbar').getByRole('button', { name: /Actor/ }).click()
    const picker = page.getByTestId('entity-picker')
    await expect.poll(() => picker.getByTestId('entity-query').inputValue()).toBe('Iran')
    await picker.getByLabel('Kind, if new').selectOption('state')
    await picker
      .getByTestId('entity-options')
      .getByRole('option', { name: /Create “Iran”/ })
      .click()
    await expect.poll(() => tagTexts(page)).toEqual([{ text: 'Iran', kind: 'actor' }])
    await expect.poll(() => page.getByTestId('inspector-quote').innerText()).toBe('Iran')
    await expect
      .poll(() => page.getByTestId('inspector-entity').locator('option:checked').innerText())
      .toBe('Iran')
  })

  it('tags Qatar as an actor with the keyboard only', async () => {
    const { page } = app
    // Put the caret before "Qatar" by clicking, then select the word with Shift+Ctrl+Right.
    await selectQuote(page, 'Qatar')
    await page.evaluate(() => window.getSelection()!.collapseToStart())
    await page.getByTestId('reader-text').focus()
    await page.keyboard.press('Control+Shift+ArrowRight')
    await page.keyboard.press('a')
    const picker = page.getByTestId('entity-picker')
    await expect.poll(() => picker.getByTestId('entity-query').inputValue()).toMatch(/^Qatar/)
    await picker.getByTestId('entity-query').fill('Qatar')
    await picker.getByLabel('Kind, if new').selectOption('state')
    await picker.getByTestId('entity-query').press('Enter')
    await expect.poll(() => tagTexts(page)).toContainEqual({ text: 'Qatar', kind: 'actor' })
  })

  it('tags Al Udeid Air Base as a location with the L key', async () => {
    const { page } = app
    await selectQuote(page, 'Al Udeid Air Base')
    await page.keyboard.press('l')
    await page.getByTestId('entity-picker').getByRole('combobox').press('Enter')
    await expect
      .poll(() => tagTexts(page))
      .toContainEqual({ text: 'Al Udeid Air Base', kind: 'location' })
  })

  it('links a second mention to the existing actor by type-ahead', async () => {
    const { page } = app
    await selectQuote(page, 'Iran', 'between Iran, the United States')
    await page.keyboard.press('a')
    const picker = page.getByTestId('entity-picker')
    await expect
      .poll(() => picker.getByTestId('entity-options').getByRole('option').first().innerText())
      .toContain('Iran')
    await picker.getByTestId('entity-query').press('Enter')
    await expect
      .poll(() => tagTexts(page).then((t) => t.filter((x) => x.text === 'Iran').length))
      .toBe(2)
  })

  it('grades a claim, showing the Admiralty pair', async () => {
    const { page } = app
    await selectQuote(page, 'Multiple missiles were intercepted')
    await page.keyboard.press('c')
    await page.getByTestId('inspector-credibility').selectOption('3')
    await expect.poll(() => page.getByTestId('inspector').locator('.grade').innerText()).toBe('F3')
  })

  it('undoes and redoes tagging', async () => {
    const { page } = app
    const count = () => tagTexts(page).then((t) => t.length)
    await expect.poll(count).toBe(5)
    await page.getByTestId('undo').click() // the grade
    await expect
      .poll(() => page.getByTestId('undo').getAttribute('aria-label'))
      .toBe('Undo Tag “Multiple missiles were intercepted” as claim')
    await page.getByTestId('undo').click() // the claim
    await expect.poll(count).toBe(4)
    await page.keyboard.press('Control+Shift+Z')
    await expect.poll(count).toBe(5)
  })

  it('lists every action, undone ones too, in the History tab', async () => {
    const { page } = app
    await page.getByRole('tab', { name: 'History' }).click()
    const rows = page.getByTestId('history-row').locator('.history-action')
    await expect.poll(() => rows.count()).toBeGreaterThan(5)
    const actions = await rows.allInnerTexts()
    expect(actions).toContain('Tag “Iran” as actor')
    expect(actions).toContain('Tag “Al Udeid Air Base” as location')
    expect(actions).toContain('Undo: Grade tag')
    expect(actions.slice(0, 3)).toEqual([
      'Tag “Multiple missiles were intercepted” as claim', // the redo, newest first
      'Undo: Tag “Multiple missiles were intercepted” as claim',
      'Undo: Grade tag',
    ])
    await page.getByRole('tab', { name: 'Documents' }).click()
  })

  it('offers suggestions without tagging anything, and accepts, rejects and never-suggests', async () => {
    const { page } = app
    const before = await tagTexts(page)
    await page.getByRole('tab', { name: 'Suggestions' }).click()
    const groups = page.getByTestId('suggestion-group')
    await expect.poll(() => groups.count(), { timeout: 15_000 }).toBeGreaterThan(5)
    const names = await groups.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name))
    for (const name of [
      'Moscow',
      'Vladimir Putin',
      'Abbas Araghchi',
      'Ali Khamenei',
      'Fordow',
      'Natanz',
      'Isfahan',
      'Israel',
      'Pentagon',
      'White House',
    ]) {
      expect(names.some((n) => n?.includes(name))).toBe(true)
    }
    expect(names.some((n) => /United States|U\.S\./.test(n ?? ''))).toBe(true)
    // Suggestions are marked in the text, but nothing became a tag.
    await expect
      .poll(() => page.getByTestId('reader-text').locator('.suggestion').count())
      .toBeGreaterThan(5)
    expect(await tagTexts(page)).toEqual(before)

    const group = (name: string) =>
      page.locator(`[data-testid="suggestion-group"][data-name*="${name}"]`).first()
    await group('Vladimir Putin').getByRole('button', { name: 'Accept' }).click()
    await expect
      .poll(() => tagTexts(page).then((t) => t.filter((x) => x.text === 'Vladimir Putin').length))
      .toBe(2)
    await group('Moscow').getByRole('button', { name: 'Reject' }).click()
    await expect.poll(() => page.locator('[data-name="Moscow"]').count()).toBe(0)
    await expect.poll(() => page.locator('[data-name*="Khamenei"]').count()).toBe(1)
    await group('Pentagon').getByRole('button', { name: 'Never' }).click()
    await expect
      .poll(() => page.locator('[data-testid="suggestion-group"][data-name*="Pentagon"]').count())
      .toBe(0)
    await page.getByTestId('undo').click() // the never-suggest
    await expect
      .poll(() => page.locator('[data-testid="suggestion-group"][data-name*="Pentagon"]').count())
      .toBe(1)
    await page.getByTestId('undo').click() // the accepted suggestion
    await expect
      .poll(() => tagTexts(page).then((t) => t.filter((x) => x.text === 'Vladimir Putin').length))
      .toBe(0)
    await page.getByTestId('redo').click()
    await expect
      .poll(() => tagTexts(page).then((t) => t.filter((x) => x.text === 'Vladimir Putin').length))
      .toBe(2)
    await page.getByTestId('redo').click()
    await expect
      .poll(() => page.locator('[data-testid="suggestion-group"][data-name*="Pentagon"]').count())
      .toBe(0)

    // One occurrence at a time, from the text itself.
    // A click selects the suggested words; S opens the suggestion's menu.
    await page.getByTestId('reader-text').locator('.suggestion', { hasText: 'Natanz' }).click()
    await page.keyboard.press('s')
    const menu = page.getByTestId('suggestion-menu')
    await expect.poll(() => menu.innerText()).toContain('“Natanz”: place')
    await menu.getByRole('menuitem', { name: 'Accept this one' }).click()
    await expect.poll(() => tagTexts(page)).toContainEqual({ text: 'Natanz', kind: 'location' })
    await page.getByTestId('reader-text').locator('.suggestion', { hasText: 'Isfahan' }).click()
    await page.keyboard.press('s')
    await menu.getByRole('menuitem', { name: 'Reject' }).click()
    await expect
      .poll(() =>
        page.getByTestId('reader-text').locator('.suggestion', { hasText: 'Isfahan' }).count(),
      )
      .toBe(0)
    expect(await tagTexts(page)).not.toContainEqual({ text: 'Isfahan', kind: 'location' })
    await page.getByRole('tab', { name: 'Inspector' }).click()
  })

  it('finds every highlight on the same words after a reload', async () => {
    const { page } = app
    const before = await tagTexts(page)
    await reloadApp(page)
    await page.getByTestId('doc-row').first().click()
    await expect.poll(() => tagTexts(page)).toEqual(before)
  })

  it('drops a held selection when another document opens, so a key never tags it there', async () => {
    const { page } = app
    await chooseFiles(page, page.getByRole('button', { name: 'Import…' }).first(), [
      join(REPO_ROOT, 'src', 'import', 'fixtures', 'good', 'wire-report.txt'),
    ])
    await page.getByTestId('import-report').getByRole('button', { name: 'Done' }).click()
    await page.getByTestId('doc-row').filter({ hasText: 'Tehran Attacks' }).click()
    await expect.poll(() => page.getByTestId('reader-title').innerText()).toMatch(/^Tehran/)
    await selectQuote(page, 'Fordow')
    await expect.poll(() => page.getByTestId('tag-toolbar').count()).toBe(1)
    await page.getByTestId('doc-row').filter({ hasText: 'Port authority suspends' }).click()
    await expect.poll(() => page.getByTestId('reader-title').innerText()).toMatch(/^Port authority/)
    await expect.poll(() => page.getByTestId('tag-toolbar').count()).toBe(0)
    await page.keyboard.press('n')
    // Keys are handled in order: once a note made after it is drawn, that first N has been
    // handled too, and the note is the only tag in this document.
    await selectQuote(page, 'gantry crane collapsed')
    await page.keyboard.press('n')
    await expect
      .poll(() => tagTexts(page))
      .toEqual([{ text: 'gantry crane collapsed', kind: 'note' }])
  })
})
