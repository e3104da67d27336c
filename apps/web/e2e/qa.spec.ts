import { expectNoSeriousAxeViolations } from './axe';
import { createSandboxSession, expect, test } from './fixtures';

const today = () => new Date().toISOString().slice(0, 10);

test.describe('QA review of closed cases', () => {
  test.use({ signedInAs: 'manager', colorScheme: 'light' });
  // The sampler only reads closures older than its 30 s lag, so the new case shows up after that.
  test.describe.configure({ timeout: 180_000 });

  test('a manager samples a provider decision, disagrees with it, and the case and dashboard show it', async ({
    page,
    stack,
    snap,
  }) => {
    const session = (await createSandboxSession(stack, 'approve')) as { sessions?: { session_id: string }[] };
    const sessionId = session.sessions?.[0]?.session_id ?? '';
    const found = await page.request.get(`/api/cases?status=approved&q=${sessionId}`);
    const caseId = ((await found.json()) as { items: { id: number }[] }).items[0]!.id;

    await page.goto('/qa');
    await expect(page.getByRole('heading', { name: 'QA review' })).toBeVisible({ timeout: 30_000 });
    const sampling = page.getByRole('region', { name: 'QA sampling' });
    const rate = sampling.getByRole('textbox', { name: 'Rate for Didit KYC session' });
    await rate.fill('100');
    await sampling.getByRole('button', { name: 'Save sampling' }).click();
    await expect(page.getByText('Sampling saved')).toBeVisible();

    const table = page.getByRole('table', { name: 'QA items' });
    const record = table.getByRole('button', { name: `Record outcome for case #${caseId}`, exact: true });
    await expect(async () => {
      await sampling.getByRole('button', { name: 'Run sampler now' }).click();
      await expect(record).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 90_000, intervals: [5_000] });
    await snap('qa-queue-light');
    await expectNoSeriousAxeViolations(page, 'QA queue (light)');

    // Filters live in the URL.
    await page.getByRole('combobox', { name: 'Sampled for' }).click();
    await page.getByRole('option', { name: 'Sampling rate' }).click();
    await expect(page).toHaveURL(/reason=rate/);
    await expect(record).toBeVisible();

    await record.click();
    const dialog = page.getByRole('dialog', { name: `QA outcome for case #${caseId}` });
    await dialog.getByText('Disagree', { exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Record disagreement' })).toBeDisabled();
    await dialog.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Decided on insufficient evidence' }).click();
    await dialog
      .getByRole('textbox', { name: 'Note' })
      .fill('The selfie was not compared with the document.');
    await snap('qa-outcome-dialog-light', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'QA outcome dialog (light)');
    await dialog.getByRole('button', { name: 'Record disagreement' }).click();
    await expect(page.getByText(`Case #${caseId} is flagged for a manager.`)).toBeVisible();
    await expect(record).toHaveCount(0);

    await page.goto('/qa?status=disagreed');
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `Case #${caseId}`, exact: true }) });
    await expect(row).toContainText('Disagreed');
    await expect(row).toContainText('Case flagged');
    await expect(row).toContainText('Decided on insufficient evidence (Morgan Manager)');
    await row.getByRole('link', { name: `Case #${caseId}` }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
    await expect(page.getByText('QA disagreement').first()).toBeVisible({ timeout: 30_000 });

    await page.goto(`/dashboard?from=${today()}&to=${today()}`);
    const panel = page.getByRole('region', { name: 'QA agreement per reviewer' });
    await panel.scrollIntoViewIfNeeded();
    await snap('qa-dashboard-panel-light');
    await expectNoSeriousAxeViolations(page, 'dashboard with QA panel (light)');
    await expect(panel.getByRole('row', { name: /Provider/ })).toContainText('0.0 %');
    await panel.getByRole('link', { name: 'Disagreements in QA queue' }).click();
    await expect(page).toHaveURL(/\/qa\?status=disagreed$/);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/qa?status=all');
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(table.getByRole('link', { name: `Case #${caseId}`, exact: true })).toBeVisible();
    await snap('qa-queue-dark');
    await expectNoSeriousAxeViolations(page, 'QA queue (dark)');
    await page.goto(`/dashboard?from=${today()}&to=${today()}`);
    await expect(page.getByRole('region', { name: 'QA agreement per reviewer' })).toBeVisible();
    await expectNoSeriousAxeViolations(page, 'dashboard with QA panel (dark)');
  });

  test.describe('as an analyst', () => {
    test.use({ signedInAs: 'analyst' });
    test('analysts have no QA entry and are refused the API', async ({ page }) => {
      await page.goto('/cases');
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await expect(nav).toBeVisible({ timeout: 30_000 });
      await expect(nav.getByRole('link', { name: 'QA review' })).toHaveCount(0);
      expect((await page.request.get('/api/qa/items')).status()).toBe(403);
    });
  });
});
