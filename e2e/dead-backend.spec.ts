import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, serviceRow, servicesTable, cellText, test } from './fixtures';

/**
 * Errors are data: with the demo's real Prometheus stopped, the services page still lists every service
 * the registry knows and says which backend failed and why; when Prometheus is back, numbers return.
 * Ports and state directory are the ones playwright.config.ts gives demo.sh.
 */
const STACK_DIR = '.stack/e2e';
const stackEnv = { ...process.env, STACK_DIR, COMPONENTS: 'prometheus', PROM_PORT: '19190', AM_PORT: '19193', DEMO_PORT: '13000' };

function stopPrometheus(): void {
  const pid = Number(readFileSync(`${STACK_DIR}/pids/prometheus.pid`, 'utf8'));
  process.kill(pid, 'SIGTERM');
}

test('a dead Prometheus is named on the page while the registry still lists the fleet', async ({ page }) => {
  await page.goto('/services?from=now-5m&refresh=5s');
  const table = servicesTable(page);
  await expect(serviceRow(page, 'gateway')).toBeVisible();
  stopPrometheus();
  try {
    const banner = page.getByRole('status', { name: 'Backend problems' });
    await expect(banner).toContainText(/Prometheus unavailable: ECONNREFUSED/, { timeout: 30_000 });
    // Still listed from etcd, with "no data" rather than a misleading zero.
    await expect(serviceRow(page, 'gateway')).toBeVisible();
    expect(await cellText(table, serviceRow(page, 'gateway'), 'Req/s')).toBe('—');
    expect(await cellText(table, serviceRow(page, 'catalog'), 'Instances')).toBe('2');
  } finally {
    execFileSync('bash', ['deploy/local-stack.sh', 'up'], { env: stackEnv, stdio: 'ignore' });
  }
  await expect(page.getByRole('status', { name: 'Backend problems' })).toBeHidden({ timeout: 30_000 });
  await expect(async () => expect(await cellText(table, serviceRow(page, 'gateway'), 'Req/s')).toMatch(/req\/s$/)).toPass({ timeout: 30_000 });
});
