import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '**/dist/', 'src/app/functions/*.js', '.bant/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', AbortController: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@hubspot/*', 'node:*', 'react', 'fs', 'http', 'https', 'path', 'process'], message: 'The scoring engine is pure: no IO, no HubSpot, no React.' },
          { group: ['../*', '!./*'], message: 'The engine imports nothing outside its folder.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The engine does no IO.' }, { name: 'process', message: 'The engine reads no environment.' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '`now` is a parameter of the engine, never the clock.' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '`now` is a parameter of the engine, never the clock.' }],
    },
  },
  {
    files: ['src/committee/**/*.ts', 'src/stages/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@hubspot/*', 'node:*', 'react', 'fs', 'http', 'https', 'path', 'process'], message: 'Roll-ups and stage moves are pure: no IO, no HubSpot, no React.' },
          { group: ['../*', '!../engine', '!./*'], message: 'A pure folder imports only the engine and its own files.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'This folder does no IO.' }, { name: 'process', message: 'This folder reads no environment.' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '`now` is a parameter, never the clock.' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '`now` is a parameter, never the clock.' }],
    },
  },
  ...[['src/i18n/*.ts', '../*'], ['src/i18n/catalogs/*.ts', '../../*']].map(([files, outside]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@hubspot/*', 'node:*', 'react', 'fs', 'http', 'https', 'path', 'process'], message: 'The message catalogs and formatting are pure: no IO, no HubSpot, no React.' },
          { group: [outside], message: 'src/i18n imports nothing outside its folder, so the card can share it as a package.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/i18n does no IO.' }, { name: 'process', message: 'src/i18n reads no environment.' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '`now` is a parameter, never the clock.' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '`now` is a parameter, never the clock.' }],
    },
  })),
);
