import { expect, queueRows, signInAs, test } from './fixtures';

test.describe('decision reasons', () => {
  test.use({ signedInAs: 'admin' });

  test('an admin adds a reason and retires another; reviewers see the list change', async ({
    page,
    snap,
  }) => {
    await page.goto('/admin/settings');
    const form = page.getByRole('form', { name: 'New reason' });
    await form.getByLabel('Code').fill('kyc_refresh_overdue');
    await form.getByLabel('Label').fill('KYC refresh overdue');
    await form.getByRole('checkbox', { name: 'Decline', exact: true }).check();
    await form.getByRole('button', { name: 'Add reason' }).click();
    const table = page.getByRole('table', { name: 'Decision reasons' });
    await expect(table.getByText('kyc_refresh_overdue')).toBeVisible();

    // Mantine draws the track over a visually hidden input; a click event on the input is what a user's click does.
    await table.getByRole('switch', { name: 'face_mismatch in use' }).dispatchEvent('click');
    await expect(table.getByRole('switch', { name: 'face_mismatch in use' })).not.toBeChecked();
    await snap('admin-reason-codes');

    // An analyst's decline dialog offers the new reason and no longer the retired one.
    await signInAs(page, 'analyst');
    await page.goto('/cases?status=needs_review&provider=didit');
    await queueRows(page).first().locator('a[href^="/cases/"]').first().click();
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').click();
    await expect(page.getByRole('option', { name: 'KYC refresh overdue' })).toBeVisible();
    await expect(page.getByRole('option', { name: 'Face does not match the document' })).toHaveCount(0);
  });
});
