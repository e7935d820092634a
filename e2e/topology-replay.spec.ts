import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fleetControl } from './fleet-control';

/**
 * The replay slider on the topology map against the demo fleet: a fault injected into payments for a
 * while, then cleared, shows on the map at a moment during it and not at a moment before it; the Live
 * button returns to the whole window; `at` in the URL reproduces the position.
 * The slider's moment is on its group as data-at (unix ms), as the URL writes it.
 */
const ARROW = '\u2192';
const WINDOW = 'from=now-5m&refresh=5s';

const controls = (page: Page) => page.getByRole('group', { name: 'Replay controls' });
const slider = (page: Page) => page.getByRole('slider', { name: 'Replay' });
const badge = (page: Page) => page.getByText(/^Replay · \d\d:\d\d:\d\d$/);
const servicesOnMap = (page: Page) => page.getByRole('list', { name: 'Services on the map' });
const payments = (page: Page) => servicesOnMap(page).locator('li[data-node="payments"]');
const paymentsCall = (page: Page) => page.getByRole('list', { name: 'Calls on the map' }).locator(`li[data-edge="checkout${ARROW}payments"]`);

/** "14:05:00" minus `s` seconds, on a 24-hour clock. */
function clockMinus(clock: string, s: number): string {
  const [h, m, sec] = clock.split(':').map(Number) as [number, number, number];
  const t = (h * 3_600 + m * 60 + sec - s + 86_400) % 86_400;
  return [Math.floor(t / 3_600), Math.floor((t % 3_600) / 60), t % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The moment shown (unix ms), or Infinity when live. */
async function moment(page: Page): Promise<number> {
  const at = await controls(page).getAttribute('data-at');
  return at === null ? Infinity : Number(at);
}

/** Steps the slider with the keyboard until the moment is at or before `targetMs` (left) or after it (right). */
async function stepTo(page: Page, key: 'ArrowLeft' | 'ArrowRight', done: (at: number) => boolean) {
  for (let i = 0; i < 40 && !done(await moment(page)); i++) {
    const before = await moment(page);
    await slider(page).press(key);
    await expect.poll(() => moment(page)).not.toBe(before);
  }
  expect(done(await moment(page)), 'reached the moment').toBe(true);
}

test('replay: a past fault shows at its moment and not before it; Live returns; the URL reproduces the position', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/topology?${WINDOW}`);
  // The fleet starts fresh with the run: wait for payments' caller to have traffic.
  await expect(async () => {
    await page.reload();
    await expect(paymentsCall(page)).toBeAttached({ timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000, 5_000] });
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^Live/);
  await expect(page.getByRole('button', { name: 'Live', exact: true })).toBeDisabled();
  // Another spec may have failed payments shortly before: wait until the last minute is clean, so the
  // slice before this fault is too (the demo's baseline ~2 % errors is "warning", never "critical").
  await expect(async () => {
    await page.goto('/topology?from=now-1m');
    await expect(payments(page)).not.toHaveAttribute('data-health', 'critical', { timeout: 3_000 });
  }).toPass({ timeout: 90_000, intervals: [5_000] });
  // The slider snaps to its step grid, so the "before" slice can start up to a step (~10 s) earlier than
  // the minute just checked: let the clean period run a little longer than one slice.
  await page.waitForTimeout(20_000);
  await page.goto(`/topology?${WINDOW}`);
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^Live/);

  const faultStart = Date.now();
  await fleetControl('POST', '/faults', { service: 'payments', errorRate: 1 });
  try {
    // The fault's duration, not a synchronisation: long enough that a 60 s slice ending in it is > 10 % errors.
    await page.waitForTimeout(24_000);
  } finally {
    await fleetControl('DELETE', '/faults/payments');
  }
  const faultEnd = Date.now();
  // The slider's window is the live map's: load one that holds the whole fault.
  await page.reload();
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^Live/);

  // Keyboard, from the live end: back to the last moment at least 3 s before the fault was cleared.
  await slider(page).focus();
  await stepTo(page, 'ArrowLeft', (at) => at <= faultEnd - 3_000);
  const during = await moment(page);
  expect(during).toBeGreaterThan(faultStart);
  await expect(page).toHaveURL(new RegExp(`[?&]at=${during}(&|$)`));
  await expect(badge(page)).toBeVisible();
  await expect(page.getByText('auto-refresh (5s) is paused while replaying', { exact: false })).toBeVisible();
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^\d\d:\d\d:\d\d \(\u2212\d+ (s|min)/);
  await expect(payments(page)).toHaveAttribute('data-health', 'critical');
  await expect(paymentsCall(page)).toHaveAttribute('data-health', /^(critical|warning)$/);
  const duringUrl = page.url();

  // A moment before the fault: payments was not failing then.
  await stepTo(page, 'ArrowLeft', (at) => at <= faultStart - 1_000);
  await expect(payments(page)).not.toHaveAttribute('data-health', 'critical');
  // The map's numbers are the 60 s slice ending at the moment, not the whole window.
  const clock = (await slider(page).getAttribute('aria-valuetext'))!.slice(0, 8);
  await expect(page.getByText(/^Averages over /)).toHaveText(new RegExp(`^Averages over ${clockMinus(clock, 60)}–${clock}`));

  // A link with `at` reproduces the position.
  await page.goto(duringUrl);
  await expect(controls(page)).toHaveAttribute('data-at', String(during));
  await expect(badge(page)).toBeVisible();
  await expect(payments(page)).toHaveAttribute('data-health', 'critical');

  // Play (Space on the button) moves on by one step; Space again pauses.
  const play = page.getByRole('button', { name: 'Play replay' });
  await play.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause replay' })).toBeFocused();
  await expect.poll(() => moment(page), { timeout: 10_000 }).toBeGreaterThan(during);
  await page.keyboard.press('Space');
  await expect(play).toBeVisible();

  // Live: back to the whole window, `at` gone from the URL.
  await page.getByRole('button', { name: 'Live', exact: true }).click();
  await expect(page).not.toHaveURL(/[?&]at=/);
  await expect(badge(page)).toHaveCount(0);
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^Live/);
  await expect(controls(page)).not.toHaveAttribute('data-at', /./);
});

test('an unusable `at` falls back to the live map', async ({ page }) => {
  for (const at of ['1000000000000', 'yesterday']) {
    await page.goto(`/topology?${WINDOW}&at=${at}`);
    await expect(page.getByRole('img', { name: /^Service topology: 10 services/ })).toBeVisible();
    await expect(slider(page)).toHaveAttribute('aria-valuetext', /^Live/);
    await expect(badge(page)).toHaveCount(0);
  }
});
