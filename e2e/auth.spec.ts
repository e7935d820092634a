import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Sign-in, roles and CSRF against the demo (deploy/switchyard.demo.json: auth.mode "users" with the
 * demo users operator/operator-demo and viewer/viewer-demo, see README). Writes are probed through
 * POST /api/v1/session/check-write, which runs exactly the guard every write route runs.
 */
const account = (page: Page) => page.getByRole('group', { name: 'Account' });

async function signIn(page: Page, user: string, password: string, from = '/services') {
  await page.goto(from);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const csrfCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name === 'sy_csrf')?.value ?? '';

test('a viewer signs in with the keyboard, sees their role in the header, and signs out', async ({ page }) => {
  await page.goto('/services?from=now-30m');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  // Keyboard only: the user name field has focus, Tab to the password, Enter submits.
  await expect(page.getByLabel('User name')).toBeFocused();
  await page.keyboard.type('viewer');
  await page.keyboard.press('Tab');
  await page.keyboard.type('viewer-demo');
  await page.keyboard.press('Enter');

  // Back where we came from, range kept, with the user and role in the header.
  await expect(page).toHaveURL(/\/services\?from=now-30m/);
  await expect(account(page)).toContainText('Signed in as viewer');
  await expect(account(page).getByTitle('your role')).toHaveText('viewer');
  const session = (await page.context().cookies()).find((c) => c.name === 'sy_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  // The session survives a reload (it is the cookie, not page state).
  await page.reload();
  await expect(account(page)).toContainText('Signed in as viewer');

  await account(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(account(page)).toHaveCount(0);
  expect((await page.context().cookies()).some((c) => c.name === 'sy_session')).toBe(false);
});

test.describe('wrong password', () => {
  // The 401 is the expected answer; Chromium logs every 4xx load.
  test.use({ allowedConsoleErrors: [{ text: /status of 401/, url: /\/api\/v1\/session$/ }] });

  test('shows an error and stays signed out', async ({ page }) => {
    await signIn(page, 'operator', 'not-the-password');
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong user name or password.');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    const me = await (await page.request.get('/api/v1/session')).json();
    expect(me).toMatchObject({ mode: 'users', user: null, role: 'viewer' });
  });
});

test('writes need the CSRF token, the own origin and the operator role', async ({ page }) => {
  // Not signed in: 401, saying how to sign in.
  const anon = await page.request.post('/api/v1/session/check-write');
  expect(anon.status()).toBe(401);
  expect((await anon.json()).error.message).toMatch(/sign in/);

  await signIn(page, 'operator', 'operator-demo');
  await expect(account(page).getByTitle('your role')).toHaveText('operator');
  const token = await csrfCookie(page);
  expect(token).not.toBe('');

  // page.request carries the browser's cookies, so only the header differs between these.
  const noToken = await page.request.post('/api/v1/session/check-write');
  expect(noToken.status()).toBe(403);
  expect((await noToken.json()).error).toMatchObject({ code: 'csrf', message: expect.stringMatching(/no X-CSRF-Token header/) });

  const wrong = await page.request.post('/api/v1/session/check-write', { headers: { 'X-CSRF-Token': `${token.slice(0, -2)}xx` } });
  expect(wrong.status()).toBe(403);

  const crossSite = await page.request.post('/api/v1/session/check-write', { headers: { 'X-CSRF-Token': token, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.message).toMatch(/another site/);

  const ok = await page.request.post('/api/v1/session/check-write', { headers: { 'X-CSRF-Token': token } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ ok: true, actor: { name: 'operator', role: 'operator', via: 'session' } });

  // The same write from the page itself, through the UI's write helper path (fetch + header from the cookie).
  const fromPage = await page.evaluate(async () => {
    const t = document.cookie.split('; ').find((c) => c.startsWith('sy_csrf='))!.slice('sy_csrf='.length);
    const res = await fetch('/api/v1/session/check-write', { method: 'POST', headers: { 'X-CSRF-Token': decodeURIComponent(t) } });
    return res.status;
  });
  expect(fromPage).toBe(200);
});

test('a viewer cannot write even with a valid token', async ({ page }) => {
  await signIn(page, 'viewer', 'viewer-demo');
  await expect(account(page).getByTitle('your role')).toHaveText('viewer');
  const res = await page.request.post('/api/v1/session/check-write', { headers: { 'X-CSRF-Token': await csrfCookie(page) } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatchObject({ code: 'forbidden', message: 'viewer has the viewer role; this needs operator' });
});
