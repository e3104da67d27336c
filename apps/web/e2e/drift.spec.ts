import { randomUUID } from 'node:crypto';
import { expectNoSeriousAxeViolations } from './axe';
import { createSandboxSession, expect, test } from './fixtures';

const today = () => new Date().toISOString().slice(0, 10);

test.describe('provider drift', () => {
  test.use({ signedInAs: 'manager', colorScheme: 'light' });
  test.describe.configure({ timeout: 120_000 });

  test('a console edit after our approval shows on the drift view and the dashboard; pushing ours resolves it', async ({
    page,
    stack,
    snap,
  }) => {
    const session = (await createSandboxSession(stack, 'review_low_face_match')) as {
      sessions?: { session_id: string }[];
    };
    const sessionId = session.sessions?.[0]?.session_id ?? '';
    expect(sessionId).not.toBe('');
    const caseOf = async () => {
      const response = await page.request.get(`/api/cases?q=${sessionId}`);
      return ((await response.json()) as { items: { id: number; status: string; version: number }[] })
        .items[0];
    };
    await expect.poll(async () => (await caseOf())?.status ?? null, { timeout: 30_000 }).toBe('needs_review');
    const caseId = (await caseOf())!.id;

    // We approve it here; the outbox delivers the approval to Didit.
    const detail = (await (await page.request.get(`/api/cases/${caseId}`)).json()) as { version: number };
    const approved = await page.request.post(`/api/cases/${caseId}/actions`, {
      headers: { 'if-match': String(detail.version), 'idempotency-key': randomUUID() },
      data: { type: 'approve', reasonCode: 'other' },
    });
    expect(approved.status()).toBe(202);
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/cases/${caseId}`)).json()) as { providerStatus: string })
            .providerStatus,
        { timeout: 30_000 },
      )
      .toBe('Approved');

    // Someone declines the session in Didit's console; its webhook reaches us.
    const edit = await fetch(`${stack.diditSandboxUrl}/_sandbox/didit/sessions/${sessionId}/console-edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': stack.diditApiKey },
      body: JSON.stringify({ status: 'Declined', webhook: true }),
    });
    expect(edit.ok).toBe(true);

    await page.goto('/drift');
    await expect(page.getByRole('heading', { name: 'Provider drift' })).toBeVisible({ timeout: 30_000 });
    const table = page.getByRole('table', { name: 'Drifts' });
    const resolve = table.getByRole('button', { name: `Resolve drift on case #${caseId}`, exact: true });
    await expect(async () => {
      await page.reload();
      await expect(resolve).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000, intervals: [2_000] });
    const row = table.getByRole('row').filter({
      has: page.getByRole('button', { name: `Resolve drift on case #${caseId}`, exact: true }),
    });
    await expect(row).toContainText('Approved');
    await expect(row).toContainText('Declined');
    await expect(row).toContainText('by webhook');
    await snap('drift-list-light');
    await expectNoSeriousAxeViolations(page, 'drift view (light)');

    // The case keeps our decision and says why it is flagged.
    await page.goto(`/cases/${caseId}`);
    await expect(page.getByTestId('case-flag-explanation')).toContainText(
      'diverges from our decision (ours Approved, provider Declined)',
      // The case page is the heaviest chunk; on a loaded machine it takes a while.
      { timeout: 30_000 },
    );

    await page.goto(`/dashboard?from=${today()}&to=${today()}`);
    const panel = page.getByRole('region', { name: 'Provider drift' });
    await panel.scrollIntoViewIfNeeded();
    await expect(panel.getByText('Unresolved')).toBeVisible();
    await snap('drift-dashboard-panel-light');
    await panel.getByRole('link', { name: 'Open drift view' }).click();
    await expect(page).toHaveURL(/\/drift$/);

    await resolve.click();
    const dialog = page.getByRole('dialog', { name: `Resolve drift on case #${caseId}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'Push our decision again' })).toBeChecked();
    await snap('drift-dialog-light', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'drift resolve dialog (light)');

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await snap('drift-dialog-dark', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'drift resolve dialog (dark)');

    await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(page.getByText('Drift resolved')).toBeVisible();
    await expect(resolve).toHaveCount(0);

    // Our decision went back to Didit through the outbox.
    await expect
      .poll(
        async () => {
          const decision = await fetch(`${stack.diditSandboxUrl}/v3/session/${sessionId}/decision/`, {
            headers: { 'x-api-key': stack.diditApiKey },
          });
          return ((await decision.json()) as { status: string }).status;
        },
        { timeout: 30_000 },
      )
      .toBe('Approved');

    await page.goto('/drift?status=resolved');
    await expect(table.getByRole('link', { name: `Case #${caseId}`, exact: true })).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: `Case #${caseId}` })).toContainText(
      'Our decision pushed again',
    );
    await snap('drift-list-dark');
    await expectNoSeriousAxeViolations(page, 'drift view (dark)');
  });
});
