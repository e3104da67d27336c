import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, queueRows, test } from './fixtures';

const ALL_STATUSES = 'pending,needs_review,approved,rejected,expired';
// A first paint on a cold context waits for the API and every chunk; the machine running the suite
// is shared, so allow more than the default for it (the checks themselves are not timed).
const FIRST_PAINT = { timeout: 30_000 };

/** Opens the first case of a provider/kind from the queue, as a reviewer would. */
async function openCase(page: Page, filter: string, status = ALL_STATUSES) {
  await page.goto(`/cases?status=${status}&${filter}`);
  const row = queueRows(page).first();
  await expect(row).toBeVisible(FIRST_PAINT);
  await row.locator('a[href^="/cases/"]').first().click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible(FIRST_PAINT);
  await expect(page.getByRole('region', { name: 'Actions', exact: true })).toBeVisible(FIRST_PAINT);
}

async function settled(page: Page) {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  await expect(page.locator('.mantine-Skeleton-root[data-visible="true"]')).toHaveCount(0);
}

// Each screen in both colour schemes; the app follows the system scheme until the user picks one.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${colorScheme} scheme`, () => {
    test.use({ colorScheme, signedInAs: 'admin' });
    // axe walks the whole DOM; the audit log and case pages are large on a busy two-core machine.
    test.describe.configure({ timeout: 180_000 });

    async function check(page: Page, snap: (name: string) => Promise<void>, screen: string) {
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
      await snap(`a11y-${colorScheme}-${screen}`);
      await expectNoSeriousAxeViolations(page, `${screen} (${colorScheme})`);
    }

    test.describe('signed out', () => {
      test.use({ signedInAs: null });
      test('sign-in page', async ({ page, snap }) => {
        await page.goto('/sign-in');
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible(FIRST_PAINT);
        await check(page, snap, 'sign-in');
        await page.getByRole('button', { name: /sign in/i }).click();
        await check(page, snap, 'sign-in-errors');
      });
    });

    test('review queue, filtered and empty', async ({ page, snap }) => {
      await page.goto('/cases?status=needs_review');
      await expect(queueRows(page).first()).toBeVisible(FIRST_PAINT);
      await check(page, snap, 'queue');
      await page.goto(`/cases?status=${ALL_STATUSES}&sort=riskScore&order=desc`);
      await expect(queueRows(page).first()).toBeVisible(FIRST_PAINT);
      await check(page, snap, 'queue-all-by-risk');
      await page.goto('/cases?status=needs_review&q=zz-no-such-person-zz');
      await expect(page.getByText('No cases match these filters')).toBeVisible(FIRST_PAINT);
      await check(page, snap, 'queue-empty');
    });

    for (const [screen, filter] of [
      ['case-didit-session', 'provider=didit&kind=kyc_session'],
      ['case-kryptogo-dd', 'provider=kryptogo&kind=dd_task'],
      ['case-kryptogo-kya', 'provider=kryptogo&kind=kya_task'],
      ['case-kryptogo-idv', 'provider=kryptogo&kind=idv_task'],
      ['case-ditto-submission', 'provider=ditto&kind=kyc_submission'],
    ] as const) {
      test(screen, async ({ page, snap }) => {
        await openCase(page, filter);
        await check(page, snap, screen);
      });
    }

    test('action dialog on a case', async ({ page, snap }) => {
      await openCase(page, 'provider=didit&kind=kyc_session', 'needs_review');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check(page, (name) => snap(name, { fullPage: false }), 'case-action-dialog');
    });

    test('case that does not exist', async ({ page, snap }) => {
      await page.goto('/cases/987654321');
      await expect(
        page
          .getByRole('alert')
          .or(page.getByText(/not found|does not exist/i))
          .first(),
      ).toBeVisible();
      await check(page, snap, 'case-missing');
    });

    for (const [screen, path] of [
      ['audit', '/audit'],
      ['approvals', '/approvals'],
      ['admin-workflows', '/admin/workflows'],
      ['admin-users', '/admin/users'],
      ['admin-review-rules', '/admin/settings'],
      ['not-found', '/no-such-page'],
    ] as const) {
      test(screen, async ({ page, snap }) => {
        await page.goto(path);
        // The not-found screen is an EmptyState, whose title is not a heading.
        await expect(
          page.getByRole('heading').or(page.getByText('This page does not exist')).first(),
        ).toBeVisible(FIRST_PAINT);
        await check(page, snap, screen);
      });
    }

    test.describe('as an analyst', () => {
      test.use({ signedInAs: 'analyst' });
      test('page without access', async ({ page, snap }) => {
        await page.goto('/audit');
        await expect(page.getByText('You do not have access to this page')).toBeVisible(FIRST_PAINT);
        await check(page, snap, 'no-access');
      });
    });
  });
}

test.describe('colour scheme toggle', () => {
  test.use({ colorScheme: 'light' });

  test('follows the system until a scheme is picked, then keeps the choice across reloads', async ({
    page,
  }) => {
    await page.goto('/cases?status=needs_review');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');

    await page.getByRole('button', { name: 'Colour scheme: Follow system' }).click();
    await page.getByRole('menuitem', { name: 'Light' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await expect(page.getByRole('button', { name: 'Colour scheme: Light' })).toBeVisible();

    await page.getByRole('button', { name: 'Colour scheme: Light' }).click();
    await page.getByRole('menuitem', { name: 'Follow system' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  });
});
