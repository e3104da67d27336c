import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { verifyEvidenceBundle } from '../../api/src/modules/evidence/verify';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, queueRows, SHOTS_DIR, signInAs, test } from './fixtures';

async function openDiditCase(page: Page) {
  await page.goto('/cases?status=needs_review&provider=didit');
  const row = queueRows(page).first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const id = await row.getAttribute('data-case-id');
  await page.goto(`/cases/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  return Number(id);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`evidence pack, ${colorScheme} scheme`, () => {
    test.use({ colorScheme, signedInAs: 'manager' });
    test.describe.configure({ timeout: 120_000 });

    test('a manager downloads the PDF and the JSON bundle from the case page; the bundle verifies', async ({
      page,
      snap,
    }) => {
      const caseId = await openDiditCase(page);
      await page.getByRole('button', { name: 'More actions' }).click();
      const pdfItem = page.getByRole('menuitem', { name: 'Evidence pack (PDF)' });
      await expect(pdfItem).toBeVisible();
      await snap(`evidence-menu-${colorScheme}`);
      await expectNoSeriousAxeViolations(page, `evidence pack menu (${colorScheme})`);

      const [pdf] = await Promise.all([page.waitForEvent('download'), pdfItem.click()]);
      expect(await pdf.failure()).toBeNull();
      expect(pdf.suggestedFilename()).toBe(`case-${caseId}-evidence.pdf`);
      expect(
        readFileSync((await pdf.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      // Kept beside the screenshots, so its pages can be rendered (pdftoppm) and looked at.
      if (colorScheme === 'light') await pdf.saveAs(`${SHOTS_DIR}/evidence-pack.pdf`);

      await page.getByRole('button', { name: 'More actions' }).click();
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: 'Evidence bundle (JSON, verifiable)' }).click(),
      ]);
      expect(json.suggestedFilename()).toBe(`case-${caseId}-evidence.json`);
      const verified = verifyEvidenceBundle(readFileSync((await json.path())!, 'utf8'));
      expect(verified).toMatchObject({ ok: true, caseId });
    });
  });
}

test('analysts are not offered the evidence pack (it holds the audit rows)', async ({ browser, baseURL }) => {
  const page = await browser.newPage({ baseURL });
  await signInAs(page, 'analyst');
  await openDiditCase(page);
  await page.getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('menuitem').first()).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Evidence/ })).toHaveCount(0);
  await page.close();
});
