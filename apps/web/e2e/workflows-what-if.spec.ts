import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { createSandboxSession, expect, queueRows, test } from './fixtures';

const FIRST_PAINT = { timeout: 30_000 };

async function settled(page: Page) {
  await expect(page.locator('.mantine-Skeleton-root[data-visible="true"]')).toHaveCount(0);
  await expect(page.getByText('Computing the what-if')).toHaveCount(0);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`threshold what-if on the workflows page, ${colorScheme} scheme`, () => {
    test.use({ colorScheme, signedInAs: 'admin' });
    test.describe.configure({ timeout: 120_000 });

    test('shows what a Didit face-match proposal would have done before saving, each flip a link', async ({
      page,
      stack,
      snap,
    }) => {
      // A stored session the proposal declines (face match 55–68 is "review" under the default thresholds).
      await createSandboxSession(stack, 'review_low_face_match');
      await page.goto('/cases?status=needs_review');
      await expect(queueRows(page).first()).toBeVisible(FIRST_PAINT);

      await page.goto('/admin/workflows');
      const card = page.getByRole('region', { name: /^Workflow / }).first();
      await expect(card).toBeVisible(FIRST_PAINT);
      await expect(card.getByRole('region', { name: 'What-if' })).toHaveCount(0);
      await card.getByLabel('Face match: review below').fill('99');
      await card.getByLabel('Face match: decline below').fill('69');

      const whatIf = card.getByRole('region', { name: 'What-if' });
      await expect(whatIf.getByTestId('what-if-summary')).toContainText(
        /\d+ of \d+ cases from the last 30 days/,
      );
      await expect(whatIf.getByRole('list', { name: 'Outcome changes' })).toContainText(
        /Review → Decline: \d+/,
      );
      await expect(whatIf.getByTestId('what-if-queue')).toContainText('Review queue');
      await expect(whatIf).toContainText('What the replay cannot know');
      await expect(whatIf).toContainText("Didit's other checks");
      const flips = whatIf.getByRole('table', { name: 'Cases that would change outcome' });
      await expect(flips.locator('tbody tr').first()).toBeVisible();
      // Subjects are initials only.
      await expect(flips.locator('tbody tr').first().locator('td').nth(1)).toHaveText(/^(\p{Lu}\. ?)+$|^–$/u);
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
      await snap(`what-if-${colorScheme}-didit`);
      await expectNoSeriousAxeViolations(page, `workflows what-if (${colorScheme})`);

      // A shorter window replays fewer or as many cases.
      await whatIf.getByLabel('Replay the last (days)').fill('7');
      await expect(whatIf.getByTestId('what-if-summary')).toContainText('from the last 7 days');

      const link = flips.getByRole('link').first();
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/cases\/\d+$/);
      // Nothing was saved: discarding leaves the workflow as it was and the what-if goes away.
      await card.getByRole('button', { name: 'Discard changes' }).click();
      await expect(card.getByRole('region', { name: 'What-if' })).toHaveCount(0);
      await page.goto(href!);
      await expect(page).toHaveURL(/\/cases\/\d+$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible(FIRST_PAINT);
    });

    test('Ditto minimum scores are settings on the same page, with the same what-if, saved with a confirmation', async ({
      page,
      snap,
    }) => {
      const original = await (await page.request.get('/api/settings/ditto-scores')).json();
      await page.goto('/admin/workflows');
      const section = page.getByRole('region', { name: 'Ditto ID minimum scores' });
      await expect(section).toBeVisible(FIRST_PAINT);
      const next = original.faceMatchMinPercent === 85 ? 86 : 85;
      await section.getByLabel('Face match: flag below (%)').fill(String(next));
      const whatIf = section.getByRole('region', { name: 'What-if' });
      await expect(whatIf.getByTestId('what-if-summary')).toContainText('from the last 30 days');
      await expect(whatIf).toContainText('reviewed by a person');
      await expect(whatIf.getByTestId('what-if-queue')).toContainText('Flagged in the queue');
      await settled(page);
      await snap(`what-if-${colorScheme}-ditto`);
      await expectNoSeriousAxeViolations(page, `Ditto minimum scores what-if (${colorScheme})`);

      await section.getByRole('button', { name: 'Save…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save the Ditto minimum scores?' });
      await expect(dialog).toContainText(`${original.faceMatchMinPercent} → ${next}`);
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText('Ditto minimum scores saved')).toBeVisible();
      await expect(section.getByLabel('Face match: flag below (%)')).toHaveValue(String(next));

      // Leave the stack as it was for the specs that push Ditto submissions.
      const restored = await page.request.patch('/api/settings/ditto-scores', {
        data: original,
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      expect(restored.ok()).toBe(true);
    });
  });
}
