import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The dependency direction is a build rule, not a convention:
//   app → {server, components, lib};  server → lib;  components → lib;  lib → nothing of ours.
// lib/ is also isomorphic: no React, Next, or Node built-ins.
const ours = (dir) => [`@/${dir}`, `@/${dir}/*`, `**/${dir}/*`, `../${dir}/*`, `../../${dir}/*`];
const banned = (dirs, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: dirs.flatMap(ours), message }] }],
});

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', '.stack/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['components/**'], rules: banned(['server', 'app'], 'components/ may import only lib/ (the BFF is server-only).') },
  { files: ['server/**'], rules: banned(['app', 'components'], 'server/ may import only lib/.') },
  {
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['server', 'app', 'components'].flatMap(ours), message: 'lib/ imports nothing of ours.' },
            { group: ['react', 'react-dom', 'next', 'next/*', 'node:*', 'fs', 'path', 'child_process', 'server-only'], message: 'lib/ is pure and isomorphic.' },
          ],
        },
      ],
    },
  },
  { files: ['demo/**', 'deploy/**', 'bench/**', 'e2e/**', '*.mjs', '*.mts'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
