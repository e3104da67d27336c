import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { createSandboxSession, expect, test } from './fixtures';

/** A Didit session that lands in review with AML hits and warnings; its case id once the webhook filed it. */
async function reviewCase(page: Page, stack: Parameters<typeof createSandboxSession>[0]): Promise<number> {
  const created = (await createSandboxSession(stack, 'review_aml_pep')) as {
    sessions?: { session_id: string }[];
  };
  const sessionId = created.sessions?.[0]?.session_id ?? '';
  expect(sessionId).not.toBe('');
  let caseId = 0;
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/cases?q=${sessionId}`);
        const body = (await response.json()) as { items: Array<{ id: number; status: string }> };
        caseId = body.items[0]?.id ?? 0;
        return body.items[0]?.status ?? null;
      },
      { timeout: 30_000 },
    )
    .toBe('needs_review');
  return caseId;
}

function checklist(page: Page) {
  return page.getByRole('region', { name: 'Why this case is in review' });
}

/** Follows the first AML hit's evidence link and checks its row is marked, in view and focused. */
async function followHitLink(page: Page) {
  const hitItem = checklist(page).locator('li[data-review-item^="didit.aml_hit."]').first();
  await expect(hitItem).toBeVisible();
  await hitItem.getByRole('link', { name: /^Show evidence:/ }).click();
  const target = page.locator('[data-evidence-highlight]');
  await expect(target).toHaveCount(1);
  await expect(target).toHaveAttribute('id', /^evidence-didit-aml-hit-\d+$/);
  await expect(target).toBeInViewport();
  await expect(target).toBeFocused();
  const outline = await target.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe('solid');
}

test.describe('the review checklist', () => {
  // Two sandbox round trips, a decision and three axe runs: more than the default minute on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  test('tick items, follow a link to its evidence, decide, and find the ticks in the decision history', async ({
    page,
    stack,
    snap,
  }) => {
    const caseId = await reviewCase(page, stack);
    await page.goto(`/cases/${caseId}`);
    const list = checklist(page);
    // The first paint of a case page can take a while on a loaded machine.
    await expect(list).toBeVisible({ timeout: 30_000 });
    const items = list.locator('li[data-review-item]');
    const total = await items.count();
    expect(total).toBeGreaterThan(1);
    await expect(list.getByText(`0 of ${total} checked`)).toBeVisible();

    // Ticked from the keyboard: focus the first item's box and press Space.
    const firstBox = items.first().getByRole('checkbox');
    await firstBox.focus();
    await page.keyboard.press('Space');
    await expect(firstBox).toBeChecked();
    await expect(list.getByText(`1 of ${total} checked`)).toBeVisible();
    // A tick taken back is not sent.
    await items.nth(1).getByRole('checkbox').check();
    await expect(list.getByText(`2 of ${total} checked`)).toBeVisible();
    await items.nth(1).getByRole('checkbox').uncheck();
    await expect(list.getByText(`1 of ${total} checked`)).toBeVisible();
    await snap('review-checklist-ticked');

    // Ticks survive a reload of the tab (session storage), not just the component.
    await page.reload();
    await expect(checklist(page).getByText(`1 of ${total} checked`)).toBeVisible({ timeout: 30_000 });

    await followHitLink(page);
    await snap('review-checklist-evidence-light', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'case page with the review checklist (light)');

    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('checklist-notice')).toContainText(
      `${total - 1} of ${total} checklist items are not ticked`,
    );
    await dialog.getByLabel('Reason').click();
    await page.getByRole('option', { name: 'AML hit is a false positive' }).click();
    await snap('review-checklist-decision-dialog', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'decision dialog with the unticked warning');
    await dialog.getByRole('button', { name: 'Approve case' }).click();
    await expect(dialog).toBeHidden();

    await page.goto(`/cases/${caseId}`);
    const actions = page.getByRole('region', { name: 'Actions' });
    const summary = actions.getByTestId('action-checklist');
    await expect(summary).toContainText(`Checklist: 1 of ${total} checked by`, { timeout: 30_000 });
    await summary.locator('summary').click();
    await expect(summary.getByLabel('Ticked', { exact: true })).toHaveCount(1);
    await expect(summary.getByLabel('Not ticked', { exact: true })).toHaveCount(total - 1);
    // The decision took the ticks: the page starts a clean list for any later decision.
    await expect(checklist(page).getByText(`0 of ${total} checked`)).toBeVisible();
    await summary.scrollIntoViewIfNeeded();
    await snap('review-checklist-history', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'decision history with the stored checklist');
  });

  test.describe('dark scheme', () => {
    test.use({ colorScheme: 'dark' });

    test('the evidence highlight shows and the checklist passes axe', async ({ page, stack, snap }) => {
      const caseId = await reviewCase(page, stack);
      await page.goto(`/cases/${caseId}`);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
      await expect(checklist(page)).toBeVisible({ timeout: 30_000 });
      await snap('review-checklist-dark');
      await followHitLink(page);
      await snap('review-checklist-evidence-dark', { fullPage: false });
      await expectNoSeriousAxeViolations(page, 'case page with the review checklist (dark)');
    });
  });
});
