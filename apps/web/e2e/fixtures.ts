import { mkdirSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import { type RunningStack, readRunningStack } from './stackFile';

export const SHOTS_DIR = '/tmp/shots';

export const test = base.extend<
  { snap: (name: string, options?: { fullPage?: boolean }) => Promise<void> },
  { stack: RunningStack }
>({
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
