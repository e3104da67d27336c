import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, queueRows, test } from './fixtures';

const ALL_STATUSES = 'pending,needs_review,approved,rejected,expired';
// A first paint on a cold context waits for the API and every chunk; the machine running the suite
// is shared, so allow more than the default for it (the checks themselves are not timed).
const FIRST_PAINT = { timeout: 30_000 };
const COLOR_SCHEMES = ['light', 'dark'] as const;
// axe walks the whole DOM, twice per screen (one pass per scheme); the queue, the audit log and case
// pages are large, and on a busy two-core machine one pass took more than a minute.
const PER_SCREEN_MS = 180_000;

type Snap = (name: string, options?: { fullPage?: boolean }) => Promise<void>;

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

/**
 * Checks the screen as it is now in both colour schemes. The app follows the system scheme until the
 * user picks one, and follows a change live, so the emulated system scheme is switched on the loaded
 * page instead of loading the screen again.
 */
async function checkBothSchemes(page: Page, snap: Snap, screen: string, options?: { fullPage?: boolean }) {
  for (const colorScheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
    await settled(page);
    await snap(`a11y-${colorScheme}-${screen}`, options);
    await expectNoSeriousAxeViolations(page, `${screen} (${colorScheme})`);
  }
}

// Every screen in both colour schemes. Screens that share a sign-in share a test (one browser context,
// one cold load of the app); each screen is its own step, named in the report.
test.describe('accessibility, light and dark schemes', () => {
  test.use({ colorScheme: 'light', signedInAs: 'admin' });

  test.describe('signed out', () => {
    test.use({ signedInAs: null });
    test('sign-in page', async ({ page, snap }) => {
      test.setTimeout(2 * PER_SCREEN_MS);
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible(FIRST_PAINT);
      await test.step('sign-in', () => checkBothSchemes(page, snap, 'sign-in'));
      await page.getByRole('button', { name: /sign in/i }).click();
      await test.step('sign-in-errors', () => checkBothSchemes(page, snap, 'sign-in-errors'));
    });
  });

  test('review queue, filtered and empty', async ({ page, snap }) => {
    test.setTimeout(3 * PER_SCREEN_MS);
    await test.step('queue', async () => {
      await page.goto('/cases?status=needs_review');
      await expect(queueRows(page).first()).toBeVisible(FIRST_PAINT);
      await checkBothSchemes(page, snap, 'queue');
    });
    await test.step('queue-all-by-risk', async () => {
      await page.goto(`/cases?status=${ALL_STATUSES}&sort=riskScore&order=desc`);
      await expect(queueRows(page).first()).toBeVisible(FIRST_PAINT);
      await checkBothSchemes(page, snap, 'queue-all-by-risk');
    });
    await test.step('queue-empty', async () => {
      await page.goto('/cases?status=needs_review&q=zz-no-such-person-zz');
      await expect(page.getByText('No cases match these filters')).toBeVisible(FIRST_PAINT);
      await checkBothSchemes(page, snap, 'queue-empty');
    });
  });

  const caseScreens = [
    ['case-didit-session', 'provider=didit&kind=kyc_session'],
    ['case-kryptogo-dd', 'provider=kryptogo&kind=dd_task'],
    ['case-kryptogo-kya', 'provider=kryptogo&kind=kya_task'],
    ['case-kryptogo-idv', 'provider=kryptogo&kind=idv_task'],
    ['case-ditto-submission', 'provider=ditto&kind=kyc_submission'],
  ] as const;
  test('case pages of every provider and kind, the action dialog, a missing case', async ({ page, snap }) => {
    test.setTimeout((caseScreens.length + 2) * PER_SCREEN_MS);
    for (const [screen, filter] of caseScreens) {
      await test.step(screen, async () => {
        await openCase(page, filter);
        await checkBothSchemes(page, snap, screen);
      });
    }
    await test.step('case-action-dialog', async () => {
      await openCase(page, 'provider=didit&kind=kyc_session', 'needs_review');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await checkBothSchemes(page, snap, 'case-action-dialog', { fullPage: false });
    });
    await test.step('case-missing', async () => {
      await page.goto('/cases/987654321');
      await expect(
        page
          .getByRole('alert')
          .or(page.getByText(/not found|does not exist/i))
          .first(),
      ).toBeVisible(FIRST_PAINT);
      await checkBothSchemes(page, snap, 'case-missing');
    });
  });

  const appScreens = [
    ['audit', '/audit'],
    ['approvals', '/approvals'],
    ['admin-workflows', '/admin/workflows'],
    ['admin-users', '/admin/users'],
    ['admin-review-rules', '/admin/settings'],
    ['not-found', '/no-such-page'],
  ] as const;
  test('audit, approvals, admin and not-found screens', async ({ page, snap }) => {
    test.setTimeout(appScreens.length * PER_SCREEN_MS);
    for (const [screen, path] of appScreens) {
      await test.step(screen, async () => {
        await page.goto(path);
        // The not-found screen is an EmptyState, whose title is not a heading.
        await expect(
          page.getByRole('heading').or(page.getByText('This page does not exist')).first(),
        ).toBeVisible(FIRST_PAINT);
        await checkBothSchemes(page, snap, screen);
      });
    }
  });

  test.describe('as an analyst', () => {
    test.use({ signedInAs: 'analyst' });
    test('page without access', async ({ page, snap }) => {
      test.setTimeout(PER_SCREEN_MS);
      await page.goto('/audit');
      await expect(page.getByText('You do not have access to this page')).toBeVisible(FIRST_PAINT);
      await checkBothSchemes(page, snap, 'no-access');
    });
  });
});

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
