import { expect, serviceRow, test } from './fixtures';

test.describe('service detail', () => {
  test('opens from the services table and shows charts, summary and callees', async ({ page }) => {
    await page.goto('/services?refresh=5s');
    await serviceRow(page, 'gateway').getByRole('link', { name: 'gateway', exact: true }).click();
    await expect(page).toHaveURL(/\/services\/gateway(\?|$)/);
    await expect(page.getByRole('heading', { name: 'gateway', level: 1 })).toBeVisible();
    await expect(page.getByRole('definition').first()).toBeVisible();

    // Charts render on canvas once the fleet has a few samples.
    const charts = page.getByRole('img', { name: /of gateway/ });
    await expect(async () => {
      await expect(charts).toHaveCount(3);
      await expect(page.locator('canvas').first()).toBeVisible();
    }).toPass({ timeout: 60_000 });
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3);

    const callees = page.getByRole('table', { name: 'Callees' });
    await expect(callees.getByRole('link').first()).toBeVisible({ timeout: 60_000 });
    const first = callees.getByRole('link').first();
    const callee = (await first.innerText()).trim();
    await first.click();
    await expect(page).toHaveURL(new RegExp(`/services/${callee}(\\?|$)`));
    await expect(page.getByRole('heading', { name: callee, level: 1 })).toBeVisible();
  });

  test('lists instances with their scrape state', async ({ page }) => {
    await page.goto('/services/gateway');
    const instances = page.getByRole('table', { name: 'Instances' });
    await expect(instances.getByRole('row').nth(1)).toBeVisible();
    await expect(instances.getByRole('cell', { name: /^(Up|Down|Not scraped)$/ }).first()).toBeVisible();
  });

  test('dragging across a chart zooms to an absolute range in the URL', async ({ page }) => {
    await page.goto('/services/gateway?from=now-5m');
    const chart = page.getByRole('img', { name: /Requests per second of gateway/ });
    await expect(chart.locator('canvas')).toBeVisible({ timeout: 60_000 });
    const box = (await chart.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
    await page.mouse.up();
    await expect(page).toHaveURL(/[?&]from=\d{13}&to=\d{13}/);
    const url = new URL(page.url());
    expect(Number(url.searchParams.get('to'))).toBeGreaterThan(Number(url.searchParams.get('from')));
    await expect(page.getByRole('button', { name: /Time range: \d{4}-\d\d-\d\d/ })).toBeVisible();
  });
});
