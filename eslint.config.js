/**
 * Lint rules, including the architecture's boundaries (CONVENTIONS.md habit 2): the
 * renderer never imports Electron or Node, domain code never imports React, Dexie or the
 * DOM, only `src/db/` imports Dexie, and only the sanitiser touches DOMPurify.
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

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'coverage/**', 'src/import/fixtures/**'],
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
      'react/no-danger': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render text, not HTML. Only the sanitiser may produce HTML.',
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeImports, purifyImports] }],
    },
  },
  {
    files: ['src/import/sanitise.ts', 'src/import/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeImports, dexieImports] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeImports,
            dexieImports,
            purifyImports,
            {
              group: ['react', 'react-dom', 'react/*'],
              message: 'Domain code is pure TypeScript.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
)
