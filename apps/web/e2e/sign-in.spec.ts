import { expect, test } from './fixtures';

test.describe('sign-in', () => {
  test.use({ signedInAs: null });

  test('a signed-out reviewer is sent to sign in and comes back to the page they asked for', async ({
    page,
    snap,
  }) => {
    await page.goto('/cases?status=approved');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expect(page.getByRole('heading', { name: 'Compliance review' })).toBeVisible();
    await page.getByLabel('E-mail').fill('analyst@demo.local');
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('The e-mail or password is not correct.');
    await snap('sign-in-failed');

    await page.getByRole('textbox', { name: 'Password' }).fill('demo-analyst-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/cases\?status=approved/);
    await expect(page.getByRole('button', { name: /Account: Alex Analyst/ })).toBeVisible();
    await snap('signed-in-queue');

    await page.getByRole('button', { name: /Account: Alex Analyst/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/cases');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
