/**
 * Lint rules, including the architecture's boundaries (CONVENTIONS.md habit 2, DESIGN.md
 * "Architecture"). The renderer never imports Electron or Node, domain code never imports
 * React or Dexie and never touches the DOM or browser storage (`no-restricted-globals`: a
 * `globals: {}` block cannot take away globals an earlier block gave), only `src/db/` imports
 * Dexie, only the sanitiser touches DOMPurify, and no JSX sets `dangerouslySetInnerHTML`.
 *
 * The app's own layers are lint zones, lowest first: domain ← db ← services (import, search,
 * suggest, briefing, figures, graph-layout) ← ui ← features ← app, with platform (the bridge to
 * the desktop or the browser) reachable from services up. `ui` is what every feature shares
 * and the shell sets up: the app's small stores (selection, view, notices), the command bus,
 * the dialog, error wording. A folder may import its own layer and
 * the layers below it, never one above: `LAYERS` names the folders of each layer and
 * `FORBIDDEN` what each may not import. The zones are `no-restricted-imports` regex patterns on
 * relative paths (`../features/…`, `../../app`), plus a `no-restricted-syntax` selector for
 * dynamic `import()`, which `no-restricted-imports` does not see; no plugin is needed, and the
 * zone plugins (eslint-plugin-import-x, eslint-plugin-boundaries) would bring a resolver for a
 * rule that path patterns already decide, since `src/` has no path aliases. Test files obey the
 * zones too; only the package rules (Node, Dexie, DOMPurify) are lifted for them.
 * Features never import the app: what they used to reach for there (the app state, commands,
 * the dialog, `errorMessage`) lives in `src/ui/`.
 *
 * `react/no-danger` is not used: eslint-plugin-react declares ESLint ≤ 9 only, and the
 * `no-restricted-syntax` selector below forbids the same attribute without a plugin.
 */
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeImports = {
  regex: '^(electron(/.*)?|node:.*|fs|path|child_process|os)$',
  message: 'The renderer never touches Node or Electron: go through src/platform/.',
}
const dexieImports = {
  group: ['dexie', 'dexie-react-hooks'],
  message: 'Only src/db/ touches IndexedDB: use a repository or hook from src/db/.',
}
const purifyImports = {
  group: ['dompurify'],
  message: 'Only src/import/sanitise.ts imports DOMPurify.',
}
const reactImports = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  message: 'Domain code is pure TypeScript.',
}

/** The folders under src/ that make up each layer. */
export const LAYERS = {
  domain: ['domain'],
  db: ['db'],
  services: [
    'import',
    'search',
    'suggest',
    'briefing',
    'figures',
    'graph-layout',
    'interop',
    'services',
  ],
  platform: ['platform'],
  ui: ['ui'],
  features: ['features'],
  app: ['app'],
}

/** The layers each layer may not import (those above it). */
export const FORBIDDEN = {
  domain: ['db', 'services', 'platform', 'ui', 'features', 'app'],
  db: ['services', 'platform', 'ui', 'features', 'app'],
  platform: ['db', 'services', 'ui', 'features', 'app'],
  services: ['ui', 'features', 'app'],
  ui: ['features', 'app'],
  features: ['app'],
  app: [],
}

/** A relative import that climbs out of the folder and into one of `folders`. */
const climbInto = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`

/** The `no-restricted-imports` pattern that keeps `layer` out of the layers above it. */
function zonePattern(layer) {
  const above = FORBIDDEN[layer]
  if (above.length === 0) return []
  return [
    {
      regex: climbInto(above.flatMap((l) => LAYERS[l])),
      message:
        `${layer} code may not import ${above.join(', ')} (the layers are domain ← db ← ` +
        'services ← ui ← features ← app; see eslint.config.js). Move what both need down a layer.',
    },
  ]
}

const dangerousHtml = {
  selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
  message: 'Render text, not HTML. Only the sanitiser may produce HTML.',
}

/** `no-restricted-syntax` for a layer: no dangerous HTML, no `import()` of a layer above. */
function syntaxRule(layer) {
  const above = FORBIDDEN[layer]
  const selectors = [dangerousHtml]
  if (above.length > 0) {
    // Esquery regex literals: slashes inside are escaped, backslashes are taken as written.
    const regex = climbInto(above.flatMap((l) => LAYERS[l])).replace(/\//g, '\\/')
    selectors.push({
      selector: `ImportExpression[source.value=/${regex}/]`,
      message: `${layer} code may not import() ${above.join(', ')}: see eslint.config.js.`,
    })
  }
  return ['error', ...selectors]
}

/** Package rules by layer (the test files of every layer are exempt from these). */
const packagePatterns = {
  domain: [nodeImports, dexieImports, purifyImports, reactImports],
  db: [nodeImports, purifyImports],
  services: [nodeImports, dexieImports, purifyImports],
  platform: [nodeImports, dexieImports, purifyImports],
  ui: [nodeImports, dexieImports, purifyImports],
  features: [nodeImports, dexieImports, purifyImports],
  app: [nodeImports, dexieImports, purifyImports],
}

const TESTS = 'src/**/*.test.{ts,tsx}'
const filesOf = (layer) => LAYERS[layer].map((folder) => `src/${folder}/**/*.{ts,tsx}`)

/** One block for a layer's code and one for its tests. */
function zoneBlocks(layer) {
  return [
    {
      files: filesOf(layer),
      ignores: [TESTS],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [...packagePatterns[layer], ...zonePattern(layer)] },
        ],
        'no-restricted-syntax': syntaxRule(layer),
      },
    },
    {
      files: LAYERS[layer].map((folder) => `src/${folder}/**/*.test.{ts,tsx}`),
      rules: {
        'no-restricted-imports':
          FORBIDDEN[layer].length > 0 ? ['error', { patterns: zonePattern(layer) }] : 'off',
        'no-restricted-syntax': syntaxRule(layer),
      },
    },
  ]
}

/** What domain code may not reach for: the DOM, the browser's storage and network. */
const browserGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'caches',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'self',
  'requestAnimationFrame',
  'alert',
  'confirm',
  'prompt',
  'DOMParser',
  'HTMLElement',
  'Element',
  'Image',
  'Worker',
].map((name) => ({
  name,
  message: 'Domain code is pure TypeScript: no DOM, no browser storage or network.',
}))

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'coverage/**', 'src/import/fixtures/**', 'dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [nodeImports, dexieImports, purifyImports] }],
      'no-restricted-syntax': ['error', dangerousHtml],
    },
  },
  {
    files: [TESTS],
    rules: { 'no-restricted-imports': 'off' },
  },
  ...Object.keys(LAYERS).flatMap(zoneBlocks),
  {
    files: ['src/import/sanitise.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeImports, dexieImports, ...zonePattern('services')] },
      ],
    },
  },
  {
    files: ['src/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...browserGlobals],
      '@typescript-eslint/no-restricted-types': [
        'error',
        {
          types: Object.fromEntries(
            ['Window', 'Document', 'HTMLElement', 'Element', 'Storage'].map((name) => [
              name,
              'Domain code is pure TypeScript: no DOM types.',
            ]),
          ),
        },
      ],
    },
  },
)
