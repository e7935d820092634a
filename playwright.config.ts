import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the demo fleet that
 * deploy/demo.sh starts on its own ports, so a developer's `npm run demo` on the default ports keeps
 * running alongside. `npm test` builds once before Playwright; DEMO_SKIP_BUILD makes demo.sh reuse it.
 */
const PORT = 13000;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The fleet starts fresh: some specs wait up to a minute for the first rates to appear.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '.stack/reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'bash deploy/demo.sh',
    url: `http://127.0.0.1:${PORT}/api/readyz`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    // Without this Playwright SIGKILLs the process group; demo.sh's trap then cannot stop the backends
    // in order (its watchdog still would, but later).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DEMO_PORT: String(PORT),
      PROM_PORT: '19190',
      AM_PORT: '19193',
      ETCD_PORT: '12479',
      DEMO_BASE_PORT: '18300',
      DEMO_CONTROL_PORT: '18299',
      DEMO_GRPC_PORT: '18298',
      STACK_DIR: '.stack/e2e',
      DEMO_SKIP_BUILD: '1',
    },
  },
});
