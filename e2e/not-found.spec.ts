import { NOT_FOUND_LOAD, expect, test } from './fixtures';

test.describe('not found', () => {
  // The API answers 404 for the unknown service, and Chromium logs every 4xx load; that one is expected.
  test.use({ allowedConsoleErrors: [{ text: NOT_FOUND_LOAD, url: /\/api\/v1\/services\/no-such-service-42/ }] });

  test('a bogus service name shows a not-found message, not a crash', async ({ page }) => {
    await page.goto('/services/no-such-service-42?from=now-1h');
    await expect(page.getByRole('heading', { name: 'Service not found' })).toBeVisible();
    await expect(page.getByText('no-such-service-42', { exact: true })).toBeVisible();
    const back = page.getByRole('link', { name: 'Back to all services' });
    await expect(back).toHaveAttribute('href', '/services?from=now-1h');
    await back.click();
    await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
  });
});

test.describe('unknown page', () => {
  test.use({ allowedConsoleErrors: [{ text: NOT_FOUND_LOAD, url: /\/no-such-page$/ }] });

  test('shows the app not-found page with a way back', async ({ page }) => {
    const res = await page.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to services' })).toBeVisible();
  });
});

test('"/" redirects to the services view, keeping the range', async ({ page }) => {
  await page.goto('/?from=now-6h');
  await expect(page).toHaveURL(/\/services\?from=now-6h$/);
  await expect(page.getByRole('button', { name: /^Time range:/ })).toHaveAccessibleName('Time range: Last 6 hours');
});
