/**
 * The entities pane through the real UI in Chromium: import the shared sample report, open
 * the "Entities" tab of the left pane (empty at first, and saying how entities are made), tag
 * two mentions of Iran as two new states — "Iran" and "Islamic Republic" — and watch both
 * appear with their mention counts; search by alias; jump from a mention to its passage;
 * merge one into the other (one entity, two mentions, the other's name as an alias), undo
 * the merge (two again), delete one from the keyboard after its confirmation (the tag stays,
 * unlinked), and edit the other from the keyboard — rename, aliases, kind, description — with
 * each edit undoable. The pane is expected behind a tab named "Entities" in the left pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { selectQuote, newCaseWithFiles, SAMPLE_REPORT } from './reader-helpers'
import { launchApp, type App } from './harness'

/**
 * Tags the selected passage as an actor linked to a new state named `name`, and waits until
 * the reader shows the new highlight (a selection made before it re-renders would be lost).
 */
async function tagAsNewState(page: Page, name: string): Promise<void> {
  const before = (await actorTags(page)).length
  await page.getByTestId('tag-toolbar').getByRole('button', { name: /Actor/ }).click()
  const picker = page.getByTestId('entity-picker')
  await picker.getByTestId('entity-query').fill(name)
  await picker.getByLabel('Kind, if new').selectOption('state')
  await picker
    .getByTestId('entity-options')
    .getByRole('option', { name: new RegExp(`Create “${name}”`) })
    .click()
  await picker.waitFor({ state: 'hidden' })
  await expect.poll(() => actorTags(page).then((t) => t.length)).toBe(before + 1)
}

/** The rows of the entities list as the analyst reads them. */
async function entityRows(page: Page): Promise<{ name: string; counts: string; sub: string }[]> {
  return page
    .getByTestId('entities-pane')
    .getByTestId('entity-row')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        name: r.querySelector('[data-testid="entity-name"]')?.textContent ?? '',
        counts: r.querySelector('[data-testid="entity-counts"]')?.textContent ?? '',
        sub: r.querySelector('.entity-sub')?.textContent ?? '',
      })),
    )
}

/** The reader's actor highlights, in text order. */
async function actorTags(page: Page): Promise<string[]> {
  return page
    .getByTestId('reader-text')
    .locator('[data-tag][data-kind="actor"]')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''))
}

describe('actors and locations (entities pane)', () => {
  let app: App
  beforeAll(async () => {
    app = await launchApp()
    const { page } = app
    await newCaseWithFiles(page, 'Gulf escalation', [SAMPLE_REPORT])
  })
  afterAll(async () => {
    await app?.close()
  })

  it('explains how entities are made while the case has none', async () => {
    const { page } = app
    await page.getByRole('tab', { name: 'Entities' }).click()
    const empty = page.getByTestId('entities-pane').getByTestId('entities-empty')
    await expect.poll(() => empty.innerText()).toMatch(/press A .*actor.* L .*location/s)
  })

  it('lists two entities tagged on two mentions of Iran, with their counts', async () => {
    const { page } = app
    // The reader stays open beside the pane, and the list follows the tagging live.
    await selectQuote(page, 'Iran', 'Iran launched')
    await tagAsNewState(page, 'Iran')
    await selectQuote(page, 'Iran', 'between Iran, the United States')
    await tagAsNewState(page, 'Islamic Republic')
    await expect.poll(() => actorTags(page)).toEqual(['Iran', 'Iran'])
    await expect
      .poll(() => entityRows(page))
      .toEqual([
        { name: 'Iran', counts: '1 mention · 1 doc', sub: 'State' },
        { name: 'Islamic Republic', counts: '1 mention · 1 doc', sub: 'State' },
      ])
    await expect
      .poll(() => page.getByTestId('entities-caption').innerText())
      .toBe('2 actors and locations')
  })

  it('finds an entity by a misspelt name and opens its mention in the reader', async () => {
    const { page } = app
    const pane = page.getByTestId('entities-pane')
    await pane.getByTestId('entities-search').fill('islamic repubic')
    await expect
      .poll(() => entityRows(page).then((r) => r.map((x) => x.name)))
      .toEqual(['Islamic Republic'])
    await pane.getByTestId('entities-search').fill('')
    await expect.poll(() => entityRows(page).then((r) => r.length)).toBe(2)

    await pane.getByTestId('entity-row').filter({ hasText: 'Islamic Republic' }).click()
    const detail = pane.getByTestId('entity-detail')
    await expect
      .poll(() => detail.getByTestId('entity-detail-name').innerText())
      .toBe('Islamic Republic')
    await expect
      .poll(() => detail.getByTestId('entity-mention-summary').innerText())
      .toBe('1 mention in 1 document')
    await detail.getByTestId('entity-mention').click()
    await expect.poll(() => page.getByTestId('reader-focus').innerText()).toBe('Iran')
  })

  it('merges one entity into the other: one entity, two mentions, the alias', async () => {
    const { page } = app
    const pane = page.getByTestId('entities-pane')
    await pane.getByTestId('entity-row').filter({ hasText: 'Islamic Republic' }).click()
    await pane.getByTestId('entity-detail').getByTestId('merge-entity').click()
    const dialog = page.getByTestId('entity-merge-dialog')
    await dialog.getByTestId('merge-query').fill('iran')
    await expect
      .poll(() => dialog.getByTestId('merge-options').getByRole('option').first().innerText())
      .toContain('Iran')
    await dialog.getByTestId('merge-query').press('Enter')
    const preview = dialog.getByTestId('merge-preview')
    await expect.poll(() => preview.innerText()).toContain('1 mention in 1 document moves to Iran')
    await expect
      .poll(() => preview.innerText())
      .toContain('Iran gains the alias “Islamic Republic”')
    await dialog.getByTestId('confirm-merge').click()
    await dialog.waitFor({ state: 'hidden' })

    await expect
      .poll(() => entityRows(page))
      .toEqual([{ name: 'Iran', counts: '2 mentions · 1 doc', sub: 'State · Islamic Republic' }])
    const detail = pane.getByTestId('entity-detail')
    await expect.poll(() => detail.getByTestId('entity-detail-name').innerText()).toBe('Iran')
    await expect
      .poll(() => detail.getByTestId('alias-chip').allInnerTexts())
      .toEqual([expect.stringContaining('Islamic Republic')])
    await expect
      .poll(() => detail.getByTestId('entity-mention-summary').innerText())
      .toBe('2 mentions in 1 document')
    await expect.poll(() => detail.getByTestId('entity-mention').count()).toBe(2)
  })

  it('undoes the merge: two entities again', async () => {
    const { page } = app
    await page.getByTestId('undo').click()
    await expect
      .poll(() => entityRows(page))
      .toEqual([
        { name: 'Iran', counts: '1 mention · 1 doc', sub: 'State' },
        { name: 'Islamic Republic', counts: '1 mention · 1 doc', sub: 'State' },
      ])
  })

  it('deletes an entity from the keyboard after showing what depends on it', async () => {
    const { page } = app
    const pane = page.getByTestId('entities-pane')
    const list = pane.getByTestId('entities-list')
    await list.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    await expect
      .poll(() => list.getByRole('option', { selected: true }).innerText())
      .toContain('Islamic Republic')

    // Asked first; cancelling changes nothing.
    await page.keyboard.press('Delete')
    const dialog = page.getByTestId('entity-delete-dialog')
    await expect
      .poll(() => dialog.getByTestId('delete-dependents').innerText())
      .toContain('1 mention stays tagged')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => entityRows(page).then((r) => r.length)).toBe(2)

    await list.focus()
    await page.keyboard.press('Delete')
    await dialog.getByTestId('confirm-delete').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect
      .poll(() => entityRows(page))
      .toEqual([{ name: 'Iran', counts: '1 mention · 1 doc', sub: 'State' }])
    // The passage stays tagged as an actor, no longer linked to an entity.
    await expect.poll(() => actorTags(page)).toEqual(['Iran', 'Iran'])
  })

  it('edits an entity from the keyboard: rename, aliases, kind and description', async () => {
    const { page } = app
    const pane = page.getByTestId('entities-pane')
    await pane.getByTestId('entities-list').focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    const detail = pane.getByTestId('entity-detail')
    const name = detail.getByTestId('entity-name-input')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('entity-name-input')
    await name.fill('Islamic Republic of Iran')
    await name.press('Enter')
    await expect
      .poll(() => detail.getByTestId('entity-detail-name').innerText())
      .toBe('Islamic Republic of Iran')

    const alias = detail.getByTestId('alias-input')
    for (const a of ['Iran', 'Persia']) {
      await alias.fill(a)
      await alias.press('Enter')
    }
    await expect.poll(() => detail.getByTestId('alias-chip').count()).toBe(2)
    await detail.getByRole('button', { name: 'Remove alias Persia' }).click()
    await detail.getByTestId('entity-kind').selectOption('other')
    await detail.getByTestId('entity-description').fill('Party to the conflict.')
    await detail.getByTestId('entity-description').press('Tab')
    await expect
      .poll(() => entityRows(page))
      .toEqual([
        { name: 'Islamic Republic of Iran', counts: '1 mention · 1 doc', sub: 'Other · Iran' },
      ])

    // Each edit was its own undoable action: undo the description and the kind.
    await page.getByTestId('undo').click()
    await expect.poll(() => detail.getByTestId('entity-description').inputValue()).toBe('')
    await page.getByTestId('undo').click()
    await expect.poll(() => entityRows(page).then((r) => r[0]?.sub)).toBe('State · Iran')
  })
})
