import { mkdirSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
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

export { expect } from '@playwright/test';

/** Creates a Didit session through the sandbox's control endpoint; the sandbox then sends its webhook. */
export async function createSandboxSession(
  stack: RunningStack,
  scenario: string,
): Promise<{ session_id?: string }> {
  const response = await fetch(`${stack.diditSandboxUrl}/_sandbox/didit/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.diditApiKey },
    body: JSON.stringify({ scenario }),
  });
  if (!response.ok)
    throw new Error(`sandbox scenario ${scenario}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { session_id?: string };
}

export function queueRows(page: Page) {
  return page.getByRole('table', { name: 'Cases' }).locator('tbody tr[data-case-id]');
}
