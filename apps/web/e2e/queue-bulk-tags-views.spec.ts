import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, queueRows, signInAs, test } from './fixtures';

// A first paint waits for the API and every chunk on a shared two-core machine.
const FIRST_PAINT = { timeout: 90_000 };
// Unique per run: the stack's database outlives one spec run.
const RUN = String(Date.now() % 1_000_000);

async function caseIdOfRow(page: Page, index: number): Promise<number> {
  return Number(await queueRows(page).nth(index).getAttribute('data-case-id'));
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A manager defines a tag (through the API the Manage tags dialog uses). */
async function managerCreatesTag(page: Page, name: string): Promise<number> {
  const manager = await page
    .context()
    .browser()!
    .newPage({ baseURL: new URL(page.url()).origin });
  await signInAs(manager, 'manager');
  const response = await manager.request.post('/api/tags', { data: { name, colour: 'grape' } });
  expect(response.status()).toBe(201);
  const tag = (await response.json()) as { id: number };
  await manager.close();
  return tag.id;
}

test.describe('queue: bulk actions, tags and saved views', () => {
  test.describe.configure({ timeout: 240_000 });

  test('select with shift-click, bulk assign and tag, see the summary, filter by tag, save and reopen a view', async ({
    page,
    snap,
  }) => {
    await page.goto('/cases?status=needs_review&sort=createdAt&order=asc');
    await expect(queueRows(page).nth(4)).toBeVisible(FIRST_PAINT);
    const tagName = `Bulk e2e ${RUN}`;
    const tagId = await managerCreatesTag(page, tagName);

    // Someone else is working on the third case: an analyst's bulk assign must leave it to them.
    const held = await caseIdOfRow(page, 2);
    const people = (await (await page.request.get('/api/users/reviewers')).json()) as {
      id: string;
      name: string;
    }[];
    const other = people.find((person) => person.name === 'Sam Second-Analyst')!;
    expect(
      (await page.request.put(`/api/cases/${held}/assignee`, { data: { assigneeId: other.id } })).status(),
    ).toBe(200);
    await page.reload();
    await expect(queueRows(page).nth(4)).toBeVisible(FIRST_PAINT);
    const firstFour = await Promise.all([0, 1, 2, 3].map((i) => caseIdOfRow(page, i)));

    await page.getByRole('checkbox', { name: `Select case ${firstFour[0]}`, exact: true }).click();
    await page
      .getByRole('checkbox', { name: `Select case ${firstFour[3]}`, exact: true })
      .click({ modifiers: ['Shift'] });
    for (const id of firstFour)
      await expect(page.getByRole('checkbox', { name: `Select case ${id}`, exact: true })).toBeChecked();
    await expect(page.getByText('4 selected')).toBeVisible();
    await expect(page).toHaveURL(/\/cases\?/);
    await snap('bulk-selected');

    await pick(page, 'Assign to', 'Alex Analyst');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Assigned' });
    await expect(summary).toContainText('Assigned 3 of 4 cases, 1 refused', { timeout: 20_000 });
    await expect(summary).toContainText(`Case ${held}: Sam Second-Analyst has been working on case ${held}`);
    await expect(page.getByText('1 selected')).toBeVisible();
    await snap('bulk-assign-summary');
    await expect(queueRows(page).nth(0)).toContainText('Alex Analyst');

    // Tag the first two cases.
    await page.getByRole('checkbox', { name: `Select case ${held}`, exact: true }).click();
    await page.getByRole('checkbox', { name: `Select case ${firstFour[0]}`, exact: true }).click();
    await page
      .getByRole('checkbox', { name: `Select case ${firstFour[1]}`, exact: true })
      .click({ modifiers: ['Shift'] });
    await expect(page.getByText('2 selected')).toBeVisible();
    await pick(page, 'Tag', tagName);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Tagged' })).toContainText('Tagged 2 of 2 cases', {
      timeout: 20_000,
    });
    await expect(queueRows(page).nth(0)).toContainText(tagName);
    await snap('bulk-tag-summary');

    // Filter by the tag.
    await pick(page, 'Filter by tag', tagName);
    await expect(page).toHaveURL(new RegExp(`tag=${tagId}`));
    await expect(queueRows(page)).toHaveCount(2, { timeout: 20_000 });
    await snap('queue-tag-filter');

    // Hide a column, then save the view.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem', { name: 'Country' }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/hide=country/);
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save the current view' });
    await dialog.getByLabel('Name').fill(`Tagged ${RUN}`);
    await snap('views-save-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/view=\d+/);
    const viewId = new URL(page.url()).searchParams.get('view');
    await expect(page.getByRole('button', { name: `View: Tagged ${RUN}` })).toBeVisible();

    // Somewhere else, then back through the view's link alone.
    await page.goto('/cases?status=all');
    await expect(queueRows(page).first()).toBeVisible(FIRST_PAINT);
    await page.goto(`/cases?view=${viewId}`);
    await expect(page).toHaveURL(new RegExp(`tag=${tagId}`), FIRST_PAINT);
    await expect(queueRows(page)).toHaveCount(2, { timeout: 20_000 });
    await expect(page.getByRole('columnheader', { name: 'Country' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: `View: Tagged ${RUN}` })).toBeVisible();
    await page.getByRole('button', { name: `View: Tagged ${RUN}` }).click();
    await expect(page.getByRole('menuitem', { name: `Tagged ${RUN}` })).toBeVisible();
    await snap('views-menu', { fullPage: false });
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`bulk, tags and views screens, ${colorScheme} scheme`, () => {
    test.use({ colorScheme, signedInAs: 'manager' });
    test.describe.configure({ timeout: 180_000 });

    test('selection bar, views menu, save dialog and tag list pass axe', async ({ page, snap }) => {
      await page.goto('/cases?status=needs_review');
      await expect(queueRows(page).nth(2)).toBeVisible(FIRST_PAINT);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
      const a = await caseIdOfRow(page, 0);
      const b = await caseIdOfRow(page, 2);
      await page.getByRole('checkbox', { name: `Select case ${a}`, exact: true }).click();
      await page
        .getByRole('checkbox', { name: `Select case ${b}`, exact: true })
        .click({ modifiers: ['Shift'] });
      await expect(page.getByText('3 selected')).toBeVisible();
      await snap(`a11y-${colorScheme}-bulk-bar`);
      await expectNoSeriousAxeViolations(page, `bulk bar (${colorScheme})`);

      await page.getByRole('button', { name: /Saved views|View:/ }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await expectNoSeriousAxeViolations(page, `views menu (${colorScheme})`);
      await page.getByRole('menuitem', { name: 'Save current view…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await snap(`a11y-${colorScheme}-save-view`, { fullPage: false });
      await expectNoSeriousAxeViolations(page, `save view dialog (${colorScheme})`);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Manage tags' }).click();
      await expect(page.getByRole('dialog', { name: 'Tags' })).toBeVisible();
      await snap(`a11y-${colorScheme}-manage-tags`, { fullPage: false });
      await expectNoSeriousAxeViolations(page, `manage tags (${colorScheme})`);
      await page.keyboard.press('Escape');

      const caseId = await caseIdOfRow(page, 0);
      await page.goto(`/cases/${caseId}#tags`);
      await expect(page.getByRole('region', { name: 'Tags' })).toBeVisible(FIRST_PAINT);
      await page.getByRole('region', { name: 'Tags' }).scrollIntoViewIfNeeded();
      await snap(`a11y-${colorScheme}-case-tags`, { fullPage: false });
      await expectNoSeriousAxeViolations(page, `case page with tags (${colorScheme})`);
    });
  });
}
