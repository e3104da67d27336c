import { createSandboxSession, expect, signInAs, test } from './fixtures';

const today = () => new Date().toISOString().slice(0, 10);

test.describe('supervision dashboard', () => {
  test.use({ signedInAs: 'manager' });

  test('a manager sees the figures of the range and each panel links to the view it summarises', async ({
    page,
    stack,
    snap,
  }) => {
    // One more case waiting for review today, so the flow and backlog panels have something to draw.
    await createSandboxSession(stack, 'review_aml_pep');
    // And one webhook our ingress refuses (no signature): provider sync counts it.
    const unsigned = await fetch(`${stack.appUrl}/webhooks/didit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'not-signed', status: 'Approved' }),
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const range = `from=${today()}&to=${today()}`;
    await page.goto(`/dashboard?${range}`);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

    const flow = page.getByRole('region', { name: 'Cases in and decided per day' });
    await expect(flow.locator('.recharts-surface')).toBeVisible();
    const backlog = page.getByRole('region', { name: /^Review backlog now/ });
    await expect(backlog.locator('.recharts-surface')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Review time (SLA proxy)' })).toContainText(
      'no due time yet',
    );
    await expect(page.getByRole('region', { name: 'Outbox (provider calls)' })).toContainText('Retrying');
    const sync = page.getByRole('region', { name: 'Provider sync' });
    await expect(sync).toContainText('Last reconciliation');
    await expect(sync).toContainText('Deliveries refused in the range');
    await expect(sync).toContainText(`HTTP ${unsigned.status} ×`);
    await snap('dashboard-manager');

    // The range picker's value comes from the URL; the queue link carries the same range.
    await expect(flow.getByRole('link', { name: 'Open in queue' })).toHaveAttribute(
      'href',
      `/cases?status=all&${range}`,
    );
    await backlog.getByRole('link', { name: 'Oldest first in queue' }).click();
    await expect(page).toHaveURL(/\/cases\?status=needs_review&order=asc$/);
    await expect(page.getByRole('table', { name: 'Cases' })).toBeVisible();

    await page.goto(`/dashboard?${range}`);
    await page
      .getByRole('region', { name: 'Reversals and overrides' })
      .getByRole('link', { name: 'Decisions in audit log' })
      .click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?action=case\\.action_requested&${range}$`));
  });

  test('analysts have no dashboard entry and are refused the page', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/cases');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' }),
    ).toHaveCount(0);
    const response = await page.request.get(`/api/dashboard?from=${today()}&to=${today()}`);
    expect(response.status()).toBe(403);
  });
});
