import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { createKryptogoScenario, pushDittoScenario } from '../../../scripts/stack';
import { DEMO_USERS } from '../../api/src/modules/auth/demo-users';
import { type RunningStack, readRunningStack } from './stackFile';

export const SHOTS_DIR = '/tmp/shots';

export type DemoRole = (typeof DEMO_USERS)[number]['role'];

/** Signs the page's browser context in through the real sign-in endpoint (sets the HttpOnly cookie). */
export async function signInAs(page: Page, role: DemoRole = 'analyst') {
  const user = DEMO_USERS.find((candidate) => candidate.role === role)!;
  const response = await page.request.post('/api/auth/login', {
    data: { email: user.email, password: user.password },
  });
  if (!response.ok()) throw new Error(`sign-in as ${role} failed: ${response.status()}`);
}

/** Signs in a specific demo account (e.g. the second analyst, for four-eyes). */
export async function signInAsEmail(page: Page, email: (typeof DEMO_USERS)[number]['email']) {
  const user = DEMO_USERS.find((candidate) => candidate.email === email)!;
  const response = await page.request.post('/api/auth/login', {
    data: { email: user.email, password: user.password },
  });
  if (!response.ok()) throw new Error(`sign-in as ${email} failed: ${response.status()}`);
}

export const test = base.extend<
  { snap: (name: string, options?: { fullPage?: boolean }) => Promise<void>; signedInAs: DemoRole | null },
  { stack: RunningStack }
>({
  /** Tests run signed in as an analyst unless they set `test.use({ signedInAs: … })` (null: signed out). */
  signedInAs: ['analyst', { option: true }],
  page: async ({ page, signedInAs }, use) => {
    if (signedInAs) await signInAs(page, signedInAs);
    await use(page);
  },
  stack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument to be destructured
    async ({}, use) => {
      await use(readRunningStack());
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.appUrl);
  },
  snap: async ({ page }, use) => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    // Dialogs are fixed-position: a full-page capture would smear them, so those pass fullPage: false.
    await use(async (name, options) => {
      await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: options?.fullPage ?? true });
    });
  },
});

export { expect };

/** Creates a Didit session through the sandbox's control endpoint; the sandbox then sends its webhook. */
export async function createSandboxSession(
  stack: RunningStack,
  scenario: string,
): Promise<{ sessions: { session_id: string }[] }> {
  const response = await fetch(`${stack.diditSandboxUrl}/_sandbox/didit/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.diditApiKey },
    body: JSON.stringify({ scenario }),
  });
  if (!response.ok)
    throw new Error(`sandbox scenario ${scenario}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { sessions: { session_id: string }[] };
}

export function queueRows(page: Page) {
  return page.getByRole('table', { name: 'Cases' }).locator('tbody tr[data-case-id]');
}

/**
 * Waits until the queue table holds its whole page: loaded, not refreshing, and past the first
 * screenful it draws first (QueueTable, FIRST_SCREEN_ROWS). Count rows only after this.
 */
export async function queueSettled(page: Page) {
  await expect(queueRows(page).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Cases' })).toHaveAttribute('aria-busy', 'false');
}

const EVERY_STATUS = 'pending,needs_review,approved,rejected,expired';

/** Waits until the provider's case with this id has been ingested, and returns our case id. */
async function ingestedCaseId(page: Page, provider: string, externalId: string): Promise<number> {
  let found: number | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get(
          `/api/cases?status=${EVERY_STATUS}&provider=${provider}&q=${encodeURIComponent(externalId)}`,
        );
        const items = ((await response.json()) as { items?: { id: number; externalId: string }[] }).items;
        found = items?.find((item) => item.externalId === externalId)?.id;
        return found;
      },
      { timeout: 30_000, message: `${provider} case ${externalId} ingested` },
    )
    .toBeDefined();
  return found!;
}

/**
 * A fresh KryptoGO task made by the sandbox, once its callback has reached us. Specs that decide a
 * case make their own: the seeded ones are shared by every spec of the run.
 */
export async function createKryptogoCase(
  page: Page,
  stack: RunningStack,
  type: 'dd' | 'kya' | 'idv',
  scenario: string,
): Promise<number> {
  const [taskId] = await createKryptogoScenario(
    stack.kryptogoSandboxUrl,
    stack.kryptogoApiKey,
    `${stack.appUrl}/webhooks/kryptogo`,
    { type, scenario, count: 1 },
  );
  // Our external id for a KryptoGO task: IDV and KYA task ids get a kind prefix (providers/kryptogo/ingest.ts).
  const externalId = type === 'dd' ? String(taskId) : `${type}-${taskId}`;
  return ingestedCaseId(page, 'kryptogo', externalId);
}

/** A fresh Ditto submission pushed to us by the sandbox; returns its case id. */
export async function createDittoCase(page: Page, stack: RunningStack, scenario: string): Promise<number> {
  const [requesterId] = await pushDittoScenario(stack.dittoSandboxUrl, stack.dittoControlKey, {
    scenario,
    count: 1,
  });
  return ingestedCaseId(page, 'ditto', requesterId!);
}

/** Decide-and-next moves on after a decision; this goes back to the case that was just decided. */
export async function returnToDecidedCase(page: Page, caseId: number): Promise<void> {
  await expect(page).not.toHaveURL(new RegExp(`/cases/${caseId}$`), { timeout: 30_000 });
  await page.goto(`/cases/${caseId}`);
}

/** Starts a KYA screening of a fresh address from the app, as the queue's "New screening" does; returns its case id. */
export async function startKyaScreening(page: Page): Promise<number> {
  const response = await page.request.post('/api/kryptogo/screenings', {
    data: { type: 'kya', address: `0x${randomBytes(20).toString('hex')}`, chain: 'eth' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { caseId: number }).caseId;
}

/** The case of a Didit session created with createSandboxSession, once its webhook has reached us. */
export function diditCaseId(page: Page, sessionId: string): Promise<number> {
  return ingestedCaseId(page, 'didit', sessionId);
}
