import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, parsePercent, parseRate, test } from './fixtures';

/**
 * The topology side panel's RED sparklines against the demo fleet. A sparkline is a canvas; its
 * accessible name says what it shows and its latest number ("Requests per second of payments, last 15
 * minutes: latest 4.2 req/s"), which is what these tests read.
 */
const ARROW = '\u2192';
const map = (page: Page) => page.getByRole('img', { name: /^Service topology:/ });
const panel = (page: Page, name: string) => page.getByRole('complementary', { name, exact: true });
/** The demo's Prometheus, as playwright.config.ts starts it (see dead-backend.spec.ts). */
const STACK_DIR = '.stack/e2e';
const stackEnv = { ...process.env, STACK_DIR, COMPONENTS: 'prometheus', PROM_PORT: '19190', AM_PORT: '19193', DEMO_PORT: '13000' };
const stopPrometheus = () => process.kill(Number(readFileSync(`${STACK_DIR}/pids/prometheus.pid`, 'utf8')), 'SIGTERM');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The three sparklines of `subject` with their latest values parsed; passes only once all three are drawn. */
async function expectSparklines(region: Locator, subject: string): Promise<{ rate: number; errorsPct: number; p95: string }> {
  const chart = (what: string) => region.getByRole('img', { name: new RegExp(`^${escape(what)} of ${escape(subject)}, last 15 minutes: latest `) });
  const latest = async (what: string) => {
    const c = chart(what);
    await expect(c.locator('canvas'), `${what} is drawn on a canvas`).toHaveCount(1, { timeout: 1_000 });
    return (await c.getAttribute('aria-label'))!.split(': latest ')[1]!;
  };
  let out = { rate: 0, errorsPct: 0, p95: '' };
  await expect(async () => {
    const rate = parseRate(await latest('Requests per second'));
    const errorsPct = parsePercent(await latest('Error percentage'));
    const p95 = await latest('p95 latency');
    expect(rate).toBeGreaterThan(0);
    expect(errorsPct).not.toBeNull();
    expect(p95).toMatch(/^[\d.]+ (µs|ms|s)$/);
    out = { rate: rate!, errorsPct: errorsPct!, p95 };
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
  // The numbers are also in plain sight, next to each chart's title.
  await expect(region.locator('[data-chart="rate"]')).toContainText(/Requests\s*[\d.]+k? req\/s/);
  return out;
}

test.describe('topology side panel charts', () => {
  test('a selected service shows its requests, errors and p95 as sparklines, and its page is one click away', async ({ page }) => {
    await page.goto('/topology?refresh=5s');
    await expect(map(page)).toHaveAttribute('aria-label', /10 services/);
    const search = page.getByRole('combobox', { name: 'Search services' });
    await search.fill('pay');
    await expect(page.getByRole('listbox', { name: 'Matching services' }).getByRole('option', { name: /^payments/ })).toBeVisible();
    await search.press('Enter');

    const details = panel(page, 'payments');
    await expect(details).toBeVisible();
    await expect(details.getByRole('heading', { name: 'Trend · Last 15 minutes' })).toBeVisible();
    await expectSparklines(details, 'payments');

    await details.getByRole('link', { name: 'Open service page' }).click();
    await expect(page).toHaveURL(/\/services\/payments\?refresh=5s$/);
    await expect(page.getByRole('heading', { name: 'payments', level: 1 })).toBeVisible();
  });

  test('a selected call shows the caller’s measurements of it, and links to both services', async ({ page }) => {
    await page.goto('/topology?refresh=5s&sel=payments');
    const payments = panel(page, 'payments');
    await expect(payments).toBeVisible();
    // The fleet starts fresh with this run: the call appears once the first client metrics are scraped.
    const row = payments.locator(`li[data-edge="checkout${ARROW}payments"]`);
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.getByTitle('Select this call').click();

    await expect(page).toHaveURL(new RegExp(`[?&]sel=checkout(${ARROW}|%E2%86%92)payments(&|$)`));
    const call = panel(page, `checkout ${ARROW} payments`);
    await expect(call).toBeVisible();
    await expectSparklines(call, `checkout ${ARROW} payments`);

    await expect(call.getByRole('link', { name: 'Open checkout page' })).toHaveAttribute('href', /^\/services\/checkout\?refresh=5s$/);
    await call.getByRole('link', { name: 'Open payments page' }).click();
    await expect(page).toHaveURL(/\/services\/payments\?refresh=5s$/);
    await expect(page.getByRole('heading', { name: 'payments', level: 1 })).toBeVisible();
  });

  test('a dead Prometheus is named in the charts of the selected service, which come back with it', async ({ page }) => {
    await page.goto('/topology?refresh=5s&sel=payments');
    const details = panel(page, 'payments');
    await expect(details).toBeVisible();
    await expectSparklines(details, 'payments');
    const charts = details.locator('[data-mini-charts="payments"]');
    stopPrometheus();
    try {
      // payments stays on the map (the registry knows it); its charts say which backend failed and why.
      await expect(charts.getByRole('alert')).toContainText(/Prometheus unavailable: .*ECONNREFUSED/, { timeout: 30_000 });
      await expect(charts.getByRole('img', { name: 'Requests per second of payments, last 15 minutes: unavailable' })).toBeVisible();
      await expect(charts.locator('canvas')).toHaveCount(0);
    } finally {
      execFileSync('bash', ['deploy/local-stack.sh', 'up'], { env: stackEnv, stdio: 'ignore' });
    }
    await expect(charts.getByRole('alert')).toBeHidden({ timeout: 30_000 });
    await expectSparklines(details, 'payments');
  });
});
