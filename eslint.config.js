// One flat config: strict type-aware rules for TypeScript, plus a guard that keeps Node built-ins out of
// the code that is bundled into the browser (src/domain and components).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import mocha from 'eslint-plugin-mocha';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'child_process',
  'url',
  'util',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'lib/**',
      'coverage/**',
      '.prm/**',
      'force-app/main/default/staticresources/**',
      'force-app/main/default/lwc/**',
      'force-app/test/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use an `as const` object instead of an enum (DESIGN.md §8).',
        },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces (DESIGN.md §8).' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'components/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'src/domain and components run in the browser: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    plugins: { mocha },
    rules: {
      'mocha/no-nested-tests': 'error',
      'mocha/no-exclusive-tests': 'error',
      'mocha/no-pending-tests': 'error',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
