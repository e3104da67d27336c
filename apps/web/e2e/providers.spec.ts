import type { Page } from '@playwright/test';
import {
  createDittoCase,
  createKryptogoCase,
  expect,
  queueRows,
  returnToDecidedCase,
  startKyaScreening,
  test,
} from './fixtures';

/**
 * Opens a case from the queue under a provider/kind filter (every status unless given): the row of
 * `caseId` when the spec made its own case, else the first row matching `name`.
 */
async function openFromQueue(
  page: Page,
  filter: string,
  name: RegExp | string,
  status = 'pending,needs_review,approved,rejected,expired',
  caseId?: number,
) {
  await page.goto(`/cases?status=${status}&${filter}`);
  const row = caseId
    ? queueRows(page).filter({ has: page.locator(`a[href="/cases/${caseId}"]`) })
    : queueRows(page).filter({ hasText: name }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(name);
  await row.locator('a[href^="/cases/"]').first().click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function chooseReason(page: Page, label: RegExp | string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').click();
  await page.getByRole('option', { name: label }).first().click();
}

async function addInternalComment(page: Page, text: string) {
  const comments = page.getByRole('region', { name: 'Internal comments' });
  await comments.getByLabel('Add a comment').fill(text);
  await comments.getByRole('button', { name: 'Add comment' }).click();
  await expect(comments.getByText(text)).toBeVisible();
}

test.describe('KryptoGO and Ditto case views', () => {
  test('queue rows of every provider kind show names, masked numbers and bands', async ({ page, snap }) => {
    await page.goto('/cases?status=pending,needs_review,approved,rejected,expired&provider=kryptogo,ditto');
    const rows = queueRows(page);
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Due diligence' }).first()).toContainText(
      /Very high|High|Medium|Low/,
    );
    await expect(rows.filter({ hasText: 'ID verification' }).first()).toContainText(/••••/);
    await expect(rows.filter({ hasText: 'KYA (address)' }).first()).toContainText(/0x[0-9a-f]{6}/);
    await expect(rows.filter({ hasText: 'KYC submission' }).first()).toContainText(/••••/);
    await snap('providers-queue');
  });

  test('KryptoGO DD: sanction match, sources, band; accept with a reason', async ({ page, stack, snap }) => {
    const caseId = await createKryptogoCase(page, stack, 'dd', 'sanction');
    await openFromQueue(page, 'provider=kryptogo&kind=dd_task', 'Sanction Subject', 'needs_review', caseId);
    await expect(page.getByRole('alert').filter({ hasText: 'Sanction list match' })).toBeVisible();
    await expect(page.getByRole('meter', { name: 'Potential risk' })).toHaveAttribute(
      'aria-valuetext',
      '100 — Very high',
    );
    const sources = page.getByRole('region', { name: 'Search sources' });
    for (const source of [
      'Negative news',
      'Dow Jones database',
      'Taiwan company',
      'Taiwan verdict',
      'Sanction list',
    ])
      await expect(sources.getByRole('group', { name: source })).toBeVisible();
    await expect(sources.getByRole('group', { name: 'Sanction list' })).toContainText('1 hit');
    await expect(
      sources.getByRole('group', { name: 'Sanction list' }).getByRole('link').first(),
    ).toHaveAttribute('href', /^https:\/\//);
    const audit = page.getByRole('region', { name: 'Audit at KryptoGO' });
    await expect(audit).toContainText('pending');
    await expect(audit).toContainText('Next periodic review');
    await snap('provider-kryptogo-dd');

    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    await expect(approve).toBeEnabled();
    await approve.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('KryptoGO will be told: Accepted.');
    await chooseReason(page, /./);
    await dialog.getByLabel('Note (optional)').fill('Sanction hit cleared: different date of birth.');
    await dialog.getByRole('button', { name: 'Approve case' }).click();
    await expect(dialog).toBeHidden();
    await returnToDecidedCase(page, caseId);
    const actions = page.getByRole('region', { name: 'Actions' });
    await expect(actions.getByText('Applied')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Audit at KryptoGO' })).toContainText('accepted', {
      timeout: 30_000,
    });
    await snap('provider-kryptogo-dd-accepted');

    // Metadata goes to KryptoGO through the outbox too, and comes back on the re-read task.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Set provider metadata/ }).click();
    const metadataDialog = page.getByRole('dialog');
    await metadataDialog.getByRole('button', { name: 'Set metadata' }).click();
    await expect(metadataDialog.getByText('Add at least one key and value.')).toBeVisible();
    await metadataDialog.getByLabel('Key 1').fill('case_owner');
    await metadataDialog.getByLabel('Value 1').fill('onboarding-team');
    await snap('provider-metadata-dialog', { fullPage: false });
    await metadataDialog.getByRole('button', { name: 'Set metadata' }).click();
    await expect(metadataDialog).toBeHidden();
    await expect(page.getByRole('table', { name: 'Provider metadata' })).toContainText('onboarding-team', {
      timeout: 30_000,
    });
  });

  test('KryptoGO KYA: address, band, SDN and transactions; internal comment', async ({ page, snap }) => {
    const caseId = await startKyaScreening(page);
    await openFromQueue(page, 'provider=kryptogo&kind=kya_task', /0x/, 'needs_review', caseId);
    const address = page.getByRole('region', { name: 'Address screening' });
    await expect(address.getByRole('button', { name: 'Copy address' })).toBeVisible();
    await expect(address).toContainText(/Ethereum · ETH|Bitcoin · BTC/);
    await expect(page.getByRole('meter', { name: 'Address risk' })).toHaveAttribute(
      'aria-valuetext',
      /^\d+(\.\d)? — (Low|Low-to-medium|Medium|High|Very high)$/,
    );
    await expect(page.getByRole('region', { name: 'Sanction (SDN) matches' })).toBeVisible();
    const transactions = page.getByRole('table', { name: 'Transactions' }).locator('tbody tr');
    await expect(transactions.first()).toContainText('…');
    await expect(transactions.first().getByRole('button', { name: 'Copy transaction hash' })).toBeVisible();
    // KryptoGO has no decision endpoint for KYA tasks: they are decided here (escalation.spec.ts).
    await expect(page.getByRole('button', { name: 'Approve', exact: true })).toBeEnabled();
    await addInternalComment(page, 'Address belongs to the customer’s exchange account.');
    await snap('provider-kryptogo-kya');
  });

  test('KryptoGO IDV: expected vs extracted with the mismatch highlighted; internal comment', async ({
    page,
    stack,
    snap,
  }) => {
    const caseId = await createKryptogoCase(page, stack, 'idv', 'review');
    await openFromQueue(page, 'provider=kryptogo&kind=idv_task', 'Sandbox Holder', 'needs_review', caseId);
    const table = page.getByRole('table', { name: 'Expected vs extracted fields' });
    await expect(table.locator('tr[data-mismatch]').first()).toContainText('Mismatch');
    await expect(page.getByRole('region', { name: 'ID verification' })).toContainText('review');
    await expect(page.getByRole('region', { name: 'Linked due-diligence tasks' })).toBeVisible();
    await addInternalComment(page, 'ID number differs by one digit: asked the customer for a new photo.');
    await snap('provider-kryptogo-idv');
  });

  test('Ditto: per-source fields, meters and images; approve locally', async ({ page, stack, snap }) => {
    const caseId = await createDittoCase(page, stack, 'mrz_visual_mismatch');
    await openFromQueue(page, 'provider=ditto&kind=kyc_submission', 'Samplea', 'needs_review', caseId);
    const fields = page.getByRole('table', { name: 'Identity fields by source' });
    await expect(fields.getByRole('columnheader', { name: /MRZ/ })).toBeVisible();
    await expect(fields.getByRole('columnheader', { name: /Visual zone/ })).toBeVisible();
    await expect(fields.locator('tr[data-mismatch]')).toContainText('Surname');
    for (const meter of ['Liveness', 'Face match'])
      await expect(page.getByRole('meter', { name: meter })).toHaveAttribute(
        'aria-valuetext',
        /^\d+(\.\d)? — (above|below|at) decline threshold \d+$/,
      );
    const images = page.getByRole('region', { name: 'Images' }).getByRole('img');
    await expect(images).toHaveCount(3);
    await expect
      .poll(() =>
        images.evaluateAll((nodes) => nodes.every((node) => (node as HTMLImageElement).naturalWidth > 0)),
      )
      .toBe(true);
    await snap('provider-ditto');

    await page.getByRole('button', { name: 'Enlarge Document front page' }).click();
    await expect(page.getByRole('dialog').getByRole('img', { name: 'Document front page' })).toBeVisible();
    await snap('provider-ditto-enlarged', { fullPage: false });
    await page.keyboard.press('Escape');

    // Approve (not decline): the queue spec expects the newest rejected case to be a declined Didit one.
    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    await expect(approve).toBeEnabled();
    await approve.click();
    const dialog = page.getByRole('dialog');
    await chooseReason(page, /./);
    await dialog.getByRole('button', { name: 'Approve case' }).click();
    await expect(dialog).toBeHidden();
    await returnToDecidedCase(page, caseId);
    await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText(/Approved/, {
      timeout: 30_000,
    });
    await snap('provider-ditto-approved');
  });

  test('start a KYA screening from the queue and land on its case', async ({ page, snap }) => {
    await page.goto('/cases');
    await page.getByRole('button', { name: 'New screening' }).click();
    const dialog = page.getByRole('dialog', { name: 'New KryptoGO screening' });
    await dialog.getByText('Wallet address (KYA)').click();
    const address = dialog.getByRole('textbox', { name: 'Address' });
    await address.fill('0x1234');
    await dialog.getByRole('button', { name: 'Start screening' }).click();
    await expect(dialog.getByText(/Not a BTC or ETH address/)).toBeVisible();
    await snap('provider-screening-dialog', { fullPage: false });
    await address.fill('0x52908400098527886e0f7030069857d2e4169ee7');
    await dialog.getByRole('button', { name: 'Start screening' }).click();
    await expect(page).toHaveURL(/\/cases\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      '0x52908400098527886e0f7030069857d2e4169ee7',
    );
    await expect(page.getByRole('region', { name: 'Address screening' })).toBeVisible();
    await snap('provider-screening-result');
  });
});
