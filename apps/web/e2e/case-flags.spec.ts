import { expectNoSeriousAxeViolations } from './axe';
import { createSandboxSession, expect, queueRows, test } from './fixtures';

/** A status no Didit document lists: the product must keep the case where it is and show the raw value. */
const UNKNOWN_STATUS = 'Pending Legal Hold';

test.describe('a provider status the product does not know', () => {
  test.use({ signedInAs: 'manager' });

  test('keeps the case in review, shows the raw status in the queue and on the case, and filters on it', async ({
    page,
    stack,
    snap,
  }) => {
    // Two cases' worth of page loads, screenshots and axe runs on a shared machine.
    test.setTimeout(120_000);
    const created = (await createSandboxSession(stack, 'review_low_face_match')) as {
      sessions?: { session_id: string }[];
    };
    const sessionId = created.sessions?.[0]?.session_id ?? '';
    expect(sessionId).not.toBe('');

    // The scenario's webhook files the case in review.
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`/api/cases?q=${sessionId}`);
          const body = (await response.json()) as { items: Array<{ status: string }> };
          return body.items[0]?.status ?? null;
        },
        { timeout: 30_000 },
      )
      .toBe('needs_review');

    // Didit (played by the sandbox) signs a webhook with a status this product has never seen.
    const report = await fetch(`${stack.diditSandboxUrl}/_sandbox/didit/sessions/${sessionId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': stack.diditApiKey },
      body: JSON.stringify({ status: UNKNOWN_STATUS, mode: 'webhook_only' }),
    });
    expect(report.ok).toBe(true);

    await page.goto('/cases?status=needs_review&flagged=true');
    const row = queueRows(page).filter({ hasText: `Unknown status: ${UNKNOWN_STATUS}` });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByText('Flagged only')).toBeVisible();
    await snap('case-flag-queue');

    await row.locator('a[href^="/cases/"]').first().click();
    await expect(page).toHaveURL(/\/cases\/\d+$/);
    const header = page.getByRole('heading', { level: 1 }).locator('..');
    await expect(header.getByText(`Unknown status: ${UNKNOWN_STATUS}`)).toBeVisible();
    await expect(page.getByTestId('case-flag-explanation')).toContainText(
      'a status this product does not know; the case was kept where it was',
    );
    // Still in review: the unknown status moved nothing.
    await expect(header).toContainText(/review/i);
    await snap('case-flag-case');
    await expectNoSeriousAxeViolations(page, 'flagged case');

    // The manager checks the status at Didit and clears the flag with a reason; the history says so.
    const flagSection = page.getByRole('region', { name: 'Flag' });
    await flagSection
      .getByRole('radio', { name: 'Checked at the provider: the case status is right' })
      .check();
    await flagSection.getByRole('button', { name: 'Clear flag' }).click();
    await expect(flagSection).toHaveCount(0);
    await expect(page.getByTestId('case-flag-explanation')).toHaveCount(0);
    const history = page.getByRole('region', { name: 'History' });
    await expect(history).toContainText('Flag cleared: Checked at the provider: the case status is right');
    await expect(header).toContainText(/review/i);
    await snap('case-flag-cleared');
    await expectNoSeriousAxeViolations(page, 'case after its flag was cleared');
    await page.goto('/cases?status=needs_review&flagged=true');
    await expect(queueRows(page).filter({ hasText: `Unknown status: ${UNKNOWN_STATUS}` })).toHaveCount(0);
  });
});
