import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, test } from './fixtures';
import type { RunningStack } from './stackFile';

/** KryptoGO (played by its sandbox) screens one customer several times and calls our webhook each time. */
async function kryptogoScenario(stack: RunningStack, body: Record<string, unknown>): Promise<number[]> {
  const response = await fetch(`${stack.kryptogoSandboxUrl}/_sandbox/kryptogo/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.kryptogoApiKey },
    body: JSON.stringify({ callback_url: `${stack.appUrl}/webhooks/kryptogo`, ...body }),
  });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { ids: number[] }).ids;
}

async function caseIdOf(page: Page, kind: string, externalId: string, timeout = 30_000): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/cases?provider=kryptogo&kind=${kind}&q=${externalId}`);
        const body = (await response.json()) as { items: { id: number; externalId: string }[] };
        id = body.items.find((item) => item.externalId === externalId)?.id;
        return id ?? null;
      },
      { timeout },
    )
    .not.toBeNull();
  return id!;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`KryptoGO customer history and IDV ↔ DD links, ${colorScheme}`, () => {
    test.use({ signedInAs: 'analyst', colorScheme });

    test('a DD case lists the customer’s other screenings and links to its IDV, and back', async ({
      page,
      stack,
      snap,
    }) => {
      // The DD task an IDV creates searches its five sources on the sandbox's clock before it calls back.
      test.setTimeout(240_000);
      const reference = `e2e-customer-${colorScheme}-${Date.now()}`;
      // An IDV that created a DD task, then two re-screenings of the same customer.
      const [idvTask] = await kryptogoScenario(stack, {
        type: 'idv',
        scenario: 'accept',
        auto_create_dd_task: true,
        customer_reference: reference,
      });
      const [pepTask] = await kryptogoScenario(stack, {
        type: 'dd',
        scenario: 'pep',
        customer_reference: reference,
      });
      await kryptogoScenario(stack, { type: 'dd', scenario: 'clean', customer_reference: reference });

      const idvCase = await caseIdOf(page, 'idv_task', `idv-${idvTask}`);
      const idv = await fetch(`${stack.kryptogoSandboxUrl}/idv/${idvTask}`, {
        headers: { 'x-api-key': stack.kryptogoApiKey },
      }).then((response) => response.json() as Promise<{ created_search_task_id: number }>);
      await caseIdOf(page, 'dd_task', String(idv.created_search_task_id), 150_000);
      const pepCase = await caseIdOf(page, 'dd_task', String(pepTask));

      await page.goto(`/cases/${pepCase}`);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
      const history = page.getByRole('region', { name: 'Customer screening history' });
      await expect(history).toContainText('2 other screenings');
      const rows = history.getByRole('row');
      await expect(rows).toHaveCount(3); // header + the IDV's DD task + the clean re-screening
      await expect(history.getByText('Earlier')).toBeVisible();
      await expect(history.getByText('Later')).toBeVisible();
      await history.scrollIntoViewIfNeeded();
      await snap(`kryptogo-customer-history-${colorScheme}`);
      await expectNoSeriousAxeViolations(page, `KryptoGO DD customer history (${colorScheme})`);

      // The earlier screening is the DD task the IDV created: open it, then its IDV, then back.
      await history.getByRole('row').filter({ hasText: 'Earlier' }).getByRole('link').click();
      await expect(page).toHaveURL(/\/cases\/\d+$/);
      const target = page.getByRole('region', { name: 'Screening target' });
      await target.getByRole('link', { name: `IDV task ${idvTask} (case ${idvCase})` }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${idvCase}$`));
      const linked = page.getByRole('region', { name: 'Linked due-diligence tasks' });
      await expect(linked.getByRole('link')).toHaveCount(1);
      await linked.scrollIntoViewIfNeeded();
      await snap(`kryptogo-idv-linked-${colorScheme}`);
      await expectNoSeriousAxeViolations(page, `KryptoGO IDV linked DD tasks (${colorScheme})`);
      await linked.getByRole('link').click();
      await expect(page.getByRole('region', { name: 'Customer screening history' })).toContainText(
        '2 other screenings',
      );
    });
  });
}
