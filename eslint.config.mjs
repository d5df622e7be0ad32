// Type-aware lint. The engine is the pure core: it may not import Office, React, the DOM or node I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import strings that reach a sibling folder of src/ from anywhere below it. */
const outside = (dirs) => dirs.flatMap((d) => [`../${d}/*`, `../../${d}/*`, `../../../${d}/*`, `../${d}`, `../../${d}`]);
const PURE = {
  group: ['fs', 'node:*', 'path', 'os', 'child_process', 'exceljs', 'react', 'react-dom', '@fluentui/*', 'office-*', '@microsoft/office-js', ...outside(['excel', 'cli', 'taskpane', 'functions', 'workbench', 'xlsx'])],
  message: 'src/engine is pure: no Office, DOM, React or file I/O.',
};
/** Engine folders (and the pipeline) a layer may not import. */
const layer = (dirs, pipeline, message) => ({
  group: [...dirs.flatMap((d) => [`./${d}/*`, `../${d}/*`, `../../${d}/*`, `./${d}`, `../${d}`, `../../${d}`]), ...(pipeline ? ['./assess', '../assess', '../../assess'] : [])],
  message,
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/', 'out/', 'test-output/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  // src/engine is pure, and its layers point inward (README, "Code layout"): the core (types,
  // errors, scheme/, score/, rank/) knows no sheet; ledger/ reads sheets into engine input;
  // checks/ judges a read ledger; report/ builds result sheets; assess.ts is the one pipeline.
  // A later block's no-restricted-imports replaces an earlier one's, so each repeats PURE.
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [PURE] }],
      'no-restricted-globals': ['error', 'document', 'window', 'Office', 'Excel', 'CustomFunctions', 'fetch', 'XMLHttpRequest'],
    },
  },
  {
    files: ['src/engine/types.ts', 'src/engine/errors.ts', 'src/engine/seededRandom.ts', 'src/engine/index.ts', 'src/engine/scheme/**/*.ts', 'src/engine/score/**/*.ts', 'src/engine/rank/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PURE, layer(['ledger', 'checks', 'report'], true, 'the core (scheme, score, rank) knows no sheet')] }] },
  },
  {
    files: ['src/engine/ledger/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PURE, layer(['checks', 'report'], true, 'ledger/ reads sheets into engine input; it does not check or report')] }] },
  },
  {
    files: ['src/engine/checks/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PURE, layer(['report'], true, 'checks/ judges a ledger; result sheets are report/')] }] },
  },
  {
    files: ['src/engine/report/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PURE, layer(['checks'], true, 'report/ builds results from a ranking; checks run in the pipeline')] }] },
  },
  {
    files: ['src/functions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: outside(['excel', 'taskpane', 'cli', 'workbench']), message: 'Custom functions are thin wrappers over the engine.' }] }] },
  },
  {
    files: ['src/excel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: outside(['taskpane', 'cli', 'workbench', 'functions']), message: 'src/excel is the Office.js port; the pane uses it, not the other way.' }] }] },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
