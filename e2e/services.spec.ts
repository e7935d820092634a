import { cellText, expect, parsePercent, parseRate, serviceNames, serviceRow, servicesTable, test } from './fixtures';

const DEMO = ['gateway', 'catalog', 'checkout', 'payments', 'email'];

test.describe('services page', () => {
  test('lists the demo fleet with live rates, and the idle service as "no traffic"', async ({ page }) => {
    // refresh=5s: the page itself must pick up the fleet's first rates, no reload.
    await page.goto('/services?refresh=5s');
    await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
    for (const name of DEMO) await expect(serviceRow(page, name)).toBeVisible();

    const table = servicesTable(page);
    const gateway = serviceRow(page, 'gateway');
    // The fleet starts fresh with this test run: rates need a few scrapes to exist.
    await expect(async () => {
      expect(parseRate(await cellText(table, gateway, 'Req/s'))).toBeGreaterThan(0);
    }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });

    const email = serviceRow(page, 'email');
    await expect(email.getByText('no traffic')).toBeVisible();
    expect(await cellText(table, email, 'Health')).toContain('Idle');
    expect(await cellText(table, email, 'Req/s')).toBe('0 req/s');
  });

  test('sorts by error % from the column header, both directions, in the URL', async ({ page }) => {
    await page.goto('/services');
    const table = servicesTable(page);
    await expect(serviceRow(page, 'gateway')).toBeVisible();
    const header = table.getByRole('columnheader', { name: 'Error %' });
    await expect(header).not.toHaveAttribute('aria-sort');
    await expect(table.getByRole('columnheader', { name: 'Service' })).toHaveAttribute('aria-sort', 'ascending');
    const byName = await serviceNames(page);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));

    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/[?&]sort=errorRatio&dir=desc/);
    await expect(table.getByRole('columnheader', { name: 'Service' })).not.toHaveAttribute('aria-sort');
    const errorsDesc = await errorColumn(page);
    expect(isSorted(errorsDesc, 'desc')).toBe(true);

    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/[?&]sort=errorRatio&dir=asc/);
    expect(isSorted(await errorColumn(page), 'asc')).toBe(true);

    // The sort is part of the link: a reload keeps it.
    await page.reload();
    await expect(table.getByRole('columnheader', { name: 'Error %' })).toHaveAttribute('aria-sort', 'ascending');
  });

  test('search filters rows and lives in the URL', async ({ page }) => {
    await page.goto('/services');
    await expect(serviceRow(page, 'gateway')).toBeVisible();
    const search = page.getByRole('searchbox', { name: 'Search services' });
    await search.fill('pay');
    await expect(page).toHaveURL(/[?&]q=pay/);
    await expect(serviceRow(page, 'payments')).toBeVisible();
    await expect(serviceRow(page, 'gateway')).toHaveCount(0);
    for (const name of await serviceNames(page)) expect(name).toContain('pay');

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search services' })).toHaveValue('pay');
    await expect(serviceRow(page, 'gateway')).toHaveCount(0);

    await page.getByRole('searchbox', { name: 'Search services' }).fill('no-such-service-anywhere');
    await expect(page.getByText('No services match')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filter' }).click();
    await expect(serviceRow(page, 'gateway')).toBeVisible();
    await expect(page).not.toHaveURL(/[?&]q=/);
  });

  test('filters by health', async ({ page }) => {
    await page.goto('/services');
    await expect(serviceRow(page, 'email')).toBeVisible();
    await page.getByLabel('Health').selectOption('idle');
    await expect(page).toHaveURL(/[?&]health=idle/);
    await expect(serviceRow(page, 'email')).toBeVisible();
    await expect(serviceRow(page, 'gateway')).toHaveCount(0);
  });
});

async function errorColumn(page: import('@playwright/test').Page): Promise<Array<number | null>> {
  const table = servicesTable(page);
  const rows = table.locator('tbody tr');
  const out: Array<number | null> = [];
  for (let i = 0; i < (await rows.count()); i++) out.push(parsePercent(await cellText(table, rows.nth(i), 'Error %')));
  return out;
}

/** Numbers in order, and every "no data" after them (whichever the direction). */
function isSorted(values: Array<number | null>, dir: 'asc' | 'desc'): boolean {
  const firstNull = values.indexOf(null);
  const numbers = (firstNull < 0 ? values : values.slice(0, firstNull)) as number[];
  if (firstNull >= 0 && values.slice(firstNull).some((v) => v !== null)) return false;
  return numbers.every((v, i) => i === 0 || (dir === 'desc' ? numbers[i - 1]! >= v : numbers[i - 1]! <= v));
}
