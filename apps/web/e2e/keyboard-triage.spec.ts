import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, queueRows, signInAs, test } from './fixtures';

/** A JSON write with its own Idempotency-Key, as the SPA sends them. */
const write = (data: unknown) => ({ data, headers: { 'idempotency-key': randomUUID() } });

type Decision = { key: 'a' | 'd'; reason: string; submit: string; done: RegExp };
const APPROVE: Decision = { key: 'a', reason: 'Documents verified', submit: 'Approve case', done: /Approv/ };
const DECLINE: Decision = {
  key: 'd',
  reason: 'Confirmed sanctions match',
  submit: 'Decline case',
  done: /Declin|Reject/,
};

/** The view the analyst works: their own cases in review, most overdue first. */
const VIEW = '?status=needs_review&assignee=me&sort=dueAt&order=asc';

async function overdueCount(page: Page): Promise<number> {
  await page.goto('/cases?status=needs_review');
  const badge = page.getByLabel('Overdue cases');
  await expect(badge).toBeVisible({ timeout: 30_000 });
  return Number((await badge.textContent())?.replace(/\D/g, ''));
}

async function caseIdOf(page: Page): Promise<number> {
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  // The router keeps the previous case on screen until the next one is ready: wait for this one.
  await expect(page.getByRole('button', { name: 'Copy case id' }).locator('..')).toHaveText(String(id), {
    timeout: 30_000,
  });
  return id;
}

test.describe('triage from the keyboard', () => {
  test('an analyst clears five cases of every provider with decide-and-next, keyboard only; the manager sees the overdue count fall', async ({
    page,
    browser,
    baseURL,
    snap,
  }) => {
    // Five decisions, two outbox round trips and a minute for the due times to pass, on a shared machine.
    test.setTimeout(600_000);
    const admin = await browser.newPage({ baseURL });
    await signInAs(admin, 'admin');
    const manager = await browser.newPage({ baseURL });
    await signInAs(manager, 'manager');
    const previousPolicy = await (await admin.request.get('/api/settings/sla')).json();

    try {
      // Every open case is due a minute after it entered review, so the ones below are overdue.
      const policy = await admin.request.put('/api/settings/sla', write({ defaultMinutes: 1, rules: [] }));
      expect(policy.ok()).toBe(true);

      // A fresh KYA screening (decided here), and one case in review of every other provider and kind.
      const kya = await page.request.post(
        '/api/kryptogo/screenings',
        write({ type: 'kya', address: `0x${randomBytes(20).toString('hex')}`, chain: 'eth' }),
      );
      expect(kya.status()).toBe(201);
      const plan = new Map<number, Decision & { what: string }>([
        [(await kya.json()).caseId as number, { ...APPROVE, what: 'KryptoGO KYA' }],
      ]);
      const wanted = [
        { provider: 'didit', kind: 'kyc_session', decision: APPROVE, what: 'Didit session' },
        { provider: 'kryptogo', kind: 'dd_task', decision: DECLINE, what: 'KryptoGO DD' },
        { provider: 'kryptogo', kind: 'idv_task', decision: APPROVE, what: 'KryptoGO IDV' },
        { provider: 'ditto', kind: 'kyc_submission', decision: DECLINE, what: 'Ditto ID' },
      ] as const;
      for (const { provider, kind, decision, what } of wanted) {
        const list = await (
          await page.request.get(
            `/api/cases?status=needs_review&provider=${provider}&kind=${kind}&assignee=unassigned&limit=50`,
          )
        ).json();
        let picked: number | null = null;
        for (const item of list.items as Array<{ id: number }>) {
          const detail = await (await page.request.get(`/api/cases/${item.id}`)).json();
          if (detail.allowedActions.includes(decision.key === 'a' ? 'approve' : 'decline')) {
            picked = item.id;
            break;
          }
        }
        expect(picked, `a ${what} case in review`).not.toBeNull();
        plan.set(picked!, { ...decision, what });
      }

      // The analyst's own view holds exactly these five: earlier claims are released, these assigned.
      const me = await (await page.request.get('/api/auth/me')).json();
      const held = await (
        await page.request.get('/api/cases?status=needs_review&assignee=me&limit=200')
      ).json();
      for (const item of held.items as Array<{ id: number }>)
        expect(
          (await page.request.put(`/api/cases/${item.id}/assignee`, write({ assigneeId: null }))).ok(),
        ).toBe(true);
      for (const id of plan.keys())
        expect((await page.request.put(`/api/cases/${id}/assignee`, write({ assigneeId: me.id }))).ok()).toBe(
          true,
        );

      // Wait until the five are past due (the KYA entered review a moment ago). A case without a due
      // time (Ditto submissions get none today) cannot be overdue; it is cleared all the same.
      const mineInReview = await (
        await page.request.get('/api/cases?status=needs_review&assignee=me&limit=50')
      ).json();
      expect(mineInReview.items).toHaveLength(5);
      const timed = (mineInReview.items as Array<{ dueAt: string | null }>).filter(
        (item) => item.dueAt !== null,
      );
      expect(timed.length).toBeGreaterThanOrEqual(4);
      await expect
        .poll(
          async () =>
            (
              await (
                await page.request.get('/api/cases?status=needs_review&assignee=me&overdue=true&limit=50')
              ).json()
            ).items.length,
          { timeout: 120_000, intervals: [5_000] },
        )
        .toBe(timed.length);
      const overdueBefore = await overdueCount(manager);
      expect(overdueBefore).toBeGreaterThanOrEqual(timed.length);
      await manager.screenshot({ path: '/tmp/shots/keyboard-triage-manager-before.png' });

      // The analyst works the view from the keyboard only.
      await page.goto(`/cases${VIEW}`);
      await expect(queueRows(page)).toHaveCount(5, { timeout: 30_000 });
      await page.keyboard.press('Shift+?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(help).toBeVisible();
      await expect(help.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText(
        'Open the selected case',
      );
      await snap('keyboard-triage-queue-help-light', { fullPage: false });
      await expectNoSeriousAxeViolations(page, 'queue shortcut help (light)');
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();

      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      const first = queueRows(page).first();
      await expect(first).toBeFocused();
      await snap('keyboard-triage-queue-selected');
      await page.keyboard.press('Enter');

      const cleared: number[] = [];
      for (let step = 0; step < 5; step += 1) {
        const id = await caseIdOf(page);
        const decision = plan.get(id);
        expect(decision, `case ${id} is one of the five, not seen twice`).toBeDefined();
        expect(cleared).not.toContain(id);

        if (step === 0) {
          // The case's help lists the decisions; the overlay is checked in both colour schemes.
          await page.keyboard.press('Shift+?');
          const caseHelp = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
          await expect(caseHelp).toContainText('Request resubmission…');
          await expectNoSeriousAxeViolations(page, 'case shortcut help (light)');
          await page.keyboard.press('Escape');
          await expect(caseHelp).toBeHidden();
          await page.emulateMedia({ colorScheme: 'dark' });
          await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
          await page.keyboard.press('Shift+?');
          await expect(caseHelp).toBeVisible();
          await snap('keyboard-triage-case-help-dark', { fullPage: false });
          await expectNoSeriousAxeViolations(page, 'case shortcut help (dark)');
          await page.keyboard.press('Escape');
          await expect(caseHelp).toBeHidden();
          await page.emulateMedia({ colorScheme: 'light' });
        }

        await page.keyboard.press(decision!.key);
        const dialog = page.getByRole('dialog');
        await expect(dialog).toBeVisible();
        // Focus lands on the reason; Enter with no reason chosen shows what is missing and sends nothing.
        await expect(dialog.getByLabel('Reason')).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(dialog.getByText('Choose a reason.')).toBeVisible();
        await page.keyboard.type(decision!.reason.slice(0, 12));
        // The filtered list renders after the typing; on a loaded machine ArrowDown could come first.
        await expect(page.getByRole('option', { name: decision!.reason, exact: true })).toBeVisible();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await expect(dialog.getByLabel('Reason')).toHaveValue(decision!.reason);
        if (step === 0) await snap('keyboard-triage-decision-dialog', { fullPage: false });
        await page.keyboard.press('Enter');
        await expect(dialog).toBeHidden({ timeout: 30_000 });
        cleared.push(id);
        if (step < 4) await expect(page).not.toHaveURL(new RegExp(`/cases/${id}$`), { timeout: 30_000 });
      }

      // After the fifth, back on the same view with the message.
      await expect
        .poll(() => `${new URL(page.url()).pathname}${new URL(page.url()).search}`, { timeout: 30_000 })
        .toBe(`/cases${VIEW}`);
      await expect(page.getByTestId('triage-end-notice')).toContainText('End of this view');
      await snap('keyboard-triage-end-of-view');
      expect(new Set(cleared)).toEqual(new Set(plan.keys()));

      // Every case got its decision (the provider ones once their outbox call landed).
      for (const [id, decision] of plan) {
        await expect
          .poll(async () => (await (await page.request.get(`/api/cases/${id}`)).json()).status, {
            timeout: 60_000,
            message: `${decision.what} case ${id}`,
          })
          .toBe(decision.key === 'a' ? 'approved' : 'rejected');
      }

      // The manager sees the overdue count fall by the decided cases that were overdue.
      await expect.poll(() => overdueCount(manager), { timeout: 60_000 }).toBe(overdueBefore - timed.length);
      await manager.screenshot({ path: '/tmp/shots/keyboard-triage-manager-after.png' });
    } finally {
      await admin.request.put('/api/settings/sla', write(previousPolicy));
      await admin.close();
      await manager.close();
    }
  });
});
