import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'storybook-static/', '.cache/', '**/custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['packages/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'examples/**/*.ts', '.storybook/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'examples/**/*.ts', '.storybook/**/*.ts'],
    ...wc.configs['flat/recommended'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Its page functions run in Chromium.
    files: ['scripts/screenshots.mjs', 'scripts/smart-tests.mjs', 'scripts/lib/host-apps/drive.mjs', 'scripts/bench/navigation.mjs', 'scripts/scale/page-reader.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['examples/**/*.js', 'scripts/lib/smart/ehr/*.js', 'test/hosts/app/**/*.js', 'scripts/bench/navigation/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/hosts/webpack/*.js', 'scripts/bench/navigation/vite.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.mocha },
    // Chai's property assertions (expect(x).to.exist) are expressions.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Units small enough to read at once (issue 16): no function over 60 lines (blank lines and
    // comments not counted), no file over 400 lines, no line over 120 characters (Prettier wraps
    // code; comments and templates are wrapped by hand).
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-len': ['error', { code: 120, ignoreUrls: true }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Elements are registered in their own side-effect modules, not where the class is defined.
      'wc/define-tag-after-class-definition': 'off',
    },
  },
);
