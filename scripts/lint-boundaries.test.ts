/**
 * Checks that the lint zones in `eslint.config.js` hold: ESLint, run with the project's own
 * configuration over small probe sources placed (by name only, nothing is written) in each
 * layer, reports an import of a higher layer, a dynamic `import()` of one, and the DOM in
 * domain code, and lets the allowed directions through.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('layer zones', () => {
  it('a service (briefing) may not import a feature, statically or with import()', async () => {
    const found = await problems(
      'src/briefing/probe.ts',
      "import { graphToSvg } from '../features/graph/export/graph-svg'\n" +
        'export const a = graphToSvg\n' +
        "export const b = () => import('../app/App')\n",
    )
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/^no-restricted-imports: .*services code may not import ui, features/)
    expect(found[1]).toMatch(/^no-restricted-syntax: services code may not import\(\)/)
  })

  it('holds for test files and nested folders too', async () => {
    const found = await problems(
      'src/figures/deep/probe.test.ts',
      "import { GraphPane } from '../../features/graph/GraphPane'\nexport const a = GraphPane\n",
    )
    expect(found.join('\n')).toMatch(/no-restricted-imports/)
  })

  it('keeps domain below db, db below services, and platform out of db', async () => {
    expect(await problems('src/domain/probe.ts', "export * from '../db/db'\n")).toHaveLength(1)
    expect(
      await problems('src/db/probe.ts', "export * from '../search/search-core'\n"),
    ).toHaveLength(1)
    expect(await problems('src/platform/probe.ts', "export * from '../db/db'\n")).toHaveLength(1)
  })

  it('keeps features out of the app, statically or with import()', async () => {
    const found = await problems(
      'src/features/library/probe.tsx',
      "import { App } from '../../app/App'\n" +
        'export const a = App\n' +
        "export const b = () => import('../../app/PaneResizer')\n",
    )
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/^no-restricted-imports: .*features code may not import app/)
    expect(found[1]).toMatch(/^no-restricted-syntax: features code may not import\(\) app/)
  })

  it('keeps ui (stores, commands, dialog) below features and services below ui', async () => {
    expect(
      await problems('src/ui/stores/probe.ts', "export * from '../../features/map/map-bus'\n"),
    ).toHaveLength(1)
    expect(await problems('src/ui/probe.ts', "export * from '../app/App'\n")).toHaveLength(1)
    expect(
      await problems('src/search/probe.ts', "export * from '../ui/stores/selection'\n"),
    ).toHaveLength(1)
  })

  it('lets the allowed directions through', async () => {
    expect(
      await problems(
        'src/briefing/probe.ts',
        "export * from '../figures/figure-kit'\nexport * from '../domain/types'\n",
      ),
    ).toEqual([])
    expect(
      await problems(
        'src/features/graph/probe.ts',
        "export * from '../../figures/figure-kit'\nexport * from '../../db/db'\n",
      ),
    ).toEqual([])
    expect(
      await problems(
        'src/features/graph/probe.ts',
        "export * from '../../ui/stores/view'\nexport * from '../../ui/Dialog'\n",
      ),
    ).toEqual([])
    expect(
      await problems(
        'src/ui/stores/probe.ts',
        "export * from '../../db/settings'\nexport * from '../../platform/platform'\n",
      ),
    ).toEqual([])
    expect(await problems('src/app/probe.ts', "export * from '../ui/stores/reset'\n")).toEqual([])
  })
})

describe('domain purity', () => {
  it('reports the DOM, browser storage and DOM types in domain code', async () => {
    const found = await problems(
      'src/domain/probe.ts',
      "export const el: HTMLElement | null = document.querySelector('p')\n" +
        "export const saved = localStorage.getItem('k')\n",
    )
    expect(found.filter((f) => f.startsWith('no-restricted-globals'))).toHaveLength(2)
    expect(
      found.filter((f) => f.startsWith('@typescript-eslint/no-restricted-types')),
    ).toHaveLength(1)
  })

  it('reports React in domain code but not outside it', async () => {
    const code = "import { useState } from 'react'\nexport const s = useState\n"
    expect(await problems('src/domain/probe.ts', code)).toHaveLength(1)
    expect(await problems('src/features/probe.ts', code)).toEqual([])
  })
})

describe('HTML', () => {
  it('forbids dangerouslySetInnerHTML in every layer', async () => {
    const code = 'export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />\n'
    for (const file of ['src/features/probe.tsx', 'src/app/probe.tsx', 'src/briefing/probe.tsx'])
      expect((await problems(file, code)).join('\n')).toMatch(/Render text, not HTML/)
  })
})
