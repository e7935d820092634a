import type { Locator, Page } from '@playwright/test';
import { expect, parsePercent, parseRate, test } from './fixtures';
import { fleetControl } from './fleet-control';

/**
 * The topology map against the demo fleet. The map itself is a canvas; what it shows is also in the
 * DOM for screen readers (and these tests): the canvas container's accessible name counts services and
 * calls, a visually hidden list names every service and call with its health, and the side panel is a
 * complementary region named after the selection.
 */
const FLEET = ['gateway', 'catalog', 'cart', 'checkout', 'recommendations', 'users', 'payments', 'inventory', 'shipping', 'email'];
const ARROW = '\u2192';

const map = (page: Page) => page.getByRole('img', { name: /^Service topology:/ });
const servicesOnMap = (page: Page) => page.getByRole('list', { name: 'Services on the map' });
const callsOnMap = (page: Page) => page.getByRole('list', { name: 'Calls on the map' });
const panel = (page: Page, name: string) => page.getByRole('complementary', { name, exact: true });

/** Value of a <dt>label</dt><dd>value</dd> pair in the side panel. */
async function stat(region: Locator, label: string): Promise<string> {
  return (await region.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

async function namesOnMap(page: Page): Promise<string[]> {
  return (await servicesOnMap(page).locator('li[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''))).sort();
}

test.describe('topology map', () => {
  test('shows the fleet: every service and its calls, on a canvas with an accessible summary', async ({ page }) => {
    await page.goto('/topology?refresh=5s');
    await expect(page.getByRole('heading', { name: 'Topology', level: 1 })).toBeVisible();
    await expect(map(page)).toHaveAttribute('aria-label', /^Service topology: 10 services, \d+ calls?$/);
    await expect(map(page).locator('canvas').first()).toBeVisible();
    expect(await namesOnMap(page)).toEqual([...FLEET].sort());
    // The fleet starts fresh with this run: calls appear as the first client metrics are scraped.
    await expect(async () => {
      const calls = await callsOnMap(page).locator('li[data-edge]').evaluateAll((els) => els.map((e) => e.getAttribute('data-edge')));
      for (const e of ['gateway\u2192checkout', 'checkout\u2192payments', 'catalog\u2192inventory']) expect(calls).toContain(e);
    }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
    // email is registered but nobody calls it: idle, with no calls.
    await expect(servicesOnMap(page).locator('li[data-node="email"]')).toHaveAttribute('data-health', 'idle');
    await expect(page.getByRole('link', { name: 'Topology' })).toHaveAttribute('aria-current', 'page');
  });

  test('search with autocomplete selects a service: side panel with numbers and callers, selection in the URL', async ({ page }) => {
    await page.goto('/topology?refresh=5s');
    await expect(map(page)).toHaveAttribute('aria-label', /10 services/);
    const search = page.getByRole('combobox', { name: 'Search services' });
    await search.fill('pay');
    const option = page.getByRole('listbox', { name: 'Matching services' }).getByRole('option', { name: /^payments/ });
    await expect(option).toBeVisible();
    await expect(search).toHaveAttribute('aria-expanded', 'true');
    await search.press('Enter');

    await expect(page).toHaveURL(/[?&]sel=payments(&|$)/);
    const details = panel(page, 'payments');
    await expect(details).toBeVisible();
    await expect(async () => {
      expect(parseRate(await stat(details, 'Requests'))).toBeGreaterThan(0);
      expect(parsePercent(await stat(details, 'Errors'))).not.toBeNull();
      expect(await stat(details, 'p95')).toMatch(/^[\d.]+ (ms|s|µs)$/);
      await expect(details.getByRole('list', { name: /^Callers/ }).getByRole('button', { name: 'checkout', exact: true })).toBeVisible();
    }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
    expect(await stat(details, 'Instances')).toBe('1');
    await expect(details.getByRole('link', { name: 'Open service page' })).toHaveAttribute('href', /^\/services\/payments\?refresh=5s$/);

    // Escape clears the selection.
    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]sel=/);
  });

  test('focus on a service shows only it and its neighbours, hops from the selects, and a reload reproduces the view', async ({ page }) => {
    await page.goto('/topology?sel=payments');
    const details = panel(page, 'payments');
    await expect(details).toBeVisible();
    await expect(map(page)).toHaveAttribute('aria-label', /10 services/);
    // The caller edge must exist before focus can find the neighbour.
    await expect(async () => {
      await page.reload();
      await expect(details.getByRole('list', { name: /^Callers/ })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000, intervals: [2_000, 5_000] });

    await details.getByRole('button', { name: 'Focus on payments' }).click();
    await expect(page).toHaveURL(/[?&]focus=payments(&|$)/);
    await expect(map(page)).toHaveAttribute('aria-label', 'Service topology: 2 services, 1 call');
    expect(await namesOnMap(page)).toEqual(['checkout', 'payments']);

    await page.getByLabel('Upstream').selectOption('2');
    await expect(page).toHaveURL(/[?&]up=2(&|$)/);
    await expect(map(page)).toHaveAttribute('aria-label', 'Service topology: 3 services, 2 calls');
    expect(await namesOnMap(page)).toEqual(['checkout', 'gateway', 'payments']);
    await page.getByLabel('Edge labels').selectOption('errors');
    await expect(page).toHaveURL(/[?&]labels=errors(&|$)/);

    await page.reload();
    await expect(map(page)).toHaveAttribute('aria-label', 'Service topology: 3 services, 2 calls');
    expect(await namesOnMap(page)).toEqual(['checkout', 'gateway', 'payments']);
    await expect(page.getByLabel('Upstream')).toHaveValue('2');
    await expect(page.getByLabel('Edge labels')).toHaveValue('errors');
    await expect(panel(page, 'payments')).toBeVisible();

    await page.getByRole('button', { name: 'Clear focus' }).click();
    await expect(map(page)).toHaveAttribute('aria-label', /^Service topology: 10 services/);
    await expect(page).not.toHaveURL(/[?&]focus=/);
  });

  test('filters and grouping live in the URL', async ({ page }) => {
    await page.goto('/topology?groupBy=team');
    await expect(map(page)).toHaveAttribute('aria-label', /^Service topology: 10 services/);
    await expect(page.getByLabel('Group by')).toHaveValue('team');
    await expect(servicesOnMap(page).locator('li[data-node="payments"]')).toHaveAttribute('data-group', 'payments');
    await expect(servicesOnMap(page).locator('li[data-node="catalog"]')).toHaveAttribute('data-group', 'discovery');

    await page.getByLabel('Show').selectOption('unhealthy');
    await expect(page).toHaveURL(/[?&]filter=unhealthy(&|$)/);
    // What the filter matched is unhealthy; the other ends of unhealthy calls stay, faint, marked as context.
    await expect(async () => {
      const unhealthyCalls = new Set<string>();
      for (const li of await callsOnMap(page).locator('li[data-edge]').all()) {
        expect(['warning', 'critical']).toContain(await li.getAttribute('data-health'));
        for (const end of (await li.getAttribute('data-edge'))!.split(ARROW)) unhealthyCalls.add(end);
      }
      for (const li of await servicesOnMap(page).locator('li[data-node]').all()) {
        const id = (await li.getAttribute('data-node'))!;
        if ((await li.getAttribute('data-context')) === 'true') expect(unhealthyCalls.has(id), `${id} is context for an unhealthy call`).toBe(true);
        else expect(['warning', 'critical'], id).toContain(await li.getAttribute('data-health'));
      }
    }).toPass({ timeout: 15_000 });
    await expect(servicesOnMap(page).locator('li[data-node="email"]')).toHaveCount(0);

    // One team only: its services, and (faint) the other ends of its calls; the link keeps it.
    await page.getByLabel('Show').selectOption('');
    await page.getByLabel('Only team').selectOption('checkout');
    await expect(page).toHaveURL(/[?&]only=checkout(&|$)/);
    await expect(async () => {
      const names = await namesOnMap(page);
      expect(names).toEqual(expect.arrayContaining(['cart', 'checkout']));
      expect(names).not.toContain('users');
      for (const li of await servicesOnMap(page).locator('li[data-node]').all()) {
        if ((await li.getAttribute('data-group')) !== 'checkout') expect(await li.getAttribute('data-context'), `${await li.getAttribute('data-node')} is context`).toBe('true');
      }
    }).toPass({ timeout: 15_000 });
    await page.reload();
    await expect(page.getByLabel('Only team')).toHaveValue('checkout');
    await expect(servicesOnMap(page).locator('li[data-node="users"]')).toHaveCount(0);
  });

  test('a burning SLO shows on its service: errors in catalog burn its availability SLO', async ({ page }) => {
    test.setTimeout(200_000);
    // deploy/slo/demo.yaml: "catalog-availability", 99.9 % over the calendar month. catalog fails nothing
    // at rest, and no other spec fails it (their faults are in payments, whose SLOs they leave burning).
    // At 50 % errors the 5 m and 1 h windows (the demo's whole history) pass the page threshold
    // (14.4 × 0.1 % = 1.44 %) within seconds.
    await page.goto('/topology?from=now-5m&refresh=5s');
    const catalog = servicesOnMap(page).locator('li[data-node="catalog"]');
    await expect(catalog).toHaveAttribute('data-slo-state', /^(ok|no-data)$/, { timeout: 60_000 });
    try {
      await fleetControl('POST', '/faults', { service: 'catalog', errorRate: 0.5 });
      await expect(catalog).toHaveAttribute('data-slo-state', /^(page|ticket)$/, { timeout: 60_000 });
      await page.goto('/topology?from=now-5m&sel=catalog');
      const details = panel(page, 'catalog');
      await expect(details.locator('[data-slo-state]')).toHaveAttribute('data-slo-state', /^(page|ticket)$/);
      await expect(details.getByText(/^1 SLO, burning/)).toBeVisible();
      await details.getByRole('link', { name: 'Open SLO' }).click();
      await expect(page).toHaveURL(/\/slos\/catalog-availability(\?|$)/);
    } finally {
      await fleetControl('DELETE', '/faults/catalog');
    }
  });

  test('an injected fault turns the service critical and its callers’ edge unhealthy within two refreshes', async ({ page }) => {
    await page.goto('/topology?from=now-1m&refresh=5s&sel=payments');
    const details = panel(page, 'payments');
    await expect(details).toBeVisible();
    const edge = callsOnMap(page).locator(`li[data-edge="checkout${ARROW}payments"]`);
    await expect(edge).toBeAttached({ timeout: 60_000 });
    try {
      await fleetControl('POST', '/faults', { service: 'payments', errorRate: 1 });
      await expect(async () => {
        await expect(details).toHaveAttribute('data-health', 'critical', { timeout: 1_000 });
        expect(await details.getByText('Critical', { exact: true }).count()).toBeGreaterThan(0);
        expect(parsePercent(await stat(details, 'Errors'))).toBeGreaterThan(5);
        expect(['critical', 'warning']).toContain(await edge.getAttribute('data-health'));
        // The caller's row in the side panel says the same.
        expect(['critical', 'warning']).toContain(await details.locator(`li[data-edge="checkout${ARROW}payments"]`).getAttribute('data-health'));
        // Two refreshes (2 × 5 s) plus a scrape (2 s), the BFF's cache (2 s) and some slack.
      }).toPass({ timeout: 25_000, intervals: [1_000, 2_000] });
    } finally {
      await fleetControl('DELETE', '/faults/payments');
    }
  });
});
