import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CSRF, signedIn } from './policy-api';

/**
 * Editing SLO specs in the UI against the demo (deploy/switchyard.demo.json sets slo.editableFile to
 * $STACK_DIR/slos-edited.yaml, wiped at each demo start). The id is unique per run so a reused demo
 * server (reuseExistingServer) does not make the create a conflict.
 */
async function signIn(page: Page, user: string, password: string, from: string) {
  await page.goto(from);
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a viewer sees the buttons disabled, with why', async ({ page }) => {
  await signIn(page, 'viewer', 'viewer-demo', '/slos');
  await expect(page).toHaveURL(/\/slos/);
  await expect(page.getByRole('button', { name: 'New SLO' })).toBeDisabled();
  await expect(page.getByText('Operator role needed').first()).toBeVisible();
});

test('an operator creates an SLO for users in the dialog; an invalid objective shows the field error first', async ({ page, playwright }) => {
  const id = `users-e2e-${Date.now().toString(36)}`;
  try {
    await createInDialog(page, id);
  } finally {
    // Leave the demo's SLO list as it was for the specs after this one (slos.spec lists them all).
    const api = await signedIn(playwright, 'operator', 'operator-demo');
    const spec = await api.ctx.get(`/api/v1/slos/${id}/spec`);
    if (spec.ok()) {
      const { hash } = (await spec.json()) as { hash: string | null };
      const res = await api.ctx.delete(`/api/v1/slos/${id}/spec`, { data: { expectedHash: hash }, headers: { [CSRF]: api.token } });
      expect(res.status(), await res.text()).toBeLessThan(300);
    }
    await api.ctx.dispose();
  }
});

async function createInDialog(page: Page, id: string) {
  await signIn(page, 'operator', 'operator-demo', '/slos');
  await expect(page).toHaveURL(/\/slos/);
  await page.getByRole('button', { name: 'New SLO' }).click();
  const dialog = page.getByRole('dialog', { name: 'New SLO' });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/edit=new/);

  const editor = dialog.getByRole('textbox');
  await expect(editor).toHaveValue(/kind: SLO/);
  const text = ['apiVersion: switchyard/v1', 'kind: SLO', `id: ${id}`, 'name: Users availability (e2e)', 'service: users', 'objectivePercent: 150', 'window: 7d', 'indicator:', '  kind: service-availability', ''].join('\n');
  await editor.fill(text);
  // Checked as typed, with the loader's parser: field, line and reason; Save stays off.
  const problems = dialog.locator('[data-spec-problems]');
  await expect(problems).toContainText('line 6');
  await expect(problems).toContainText('objectivePercent');
  await expect(problems).toContainText('above 0 and below 100');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();

  await editor.fill(text.replace('objectivePercent: 150', 'objectivePercent: 95'));
  await expect(dialog.getByText(`Valid: saves as ${id}.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  // The list shows it (the store reloaded on the write); its page offers Edit (it lives in the editable file).
  const link = page.getByRole('link', { name: 'Users availability (e2e)' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/slos/${id}`));
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeEnabled();
}
