import { expect, serviceRow, test } from './fixtures';

test.describe('time range and refresh', () => {
  test('a preset changes the URL, reloads the data and survives a reload', async ({ page }) => {
    await page.goto('/services');
    await expect(serviceRow(page, 'gateway')).toBeVisible();
    const trigger = page.getByRole('button', { name: /^Time range:/ });
    await expect(trigger).toHaveAccessibleName('Time range: Last 15 minutes');

    await trigger.click();
    const dialog = page.getByRole('dialog', { name: 'Choose time range' });
    await expect(dialog).toBeVisible();
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/v1/services?') && r.url().includes('from=now-1h') && r.ok());
    await dialog.getByRole('button', { name: 'Last 1 hour' }).click();
    await reloaded;
    await expect(page).toHaveURL(/[?&]from=now-1h/);
    await expect(dialog).toBeHidden();
    await expect(trigger).toHaveAccessibleName('Time range: Last 1 hour');
    // Links keep the range.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' })).toHaveAttribute('href', /from=now-1h/);
    await expect(serviceRow(page, 'gateway').getByRole('link', { name: 'gateway', exact: true })).toHaveAttribute('href', /from=now-1h/);

    await page.reload();
    await expect(trigger).toHaveAccessibleName('Time range: Last 1 hour');
    await trigger.click();
    await expect(dialog.getByRole('button', { name: 'Last 1 hour' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('absolute from/to by keyboard, with validation', async ({ page }) => {
    await page.goto('/services');
    const trigger = page.getByRole('button', { name: /^Time range:/ });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Choose time range' });
    await expect(dialog).toBeVisible();
    // Focus starts on the current range's preset.
    await expect(dialog.getByRole('button', { name: 'Last 15 minutes' })).toBeFocused();

    await dialog.getByLabel('From').fill('2026-02-31 10:00');
    await dialog.getByLabel('To').fill('now');
    await dialog.getByRole('button', { name: 'Apply time range' }).click();
    await expect(dialog.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).not.toHaveURL(/from=/);

    const to = Date.now() - 60_000;
    const from = to - 30 * 60_000;
    await dialog.getByLabel('From').fill(String(from));
    await dialog.getByLabel('To').fill(String(to));
    await dialog.getByLabel('To').press('Enter');
    await expect(page).toHaveURL(new RegExp(`[?&]from=${from}&to=${to}`));
    await expect(trigger).toHaveAccessibleName(/^Time range: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d → /);
    await expect(trigger).toBeFocused();

    // Escape closes the popover and returns focus to the button.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(trigger).toBeFocused();
  });

  test('the refresh interval is in the URL', async ({ page }) => {
    await page.goto('/services');
    const select = page.getByLabel('Refresh interval');
    await expect(select).toHaveValue('off');
    await select.selectOption('10s');
    await expect(page).toHaveURL(/[?&]refresh=10s/);
    await page.reload();
    await expect(page.getByLabel('Refresh interval')).toHaveValue('10s');
  });
});
