import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every test fails on a console error or an uncaught exception in the page: a view that "works" while
 * logging errors is a bug we want to see. A test that provokes an expected failed request (a 404 for
 * an unknown service) allows exactly that, by message and URL; page errors are never allowed.
 */
export interface AllowedConsoleError {
  text?: RegExp;
  url?: RegExp;
}

interface Fixtures {
  allowedConsoleErrors: AllowedConsoleError[];
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    const allowed = (text: string, url: string) =>
      allowedConsoleErrors.some((a) => (!a.text || a.text.test(text)) && (!a.url || a.url.test(url)));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const url = msg.location().url;
      if (!allowed(msg.text(), url)) problems.push(`console.error: ${msg.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.stack ?? err.message}`));
    await use(page);
    expect(problems, 'console errors or uncaught exceptions in the page').toEqual([]);
  },
});

export { expect };

/** The failed-request console line Chromium prints for a 404 answer. */
export const NOT_FOUND_LOAD = /Failed to load resource: the server responded with a status of 404/;

export const servicesTable = (page: Page) => page.getByRole('table', { name: 'Services' });

/** The table row whose row header links to `name`. */
export const serviceRow = (page: Page, name: string) =>
  servicesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

/** Text of the cell under the column header `column` (the row header counts as the first column). */
export async function cellText(table: Locator, row: Locator, column: string): Promise<string> {
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[\u25B2\u25BC\u25B4\u25BE]/g, '').trim().toLowerCase() === column.toLowerCase());
  if (index < 0) throw new Error(`no column "${column}" in ${JSON.stringify(headers)}`);
  return (await row.locator('th, td').nth(index).innerText()).trim();
}

/** "12.3 req/s" → 12.3, "1.2k req/s" → 1200, "< 0.01 req/s" → 0.005, "—" → null. */
export function parseRate(text: string): number | null {
  if (text.startsWith('<')) return 0.005;
  const m = /^([\d.]+)([kMG]?) req\/s$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 } as const)[m[2] as '' | 'k' | 'M' | 'G'];
}

/** "0.52 %" → 0.52, "< 0.01 %" → 0.005, "—" → null. */
export function parsePercent(text: string): number | null {
  if (text.startsWith('<')) return 0.005;
  const m = /^([\d.]+) %$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Service names in table order. */
export async function serviceNames(page: Page): Promise<string[]> {
  return servicesTable(page).locator('tbody tr th[scope="row"] a').allInnerTexts();
}
