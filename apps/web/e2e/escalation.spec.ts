import type { Page } from '@playwright/test';
import {
  createKryptogoCase,
  expect,
  queueRows,
  returnToDecidedCase,
  signInAs,
  signInAsEmail,
  startKyaScreening,
  test,
} from './fixtures';

/** Opens the spec's own case from the queue view given by `filter`. */
async function openFromQueue(page: Page, filter: string, caseId: number): Promise<void> {
  await page.goto(`/cases?${filter}`);
  const row = queueRows(page).filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.locator('a[href^="/cases/"]').first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function chooseReason(page: Page, label: RegExp | string) {
  await page.getByRole('dialog').getByLabel('Reason').click();
  await page.getByRole('option', { name: label }).first().click();
}

const header = (page: Page) => page.getByRole('heading', { level: 1 }).locator('..');

test.describe('every case can be closed: local decisions and escalation', () => {
  test('an analyst declines a KYA task here; another escalates an IDV task; the manager sends it back, then decides it', async ({
    page,
    browser,
    baseURL,
    stack,
    snap,
  }) => {
    // Three people and two decisions on a shared two-core machine: well past the 60 s default.
    test.setTimeout(240_000);
    // 1. KYA: decided here, labelled as not sent to KryptoGO.
    // The spec's own cases: the seeded ones are shared by every spec of the run.
    const kyaId = await startKyaScreening(page);
    const idvId = await createKryptogoCase(page, stack, 'idv', 'review');
    await openFromQueue(page, 'status=needs_review&provider=kryptogo&kind=kya_task', kyaId);
    await expect(page.getByTestId('local-decision-label')).toHaveText(
      'Approve and decline — Decided here; not sent to KryptoGO.',
    );
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(
      'Decided here; not sent to KryptoGO. The case will be marked declined.',
    );
    await chooseReason(page, 'Confirmed sanctions match');
    await dialog.getByLabel('Note (optional)').fill('Address linked to a listed entity.');
    await snap('escalation-kya-decline-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Decline case' }).click();
    await expect(dialog).toBeHidden();
    // Decide-and-next moves the analyst on; the spec goes back to read the outcome.
    await returnToDecidedCase(page, kyaId);
    await expect(header(page)).toContainText('Rejected');
    await snap('escalation-kya-declined');

    // 2. IDV: a second analyst escalates it with a reason.
    const analyst2 = await browser.newPage({ baseURL });
    await signInAsEmail(analyst2, 'analyst2@demo.local');
    await openFromQueue(analyst2, 'status=needs_review&provider=kryptogo&kind=idv_task', idvId);
    await analyst2.getByRole('button', { name: 'Escalate', exact: true }).click();
    const escalate = analyst2.getByRole('dialog');
    await expect(escalate).toContainText("The case moves to the managers' Escalated view");
    await escalate.getByRole('button', { name: 'Escalate to a manager' }).click();
    await expect(escalate.getByText('Choose a reason.')).toBeVisible();
    await chooseReason(analyst2, "Needs a manager's opinion");
    await escalate.getByLabel('Note (optional)').fill('ID number differs by one digit.');
    await analyst2.screenshot({ path: '/tmp/shots/escalation-idv-dialog.png' });
    await escalate.getByRole('button', { name: 'Escalate to a manager' }).click();
    await expect(escalate).toBeHidden();
    await returnToDecidedCase(analyst2, idvId);
    await expect(header(analyst2)).toContainText('Escalated');
    // While escalated, deciding is the managers' call.
    await expect(analyst2.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
    await analyst2.screenshot({ path: '/tmp/shots/escalation-idv-escalated-analyst.png', fullPage: true });
    await analyst2.close();

    // 3. The manager's Escalated tab lists it; the manager sends it back, then it is escalated again and decided.
    const manager = await browser.newPage({ baseURL });
    await signInAs(manager, 'manager');
    await manager.goto('/cases?status=escalated');
    await expect(manager.getByRole('tab', { name: /Escalated/ })).toHaveAttribute('aria-selected', 'true', {
      timeout: 30_000,
    });
    const row = queueRows(manager).filter({ has: manager.locator(`a[href="/cases/${idvId}"]`) });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await manager.screenshot({ path: '/tmp/shots/escalation-manager-queue.png', fullPage: true });
    await row.locator('a[href^="/cases/"]').first().click();
    await expect(manager).toHaveURL(new RegExp(`/cases/${idvId}$`));
    await manager.getByRole('button', { name: 'Send back to queue', exact: true }).click();
    const back = manager.getByRole('dialog');
    await expect(back.getByLabel('Reason')).toHaveCount(0);
    await back.getByLabel('Note (optional)').fill('Ask the customer for a new photo first.');
    await manager.screenshot({ path: '/tmp/shots/escalation-send-back-dialog.png' });
    await back.getByRole('button', { name: 'Send back to queue' }).click();
    await expect(back).toBeHidden();
    await returnToDecidedCase(manager, idvId);
    await expect(header(manager)).toContainText('Needs review');
    await expect(manager.getByRole('button', { name: 'Escalate', exact: true })).toBeEnabled();

    await manager.getByRole('button', { name: 'Escalate', exact: true }).click();
    await chooseReason(manager, 'Suspected fraud');
    await manager.getByRole('dialog').getByRole('button', { name: 'Escalate to a manager' }).click();
    await expect(manager.getByRole('dialog')).toBeHidden();
    await returnToDecidedCase(manager, idvId);
    await expect(header(manager)).toContainText('Escalated');
    await manager.getByRole('button', { name: 'Approve', exact: true }).click();
    await chooseReason(manager, 'Documents verified');
    await manager.getByRole('dialog').getByRole('button', { name: 'Approve case' }).click();
    await expect(manager.getByRole('dialog')).toBeHidden();
    await returnToDecidedCase(manager, idvId);
    await expect(header(manager)).toContainText('Approved');
    await manager.screenshot({ path: '/tmp/shots/escalation-manager-decided.png', fullPage: true });
    await manager.close();
  });
});
