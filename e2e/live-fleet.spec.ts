import { cellText, expect, parsePercent, serviceRow, servicesTable, test } from './fixtures';
import { fleetControl } from './fleet-control';

/**
 * The dashboard follows the real fleet live: a fault injected through the fleet's control API turns the
 * service red on the open page (no reload), and an instance that leaves the registry drops out of the
 * instance count. The control port is the one playwright.config.ts gives demo.sh.
 */

test.describe('live fleet', () => {
  test('an injected fault turns the service critical on the open page', async ({ page }) => {
    // A one-minute window reacts within a few scrapes; refresh=5s picks it up without a reload.
    await page.goto('/services?from=now-1m&refresh=5s');
    const table = servicesTable(page);
    const payments = serviceRow(page, 'payments');
    await expect(payments).toBeVisible();
    try {
      await fleetControl('POST', '/faults', { service: 'payments', errorRate: 1 });
      await expect(async () => {
        expect(parsePercent(await cellText(table, payments, 'Error %'))).toBeGreaterThan(50);
        expect(await cellText(table, payments, 'Health')).toContain('Critical');
      }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
      // The failure spreads: checkout answers 502 when payments fails.
      await expect(async () => {
        expect(parsePercent(await cellText(table, serviceRow(page, 'checkout'), 'Error %'))).toBeGreaterThan(5);
      }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });
    } finally {
      await fleetControl('DELETE', '/faults/payments');
    }
  });

  test('an instance that stops leaves the registry and the instance count', async ({ page }) => {
    await page.goto('/services?refresh=5s');
    const table = servicesTable(page);
    const catalog = serviceRow(page, 'catalog');
    await expect(async () => expect(await cellText(table, catalog, 'Instances')).toBe('2')).toPass({ timeout: 30_000 });
    try {
      await fleetControl('POST', '/instances/catalog/stop');
      await expect(async () => expect(await cellText(table, catalog, 'Instances')).toBe('1')).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
    } finally {
      await fleetControl('POST', '/instances/catalog/start');
    }
    await expect(async () => expect(await cellText(table, catalog, 'Instances')).toBe('2')).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
  });
});
