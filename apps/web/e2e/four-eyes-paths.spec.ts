import type { Page } from '@playwright/test';
import {
  createSandboxSession,
  diditCaseId,
  expect,
  queueRows,
  returnToDecidedCase,
  signInAs,
  test,
} from './fixtures';

async function chooseReason(page: Page, label: string) {
  await page.getByRole('dialog').getByLabel('Reason').click();
  await page.getByRole('option', { name: label }).click();
}

test.describe('four-eyes along paths', () => {
  test('decline, request resubmission, approve: one analyst cannot reverse the decline; the manager sees it', async ({
    page,
    browser,
    stack,
    snap,
    baseURL,
  }) => {
    const session = (await createSandboxSession(stack, 'review_low_face_match')) as {
      sessions?: { session_id: string }[];
    };
    const caseId = await diditCaseId(page, session.sessions?.[0]?.session_id ?? '');
    await page.goto('/cases?status=needs_review&provider=didit');
    const row = queueRows(page).filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.locator('a[href^="/cases/"]').first().click();
    await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
    const header = page.getByRole('heading', { level: 1 }).locator('..');
    const actions = page.getByRole('region', { name: 'Actions' });

    // 1. Decline: a first decision, applied at once.
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    await chooseReason(page, 'Document expired');
    await page.getByRole('dialog').getByRole('button', { name: 'Decline case' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    // Decide-and-next moves the analyst on; the spec goes back to the declined case.
    await returnToDecidedCase(page, caseId);
    await expect(header).toContainText(/Rejected|Declined/, { timeout: 30_000 });

    // 2. Request resubmission on the declined case: it reopens a decision, so it waits for a second person.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Request resubmission/ }).click();
    const dialog = page.getByRole('dialog');
    await chooseReason(page, 'Blurry document');
    await dialog
      .getByRole('group', { name: 'Steps the applicant must redo' })
      .getByRole('checkbox')
      .first()
      .check();
    await expect(dialog.getByText('Four-eyes: needs a second person')).toBeVisible();
    await snap('four-eyes-resubmission-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Request resubmission', exact: true }).click();
    await expect(page.getByText("Waiting for a second person's approval")).toBeVisible();
    await returnToDecidedCase(page, caseId);
    await expect(actions.getByText('Awaiting approval')).toBeVisible();

    // 3. Approve while that waits: refused, the decline stands.
    await expect(page.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
    await expect(header).toContainText(/Rejected|Declined/);
    await snap('four-eyes-path-waiting');

    // The manager finds the resubmission request in the approvals inbox.
    const manager = await browser.newPage({ baseURL });
    await signInAs(manager, 'manager');
    await manager.goto('/approvals');
    const card = manager.locator('[data-action-id]').filter({ hasText: `Case ${caseId}` });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Request resubmission');
    await expect(card.getByRole('button', { name: 'Approve' })).toBeVisible();
    await manager.screenshot({ path: '/tmp/shots/four-eyes-path-inbox.png', fullPage: true });
    await manager.close();
  });
});
