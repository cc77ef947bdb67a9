// ESLint configuration, run by `npm run lint` (and so by .ci/run). It lives here rather than as an
// eslint.config.mjs at the top of the repository because the top level is fixed; the npm script
// passes it with --config, and the patterns below are relative to the repository root, where the
// script runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const UNTYPED_ROWS_ALLOWED = Object.fromEntries(
  ['assignment', 'member-access', 'call', 'return', 'argument'].map((r) => [`@typescript-eslint/no-unsafe-${r}`, 'off']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: process.cwd() },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A cycle between modules means the dependency arrows no longer point one way.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // A leading underscore marks a parameter kept for its position, and a rest sibling is how a
      // field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Knex's builder callbacks return the builder, which is thenable though nobody awaits it, and
      // Express 5 awaits a handler's promise and passes its rejection on; a promise as an argument
      // is therefore not checked. Conditions, spread and attributes still are.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // The tests read rows, JSON and responses as any on purpose (supertest's body, knex's rows) and
    // then assert on them; an untyped value there fails the test instead of reaching a user.
    files: ['test/**/*.ts'],
    rules: UNTYPED_ROWS_ALLOWED,
  },
  {
    // These files still take knex's untyped rows (or an untyped request body) as they come. Each
    // leaves this list once its rows are parsed with a schema where they come in; no file joins it.
    files: [
      'src/campaigns/campaigns.repo.ts',
      'src/campaigns/campaigns.routes.ts',
      'src/campaigns/targets.repo.ts',
      'src/campaigns/targets.routes.ts',
      'src/campaigns/targets.service.ts',
      'src/db/index.ts',
      'src/officials/import/import.repo.ts',
      'src/officials/imports.routes.ts',
      'src/officials/official-page.service.ts',
      'src/officials/officials.repo.ts',
      'src/officials/officials.routes.ts',
    ],
    rules: UNTYPED_ROWS_ALLOWED,
  },
  {
    // The browser scripts are plain JavaScript, outside the TypeScript project.
    files: ['src/public/js/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', globals: Object.fromEntries(['window', 'document', 'fetch', 'Event', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly'])) },
  },
  {
    files: ['test/e2e/jest.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
