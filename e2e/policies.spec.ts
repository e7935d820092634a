import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { currentPolicy, deleteAllPolicies, listPolicies, policyUrl, putPolicy, signedIn, CSRF } from './policy-api';

/**
 * Circuit-breaker and rate-limit policies end to end against the demo fleet (issue 5): the UI writes
 * through the BFF into etcd, the fleet's instances apply it live, their metrics (scraped by the demo's
 * Prometheus) show it, and the map shows it. Every test deletes the policies it left behind, so the
 * specs after this one see a fleet running none.
 */
const ARROW = '\u2192';
const EDGE = 'edge:checkout>payments';
const PROM = 'http://127.0.0.1:19190';
const target = { kind: 'edge', source: 'checkout', target: 'payments' } as const;

const panel = (page: Page, name: string) => page.getByRole('complementary', { name, exact: true });
const callsOnMap = (page: Page) => page.getByRole('list', { name: 'Calls on the map' });
const account = (page: Page) => page.getByRole('group', { name: 'Account' });

async function signIn(page: Page, user: string, password: string, from: string) {
  await page.goto(from);
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(account(page).getByTitle('your role')).toHaveText(user);
}

/** Calls the demo's breakers shed on checkout → payments so far, from Prometheus (0 before any). */
async function shedSoFar(): Promise<number> {
  const q = encodeURIComponent('sum(switchyard_breaker_rejected_total{source="checkout",target="payments"})');
  const body = await (await fetch(`${PROM}/api/v1/query?query=${q}`)).json();
  return Number(body.data.result[0]?.value[1] ?? 0);
}

/** Answers the reason dialog a quick toggle opens: the consequence first, then why. */
async function confirmWithReason(page: Page, title: string, consequence: string, reason: string) {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog.locator('[data-consequence]')).toHaveText(consequence);
  await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole('button', { name: title, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

/** Waits for the rollout of `version` to finish with every instance converged; returns their ids. */
async function expectConverged(region: Locator, version: number): Promise<string[]> {
  const rollout = region.getByRole('region', { name: `Rollout of ${EDGE}` });
  await expect(rollout).toHaveAttribute('data-version', String(version), { timeout: 15_000 });
  await expect(rollout).toHaveAttribute('data-rollout-done', 'true', { timeout: 30_000 });
  const rows = rollout.getByRole('list', { name: 'Instances' }).getByRole('listitem');
  const ids = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-instance')}=${e.getAttribute('data-state')}`));
  return ids;
}

test.afterEach(async ({ playwright }) => {
  const api = await signedIn(playwright, 'operator', 'operator-demo');
  await deleteAllPolicies(api);
  await api.ctx.dispose();
});

test('an operator trips checkout → payments from the topology, the fleet sheds the calls, then closes it', async ({ page, playwright }) => {
  const api = await signedIn(playwright, 'operator', 'operator-demo');
  await signIn(page, 'operator', 'operator-demo', '/topology?refresh=5s&sel=payments');
  const row = panel(page, 'payments').locator(`li[data-edge="checkout${ARROW}payments"]`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await row.getByTitle('Select this call').click();
  const call = panel(page, `checkout ${ARROW} payments`);
  const policy = call.getByRole('region', { name: 'Traffic policy' });
  await expect(policy).toContainText('No policy on this call yet');
  const onMap = callsOnMap(page).locator(`li[data-edge="checkout${ARROW}payments"]`);
  await expect(onMap).not.toHaveAttribute('data-breaker-state', /./);

  // Trip it: the dialog says what will happen, and will not go without a reason.
  await policy.getByRole('button', { name: 'Trip breaker' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trip the breaker' });
  await dialog.getByRole('button', { name: 'Trip the breaker', exact: true }).click();
  await expect(dialog.getByText('Reason: say why (at least 3 characters)')).toBeVisible();
  const shedBefore = await shedSoFar();
  await confirmWithReason(page, 'Trip the breaker', `Trip the breaker on checkout ${ARROW} payments: every call will fail fast.`, 'e2e: payments is failing, shed it');

  // The rollout: every checkout instance (the caller applies an edge policy) runs the new version.
  const tripped = (await currentPolicy(api, EDGE))!;
  expect(tripped).toMatchObject({ updatedBy: 'operator', reason: 'e2e: payments is failing, shed it', spec: { circuitBreaker: { mode: 'force-open' }, rateLimit: null } });
  expect(await expectConverged(policy, tripped.version)).toEqual(['checkout-1=converged']);
  await expect(policy.getByRole('button', { name: 'Close breaker' })).toBeVisible();

  // Within two refreshes (2 × 5 s, plus a scrape and the BFF cache) the map shows the open breaker.
  await expect(onMap).toHaveAttribute('data-breaker-state', 'open', { timeout: 25_000 });
  await expect(call.locator('p[data-breaker-state="open"]')).toContainText('(force-open)');
  // The fleet's own metrics: calls short-circuited, counted by checkout's breaker and scraped.
  await expect.poll(shedSoFar, { timeout: 20_000, intervals: [2_000] }).toBeGreaterThan(shedBefore);
  await expect(call.locator('p[data-breaker-state="open"]')).toContainText(/[\d.]+ req\/s short-circuited/, { timeout: 25_000 });

  // Close it again: back to automatic, and the map follows.
  await policy.getByRole('button', { name: 'Close breaker' }).click();
  await confirmWithReason(page, 'Close the breaker', `Close the breaker on checkout ${ARROW} payments: calls go through again, and it opens on its thresholds (automatic).`, 'e2e: payments recovered');
  expect(await expectConverged(policy, tripped.version + 1)).toEqual(['checkout-1=converged']);
  expect(await currentPolicy(api, EDGE)).toMatchObject({ version: tripped.version + 1, spec: { circuitBreaker: { mode: 'auto' } } });
  await expect(onMap).toHaveAttribute('data-breaker-state', 'closed', { timeout: 25_000 });
  await api.ctx.dispose();
});

test('a viewer sees the policy but cannot change it, and the API refuses their write', async ({ page, playwright }) => {
  const operator = await signedIn(playwright, 'operator', 'operator-demo');
  const stored = await putPolicy(operator, EDGE, { target, circuitBreaker: null, rateLimit: { enabled: true, ratePerSecond: 1000, burst: 1000, scope: 'instance' } }, 'e2e: a generous limit');
  await operator.ctx.dispose();

  await signIn(page, 'viewer', 'viewer-demo', `/topology?sel=checkout${ARROW}payments`);
  const policy = panel(page, `checkout ${ARROW} payments`).getByRole('region', { name: 'Traffic policy' });
  await expect(policy).toContainText('1k req/s, burst 1000, per instance', { timeout: 60_000 });
  for (const name of ['Trip breaker', 'Hold closed', 'Change rate limit', 'Remove rate limit']) await expect(policy.getByRole('button', { name })).toBeDisabled();
  await expect(policy.locator('[data-write-gate]')).toHaveText('Operator role needed (sign in)');

  // /policies: listed with its state, nothing to press.
  await page.goto('/policies');
  const row = page.getByRole('table', { name: 'Policies' }).locator(`tr[data-policy="${EDGE}"]`);
  await expect(row).toContainText('1k req/s, burst 1000, per instance');
  await expect(row.getByRole('button', { name: 'Edit' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'New policy' })).toBeDisabled();

  // Straight at the API with the viewer's session and a valid token: 403, nothing written.
  const token = (await page.context().cookies()).find((c) => c.name === 'sy_csrf')!.value;
  const write = { spec: { target, circuitBreaker: { mode: 'force-open' }, rateLimit: null }, expectedVersion: stored.version, reason: 'a viewer tries' };
  const res = await page.request.put(policyUrl(EDGE), { data: write, headers: { [CSRF]: decodeURIComponent(token) } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatchObject({ code: 'forbidden' });
  // And without signing in at all: 401.
  const anon = await playwright.request.newContext({ baseURL: 'http://127.0.0.1:13000' });
  expect((await anon.put(policyUrl(EDGE), { data: write })).status()).toBe(401);
  await anon.dispose();
  expect((await listPolicies(page.request)).find((p) => p.id === EDGE)?.version).toBe(stored.version);
});

test.describe('a stale edit', () => {
  // The refused saves are the point: Chromium logs each 409 answer.
  test.use({ allowedConsoleErrors: [{ text: /status of 409/, url: /\/api\/v1\/policies\// }] });

  test('shows who changed it and the current values beside yours; reload theirs, or save yours over them', async ({ page, playwright }) => {
    const other = await signedIn(playwright, 'operator', 'operator-demo');
    const limit = (ratePerSecond: number) => ({ target, circuitBreaker: null, rateLimit: { enabled: true, ratePerSecond, burst: 500, scope: 'instance' as const } });
    const v1 = await putPolicy(other, EDGE, limit(500), 'e2e: start');

    await signIn(page, 'operator', 'operator-demo', '/policies');
    await page.goto(`/policies?edit=${encodeURIComponent(EDGE)}`);
    const editor = page.getByRole('dialog', { name: `Policy: checkout ${ARROW} payments` });
    await expect(editor.getByLabel('Rate (req/s)', { exact: true })).toHaveValue('500');
    // The impact preview of the limit, from the fleet's real traffic, before saving.
    const preview = editor.getByRole('region', { name: 'Impact preview' });
    await expect(preview.locator('[data-rejected-per-minute]')).toContainText(/Rate limit: (would have rejected nothing|≈ [\d.k]+ rejected per minute|no traffic)/, { timeout: 30_000 });
    await editor.getByLabel('Rate (req/s)', { exact: true }).fill('abc');
    await expect(editor.getByText('enter a number')).toBeVisible();
    await editor.getByLabel('Rate (req/s)', { exact: true }).fill('400');
    await editor.getByLabel(/^Reason/).fill('e2e: my change');

    // Someone else saves first.
    const v2 = await putPolicy(other, EDGE, limit(300), 'e2e: someone else');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = editor.getByRole('alert', { name: 'Conflict' });
    await expect(conflict).toContainText(`changed by operator`);
    await expect(conflict).toContainText(`while you edited version ${v1.version}: it is at version ${v2.version} now`);
    await expect(conflict).toContainText('Their reason: “e2e: someone else”');
    const rate = conflict.locator('tr[data-field="rateLimit.ratePerSecond"]');
    await expect(rate.locator('[data-side="current"]')).toHaveText('300');
    await expect(rate.locator('[data-side="yours"]')).toHaveText('400');

    // Reload theirs: the form shows what is stored, and the next save names that version.
    await conflict.getByRole('button', { name: 'Load their values' }).click();
    await expect(editor.getByLabel('Rate (req/s)', { exact: true })).toHaveValue('300');
    await expect(editor.getByText(`Editing version ${v2.version}`)).toBeVisible();
    await editor.getByLabel('Rate (req/s)', { exact: true }).fill('400');

    // A second writer gets in again; this time, save ours over theirs.
    const v3 = await putPolicy(other, EDGE, limit(200), 'e2e: someone else again');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(conflict.locator('tr[data-field="rateLimit.ratePerSecond"] [data-side="current"]')).toHaveText('200');
    await conflict.getByRole('button', { name: `Save mine over version ${v3.version}` }).click();
    await expect(editor).toHaveCount(0);

    // Saved as the next version, and the rollout follows on the details.
    const saved = await currentPolicy(other, EDGE);
    expect(saved).toMatchObject({ version: v3.version + 1, reason: 'e2e: my change', spec: { rateLimit: { ratePerSecond: 400 } } });
    await expect(page).toHaveURL(new RegExp(`[?&]policy=${encodeURIComponent(EDGE)}`));
    await expect(page.getByRole('region', { name: `Rollout of ${EDGE}` })).toHaveAttribute('data-rollout-done', 'true', { timeout: 30_000 });
    await other.ctx.dispose();
  });
});

test('/policies shows the audit log with reasons and diffs, and restores an earlier version', async ({ page, playwright }) => {
  const api = await signedIn(playwright, 'operator', 'operator-demo');
  const limit = (ratePerSecond: number) => ({ target, circuitBreaker: null, rateLimit: { enabled: true, ratePerSecond, burst: 100, scope: 'instance' as const } });
  const first = await putPolicy(api, EDGE, limit(50), 'e2e: first limit');
  const second = await putPolicy(api, EDGE, limit(60), 'e2e: raise it');

  await signIn(page, 'operator', 'operator-demo', '/policies');
  const table = page.getByRole('table', { name: 'Policies' });
  const row = table.locator(`tr[data-policy="${EDGE}"]`);
  await expect(row).toContainText('60 req/s, burst 100, per instance');
  await row.getByRole('button', { name: `checkout ${ARROW} payments` }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]policy=${encodeURIComponent(EDGE)}`));

  const log = page.getByRole('list', { name: 'Audit entries' });
  const entry = (version: number) => log.locator(`li[data-policy="${EDGE}"][data-version="${version}"]`);
  await expect(log.getByRole('listitem').first()).toHaveAttribute('data-version', String(second.version));
  await expect(entry(second.version).locator('[data-reason]')).toHaveText('“e2e: raise it”');
  await expect(entry(second.version).locator('li[data-path="spec.rateLimit.ratePerSecond"]')).toHaveText('spec.rateLimit.ratePerSecond: 50 → 60');
  await expect(entry(first.version).locator('[data-reason]')).toHaveText('“e2e: first limit”');
  await expect(entry(first.version)).toHaveAttribute('data-action', 'create');

  await entry(first.version).getByRole('button', { name: 'Restore this version' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this version' });
  await expect(dialog).toContainText(`written back as version ${second.version + 1}`);
  await expect(dialog.getByRole('list', { name: 'What restoring changes' })).toContainText('rateLimit.ratePerSecond: 60 → 50');
  await dialog.getByLabel(/^Reason/).fill('e2e: back to 50');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  await expect(row).toContainText('50 req/s, burst 100, per instance');
  const restored = entry(second.version + 1);
  await expect(restored).toHaveAttribute('data-action', 'restore');
  await expect(restored.locator('[data-reason]')).toHaveText('“e2e: back to 50”');
  await expect(restored.locator('li[data-path="spec.rateLimit.ratePerSecond"]')).toHaveText('spec.rateLimit.ratePerSecond: 60 → 50');
  expect(await currentPolicy(api, EDGE)).toMatchObject({ version: second.version + 1, updatedBy: 'operator', spec: { rateLimit: { ratePerSecond: 50 } } });
  await api.ctx.dispose();
});
