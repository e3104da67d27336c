import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, signInAs, test } from './fixtures';
import type { RunningStack } from './stackFile';

async function sandbox(stack: RunningStack, path: string, body?: unknown) {
  const response = await fetch(`${stack.diditSandboxUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.diditApiKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A Didit session that reached the back-office as a case; returns its session id. */
async function newSession(stack: RunningStack, page: Page): Promise<{ sessionId: string; caseId: number }> {
  const created = await sandbox(stack, '/_sandbox/didit/sessions', { scenario: 'review_low_face_match' });
  const sessionId = created.sessions[0].session_id as string;
  let caseId = 0;
  await expect(async () => {
    const found = [];
    for (const query of [`q=${sessionId}`, 'sort=newest', '']) {
      const response = await page.request.get(`/api/cases?provider=didit&${query}`);
      if (response.ok()) found.push(...((await response.json()).items ?? []));
    }
    const row = found.find((item: { externalId: string }) => item.externalId === sessionId);
    expect(row).toBeDefined();
    caseId = row.id;
  }).toPass({ timeout: 30_000 });
  return { sessionId, caseId };
}

async function chooseList(page: Page, name: RegExp) {
  await page.getByRole('combobox', { name: 'List' }).click();
  await page.getByRole('option', { name }).click();
}

test.describe('lists screen', () => {
  test.use({ signedInAs: 'manager' });

  test('manager adds a case to a list, requests a removal, a second manager approves it', async ({
    page,
    browser,
    baseURL,
    stack,
    snap,
  }) => {
    const { sessionId, caseId } = await newSession(stack, page);
    // An entry already on Didit's document blocklist, from this session.
    const lists = await sandbox(stack, '/v3/lists/?list_type=blocklist&entry_type=document');
    await sandbox(stack, `/v3/lists/${lists.results[0].uuid}/entries/`, {
      reference_session_id: sessionId,
      comment: 'Seen in a fraud ring',
    });

    await page.goto('/lists');
    await expect(page.getByRole('heading', { name: 'Lists', level: 1 })).toBeVisible();
    await page.getByRole('navigation').getByRole('link', { name: 'Lists' }).isVisible();
    await chooseList(page, /Document blocklist/);
    await page.getByRole('textbox', { name: 'Search' }).fill(sessionId);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`search=${sessionId}`));
    const table = page.getByRole('table', { name: 'List entries' });
    const row = table.locator('tbody tr').first();
    await expect(row).toContainText('Seen in a fraud ring');
    await expect(row.getByRole('link', { name: `Case ${caseId}` })).toHaveAttribute(
      'href',
      `/cases/${caseId}`,
    );

    // Adding the same case's phone-less session to the face blocklist, with a comment, through the form.
    await chooseList(page, /Face blocklist/);
    await page.getByRole('button', { name: 'Add entry' }).click();
    const add = page.getByRole('dialog', { name: 'Add an entry to Face blocklist' });
    await add.getByRole('textbox', { name: 'Case number' }).fill(String(caseId));
    await add.getByRole('textbox', { name: 'Comment' }).fill('Same face as a confirmed fraud');
    await add.getByRole('button', { name: 'Add to list' }).click();
    await expect(page.getByText('A second manager must approve it in Approvals')).toBeVisible();

    await chooseList(page, /Document blocklist/);
    await row.getByRole('button', { name: /Remove entry/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Request removal from the list' });
    await dialog.getByRole('textbox', { name: 'Why remove it' }).fill('Cleared by the bank');
    await snap('lists-removal-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Request removal' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Removal: Awaiting approval (by Morgan Manager)');
    await expect(row.getByRole('button', { name: /Remove entry/ })).toBeDisabled();
    await snap('lists-pending-removal');

    // Another manager approves it in the inbox; the entry leaves the list.
    const admin = await browser.newPage({ baseURL });
    await signInAs(admin, 'admin');
    await admin.goto('/approvals');
    const card = admin
      .locator('[data-action-id]')
      .filter({ hasText: `Case ${caseId}` })
      .filter({ hasText: 'Remove from list' });
    await expect(card).toBeVisible({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await card.getByRole('button', { name: 'Confirm approve' }).click();
    await expect(card).toBeHidden({ timeout: 30_000 });
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('No entries match')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await admin.close();
  });

  test('manager adds a typed e-mail, then removes an entry that came from no session', async ({
    page,
    browser,
    baseURL,
    snap,
  }) => {
    const address = `ring-${Date.now()}@example.net`;
    await page.goto('/lists');
    await chooseList(page, /Email blocklist/);
    await page.getByRole('button', { name: 'Add entry' }).click();
    const add = page.getByRole('dialog', { name: 'Add an entry to Email blocklist' });
    await add.getByRole('textbox', { name: 'Value' }).fill('ring@');
    await add.getByRole('textbox', { name: 'Comment' }).fill('Chargeback ring');
    await add.getByRole('button', { name: 'Add to list' }).click();
    await expect(add.getByText('This is not an e-mail address.')).toBeVisible();
    await snap('lists-add-dialog-error', { fullPage: false });
    await add.getByRole('textbox', { name: 'Value' }).fill(address);
    await add.getByRole('button', { name: 'Add to list' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByText('A second manager must approve it in Approvals')).toBeVisible();

    // Another manager approves the addition; the entry shows masked, from no case.
    const admin = await browser.newPage({ baseURL });
    await signInAs(admin, 'admin');
    await admin.goto('/approvals');
    const card = admin
      .locator('[data-action-id]')
      .filter({ hasText: 'Didit list · r•••@example.net' })
      .first();
    await expect(card).toBeVisible({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await card.getByRole('button', { name: 'Confirm approve' }).click();
    await expect(card).toBeHidden({ timeout: 30_000 });

    await page.getByRole('textbox', { name: 'Search' }).fill(address);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const row = page.getByRole('table', { name: 'List entries' }).locator('tbody tr').first();
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText('r•••@example.net', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(row).toContainText('Added by value');
    await expect(row).not.toContainText(address);
    await snap('lists-typed-entry');

    // Its removal: no case carries it, and it still needs a second manager.
    await row.getByRole('button', { name: /Remove entry/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Request removal from the list' });
    await dialog
      .getByRole('textbox', { name: 'Why remove it' })
      .fill('Customer proved the address is theirs');
    await dialog.getByRole('button', { name: 'Request removal' }).click();
    await expect(row).toContainText('Removal: Awaiting approval (by Morgan Manager)');
    await admin.reload();
    const removal = admin
      .locator('[data-action-id]')
      .filter({ hasText: 'Remove from list' })
      .filter({ hasText: 'Didit list' })
      .first();
    await expect(removal).toBeVisible({ timeout: 30_000 });
    await removal.getByRole('button', { name: 'Approve', exact: true }).click();
    await removal.getByRole('button', { name: 'Confirm approve' }).click();
    await expect(removal).toBeHidden({ timeout: 30_000 });
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('No entries match')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await admin.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`is accessible in the ${colorScheme} scheme`, async ({ page, stack, snap }) => {
      await page.emulateMedia({ colorScheme });
      const { sessionId } = await newSession(stack, page);
      const lists = await sandbox(stack, '/v3/lists/?list_type=blocklist&entry_type=face');
      await sandbox(stack, `/v3/lists/${lists.results[0].uuid}/entries/`, {
        reference_session_id: sessionId,
      });
      await page.goto('/lists');
      await chooseList(page, /Face blocklist/);
      await expect(page.getByRole('table', { name: 'List entries' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
      await snap(`lists-${colorScheme}`);
      await expectNoSeriousAxeViolations(page, `lists (${colorScheme})`);
      await chooseList(page, /Email blocklist/);
      await page.getByRole('button', { name: 'Add entry' }).click();
      const add = page.getByRole('dialog', { name: 'Add an entry to Email blocklist' });
      await add.getByRole('textbox', { name: 'Value' }).fill('not-an-email');
      await add.getByRole('textbox', { name: 'Comment' }).fill('x');
      await add.getByRole('button', { name: 'Add to list' }).click();
      await expect(add.getByText('This is not an e-mail address.')).toBeVisible();
      await snap(`lists-add-dialog-${colorScheme}`, { fullPage: false });
      await expectNoSeriousAxeViolations(page, `lists add dialog (${colorScheme})`);
    });
  }
});
