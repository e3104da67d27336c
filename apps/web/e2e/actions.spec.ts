import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, queueRows, signInAs, signInAsEmail, test } from './fixtures';

/** Didit cases: the provider-side actions (update-status, blocklist) exist for them. */
async function openFirstReviewCase(page: Page): Promise<number> {
  await page.goto('/cases?status=needs_review&provider=didit');
  const row = queueRows(page).first();
  await expect(row).toBeVisible();
  await row.locator('a[href^="/cases/"]').first().click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return Number(new URL(page.url()).pathname.split('/').pop());
}

async function chooseReason(page: Page, label: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').click();
  await page.getByRole('option', { name: label }).click();
}

test.describe('reviewer actions', () => {
  test('an analyst declines a case; a manager finds it in the audit log and exports it', async ({
    page,
    browser,
    snap,
    baseURL,
  }) => {
    const caseId = await openFirstReviewCase(page);
    await snap('case-action-bar');

    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Didit will be told: Declined.');
    await dialog.getByRole('button', { name: 'Decline case' }).click();
    await expect(dialog.getByText('Choose a reason.')).toBeVisible();
    await chooseReason(page, 'Document expired');
    await dialog.getByLabel('Note (optional)').fill('Expired ID seen on the front image.');
    await snap('decline-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Decline case' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/Sent to Didit|Queued: provider unreachable/).first()).toBeVisible();
    // Decide-and-next moves on to the next case of the view; the declined case keeps its history.
    await expect(page).not.toHaveURL(new RegExp(`/cases/${caseId}$`));
    await page.goto(`/cases/${caseId}`);

    const actions = page.getByRole('region', { name: 'Actions' });
    await expect(actions).toContainText('Document expired');
    await expect(actions.getByText('Applied')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText(/Rejected|Declined/, {
      timeout: 30_000,
    });
    await snap('case-declined');

    const manager = await browser.newPage({ baseURL });
    await signInAs(manager, 'manager');
    await manager.goto(`/audit?caseId=${caseId}`);
    const table = manager.getByRole('table', { name: 'Audit entries' });
    await expect(table).toContainText('Case action requested');
    await manager
      .getByRole('button', { name: /^Show details of entry/ })
      .first()
      .click();
    await manager.screenshot({ path: '/tmp/shots/audit-case-filtered.png', fullPage: true });

    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('case.action_requested');
    expect(csv).toContain('document_expired');

    await manager.getByRole('button', { name: 'Verify chain' }).click();
    await expect(manager.getByText('Chain intact')).toBeVisible();
    await manager.screenshot({ path: '/tmp/shots/audit-verified.png', fullPage: false });
    await manager.close();
  });

  test('four-eyes: a blocklist request waits, a second analyst approves it', async ({
    page,
    browser,
    snap,
    baseURL,
  }) => {
    const caseId = await openFirstReviewCase(page);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Blocklist…' }).click();
    const dialog = page.getByRole('dialog');
    await chooseReason(page, 'Confirmed fraud');
    await dialog.getByLabel('Document').check();
    await expect(dialog.getByText('Four-eyes: needs a second person')).toBeVisible();
    await snap('blocklist-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add to blocklist' }).click();
    await expect(page.getByText("Waiting for a second person's approval")).toBeVisible();
    const actions = page.getByRole('region', { name: 'Actions' });
    await expect(actions.getByText('Awaiting approval')).toBeVisible();

    const second = await browser.newPage({ baseURL });
    await signInAsEmail(second, 'analyst2@demo.local');
    await second.goto(`/cases/${caseId}`);
    const secondActions = second.getByRole('region', { name: 'Actions' });
    // Analysts cannot approve (actions:approve); a manager does.
    await expect(secondActions.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await second.close();

    const manager = await browser.newPage({ baseURL });
    await signInAs(manager, 'manager');
    await manager.goto('/approvals');
    const card = manager.locator(`[data-action-id]`).filter({ hasText: `Case ${caseId}` });
    await expect(card).toBeVisible();
    await manager.screenshot({ path: '/tmp/shots/approvals-inbox.png', fullPage: true });
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByRole('button', { name: 'Confirm approve' }).click();
    await expect(manager.getByText(/Approved — it is being sent/)).toBeVisible();

    await page.reload();
    await expect(actions.getByText('Applied')).toBeVisible({ timeout: 30_000 });
    await snap('case-blocklist-applied');
    await manager.close();
  });

  test('comment, metadata and assignment on a case', async ({ page, snap }) => {
    await openFirstReviewCase(page);
    const comments = page.getByRole('region', { name: 'Internal comments' });
    await comments.getByLabel('Add a comment').fill('Called the customer, waiting for a new photo.');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    await expect(comments.getByText('Called the customer, waiting for a new photo.')).toBeVisible();

    const metadata = page.getByRole('region', { name: 'Metadata' });
    await metadata.getByRole('button', { name: 'Edit' }).click();
    await metadata.getByRole('button', { name: 'Add row' }).click();
    await metadata.getByLabel('Key 1').fill('bad key!');
    await metadata.getByLabel('Value 1').fill('TCK-1234');
    await metadata.getByRole('button', { name: 'Save metadata' }).click();
    await expect(metadata.getByText('Letters, digits, dot, dash and underscore only.')).toBeVisible();
    await snap('metadata-editor-error');
    await metadata.getByLabel('Key 1').fill('ticket');
    await metadata.getByRole('button', { name: 'Save metadata' }).click();
    await expect(metadata.getByRole('table', { name: 'Case metadata' })).toContainText('TCK-1234');

    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expect(page.getByLabel('Assignee', { exact: true }).first()).toHaveValue('Alex Analyst');
    await snap('case-comment-metadata-assignee');
  });
});

test.describe('admin', () => {
  test.use({ signedInAs: 'admin' });

  test('an admin changes a threshold and sees it after reload', async ({ page, snap }) => {
    await page.goto('/admin/workflows');
    const workflow = page.getByRole('region').first();
    const input = workflow.getByLabel('AML: decline at or above');
    await expect(input).toBeVisible();
    const before = Number(await input.inputValue());
    const next = before === 90 ? 85 : 90;
    await input.fill(String(next));
    await workflow.getByRole('button', { name: 'Save…' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText(
      `AML: decline at or above: ${Number.isNaN(before) ? 'not set' : before} → ${next}`,
    );
    await snap('workflow-confirm', { fullPage: false });
    await confirm.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Workflow saved')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region').first().getByLabel('AML: decline at or above')).toHaveValue(
      String(next),
    );
    await snap('workflows');

    await page.goto('/admin/users');
    await expect(page.getByRole('table', { name: 'Users' })).toContainText('analyst@demo.local');
    await snap('users');
    await page.goto('/admin/settings');
    await expect(page.getByRole('heading', { name: 'Four-eyes rules' })).toBeVisible();
    await snap('four-eyes-settings');
  });
});

test('an analyst sees no admin navigation and a 403 screen by URL', async ({ page, snap }) => {
  await page.goto('/cases?status=needs_review');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Review queue' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page.getByText('You do not have access to this page')).toBeVisible();
  await snap('forbidden');
});
