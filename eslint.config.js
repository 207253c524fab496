import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/**
 * Import boundaries (as bulletproof-react's zones): a feature imports the shared
 * layers (url-state, components, lib, api, contract) and never another feature;
 * the shared layers import neither features nor the app. Features are the folders
 * of src/features, so a new one is covered without editing this file.
 */
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const SHARED_LAYERS = ['api', 'components', 'contract', 'lib', 'url-state'];
const importsOf = (names) => `^(\\.{1,2}/)+(features/)?(${names.join('|')})(/|$)`;
const boundaries = [
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: importsOf(FEATURES.filter((f) => f !== feature)),
              message: `Features do not import each other: move what ${feature} needs into a shared layer (${SHARED_LAYERS.join(', ')}).`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: SHARED_LAYERS.map((layer) => `src/${layer}/**/*.{ts,tsx}`),
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.{1,2}/)+(features|app)(/|$)',
              message: 'Shared layers do not import features or the app: pass what they need in.',
            },
          ],
        },
      ],
    },
  },
  // lib is the bottom layer beside contract: pure helpers and types that the
  // api, components and url-state layers build on, never the other way round.
  // (A later block replaces the rule's options, so it repeats the one above.)
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.{1,2}/)+(features|app)(/|$)',
              message: 'Shared layers do not import features or the app: pass what they need in.',
            },
            {
              regex: '^(\\.{1,2}/)+(api|components|url-state)(/|$)',
              message: 'lib imports only contract and lib: move the type or helper into lib, or pass it in.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', '.data', 'test-results', 'playwright-report', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended-strict'],
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  // No source file over 700 lines (aim for about 400): split a longer one by concern.
  { files: ['**/*.{ts,tsx,js,mjs}'], rules: { 'max-lines': ['error', { max: 700 }] } },
  ...boundaries,
);
