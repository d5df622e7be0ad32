// Type-aware lint. The engine is the pure core: it may not import Office, React, the DOM or node I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fs', 'node:*', 'path', 'os', 'child_process', 'exceljs', 'react', 'react-dom', '@fluentui/*', 'office-*', '@microsoft/office-js', '../excel/*', '../cli/*', '../taskpane/*', '../functions/*', '../../excel/*', '../../cli/*', '../../taskpane/*', '../../functions/*'], message: 'src/engine is pure: no Office, DOM, React or file I/O.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'Office', 'Excel', 'CustomFunctions', 'fetch', 'XMLHttpRequest'],
    },
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
