import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // Next enforces `server-only` at compile time; in tests it is an empty module.
    alias: { 'server-only': fileURLToPath(new URL('./server/testing/server-only-stub.ts', import.meta.url)) },
  },
  test: {
    include: ['{app,lib,server,components,demo,deploy,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    globalSetup: ['./server/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: '.stack/reports/vitest.json' },
  },
});
