import type { Locator, Page } from '@playwright/test';
import { NOT_FOUND_LOAD, expect, test } from './fixtures';
import { fleetControl } from './fleet-control';

/**
 * The SLO pages against the demo fleet and its specs (deploy/slo/demo.yaml in our format,
 * demo-sloth.yaml in Sloth's): the list, filters in the URL, one SLO's tiles and charts, and an
 * injected fault that makes an SLO burn on the open page.
 */
const DEMO_SLOS = ['Gateway availability', 'Checkout \u2192 payments calls', 'Checkout latency under 0.5 s', 'Catalog availability', 'charges-availability', 'charges-latency'];

const slosTable = (page: Page) => page.getByRole('table', { name: 'SLOs' });
const sloNames = (page: Page) => slosTable(page).locator('tbody tr th[scope="row"] a').allInnerTexts();

/** The value of the tile labelled `label` in the SLO numbers. */
const tile = (page: Page, label: string): Locator =>
  page
    .locator('dl[aria-label="SLO numbers"] > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd')
    .first();

/** "12.3×" → 12.3, "< 0.01×" → 0.005, "—" → null. */
function parseBurn(text: string): number | null {
  if (text.startsWith('<')) return 0.005;
  const m = /^(-?[\d.]+)\u00d7$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** "42 %" / "-12 %" / "< 0.01 %" → ratio percent number; "—" → null. */
function parsePct(text: string): number | null {
  if (text.startsWith('<')) return 0.005;
  const m = /^(-?[\d.]+) %$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

test.describe('SLOs', () => {
  test('lists the demo SLOs, worst budget first, from the header nav', async ({ page }) => {
    await page.goto('/services');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLOs' }).click();
    await expect(page).toHaveURL(/\/slos(\?|$)/);
    await expect(page.getByRole('heading', { name: 'SLOs', level: 1 })).toBeVisible();
    await expect(async () => expect((await sloNames(page)).sort()).toEqual([...DEMO_SLOS].sort())).toPass({ timeout: 30_000 });
    await expect(slosTable(page).getByRole('columnheader', { name: /Budget left/ })).toHaveAttribute('aria-sort', 'ascending');
    // No spec problems in the demo's specs.
    await expect(page.getByRole('status', { name: 'SLO spec problems' })).toHaveCount(0);
  });

  test('keeps the filters in the URL', async ({ page }) => {
    await page.goto('/slos');
    await expect(slosTable(page).getByRole('link', { name: 'Gateway availability' })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel('Service', { exact: true }).selectOption('payments');
    await expect(page).toHaveURL(/[?&]service=payments/);
    await expect(async () => expect((await sloNames(page)).sort()).toEqual(['Checkout \u2192 payments calls', 'charges-availability', 'charges-latency'])).toPass();

    await page.reload();
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue('payments');
    await expect(async () => expect(await sloNames(page)).toHaveLength(3)).toPass({ timeout: 30_000 });

    await page.getByLabel('Service', { exact: true }).selectOption('');
    await page.getByLabel('Team', { exact: true }).selectOption('edge');
    await expect(page).toHaveURL(/[?&]team=edge/);
    await expect(page).not.toHaveURL(/service=/);
    await expect(async () => expect(await sloNames(page)).toEqual(['Gateway availability'])).toPass();

    await page.getByLabel('Team', { exact: true }).selectOption('');
    await page.getByRole('searchbox').fill('latency');
    await expect(page).toHaveURL(/[?&]q=latency/);
    await expect(async () => expect((await sloNames(page)).sort()).toEqual(['Checkout latency under 0.5 s', 'charges-latency'])).toPass();
    await page.goBack();
    await expect(page.getByLabel('Team', { exact: true })).toHaveValue('edge');
  });

  test('an SLO page shows tiles, charts with summaries, alerts, attribution and the spec', async ({ page }) => {
    // refresh=5s: the charts fill in while the young fleet's first samples arrive.
    await page.goto('/slos?refresh=5s');
    await slosTable(page).getByRole('link', { name: 'Gateway availability' }).click();
    await expect(page).toHaveURL(/\/slos\/gateway-availability\?refresh=5s$/);
    await expect(page.getByRole('heading', { name: 'Gateway availability', level: 1 })).toBeVisible();
    await expect(tile(page, 'Objective')).toHaveText('99.5 %');
    await expect(tile(page, 'SLI')).toHaveText(/%$/, { timeout: 30_000 });

    // The default burn range (24 h) has a 2-minute grid: a fleet a minute old has no point on it yet;
    // 6 hours (30-second grid) shows the first burn within a minute.
    await page.getByLabel('Range', { exact: true }).selectOption('6h');
    await expect(page).toHaveURL(/[?&]burn=6h/);
    const budget = page.getByRole('img', { name: /^Error budget remaining of Gateway availability over its window \(30 days\)/ });
    const burn = page.getByRole('img', { name: /^Burn rate of Gateway availability per window/ });
    await expect(budget.locator('canvas')).toBeVisible({ timeout: 60_000 });
    await expect(burn.locator('canvas')).toBeVisible({ timeout: 90_000 });
    await expect(burn).toHaveAttribute('aria-label', /page 14\.4\u00d7 \(1h\/5m\).*ticket 1\u00d7 \(3d\/6h\)/);

    const alerts = page.getByRole('table', { name: 'Alert rules' });
    await expect(alerts.getByRole('row')).toHaveCount(5);
    await expect(alerts.getByRole('rowheader', { name: 'page' })).toHaveCount(2);

    const attribution = page.getByRole('region', { name: 'Budget attribution' });
    await expect(attribution.getByText(/gateway failed|gateway made no calls|No server-side/).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('Spec as YAML')).toContainText('objective: 0.995');
    await expect(page.getByRole('region', { name: 'Spec' })).toContainText('deploy/slo/demo.yaml');
    const rules = page.getByRole('link', { name: 'Download Prometheus rules' });
    await expect(rules).toHaveAttribute('href', '/api/v1/slos/rules?id=gateway-availability');
    const file = await page.request.get('/api/v1/slos/rules?id=gateway-availability');
    expect(file.ok()).toBe(true);
    expect(await file.text()).toMatch(/slo_id: gateway-availability[\s\S]*alert: SloErrorBudgetBurn/);
    // The RED charts of the service.
    await expect(page.getByRole('img', { name: /Requests per second of gateway/ })).toBeVisible({ timeout: 60_000 });

    // The burn range and attribution window live in the URL.
    await page.getByLabel('Range', { exact: true }).selectOption('window');
    await expect(page).toHaveURL(/[?&]burn=window/);
    await page.getByLabel('Range', { exact: true }).selectOption('1d');
    await expect(page).not.toHaveURL(/burn=/);
    await attribution.getByLabel('Over').selectOption('1h');
    await expect(page).toHaveURL(/[?&]attr=1h/);

    const measures = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('slo-chart:')).map((m) => `${m.name} ${m.duration.toFixed(1)} ms`));
    console.log(`[slos.spec] chart render (new option → ECharts finished): ${measures.join(', ')}`);
  });

  test('a fault injected into payments makes its SLO burn on the open page', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto('/slos/payments-charges-availability?refresh=5s&burn=6h');
    await expect(tile(page, 'Burn rate')).toHaveText(/\u00d7$/, { timeout: 60_000 });
    const before = {
      burn: parseBurn(await tile(page, 'Burn rate').innerText()) ?? 0,
      budget: parsePct(await tile(page, 'Budget remaining').innerText()) ?? 100,
    };
    try {
      await fleetControl('POST', '/faults', { service: 'payments', errorRate: 0.9 });
      await expect(async () => {
        const burn = parseBurn(await tile(page, 'Burn rate').innerText());
        expect(burn).not.toBeNull();
        expect(burn!).toBeGreaterThan(Math.max(3, before.burn * 1.5));
      }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
      await expect(async () => {
        const state = await page.getByRole('heading', { level: 1 }).locator('..').innerText();
        expect(state).toMatch(/Ticket|Paging/);
        expect(parsePct(await tile(page, 'Budget remaining').innerText())!).toBeLessThan(before.budget);
      }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
      await expect(page.getByRole('table', { name: 'Alert rules' }).getByRole('cell', { name: 'Firing', exact: true }).first()).toBeVisible();
    } finally {
      await fleetControl('DELETE', '/faults/payments');
    }
  });
});

test.describe('unknown SLO', () => {
  // Every panel asks the API, which answers 404 for the id; Chromium logs each 4xx load.
  test.use({ allowedConsoleErrors: [{ text: NOT_FOUND_LOAD, url: /\/api\/v1\/slos\/no-such-slo/ }] });

  test('says so, with a way back to the list', async ({ page }) => {
    await page.goto('/slos/no-such-slo');
    await expect(page.getByText('No SLO "no-such-slo"')).toBeVisible();
    await page.getByRole('link', { name: 'All SLOs' }).last().click();
    await expect(page.getByRole('heading', { name: 'SLOs', level: 1 })).toBeVisible();
  });
});
