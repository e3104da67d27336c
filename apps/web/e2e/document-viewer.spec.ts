import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { createSandboxSession, expect, signInAs, test } from './fixtures';

/** How many times the audit log recorded this image of this case being served (manager's view). */
async function mediaViews(manager: APIRequestContext, caseId: string, mediaKey: string): Promise<number> {
  const response = await manager.get(`/api/audit?caseId=${caseId}&action=case.media_viewed&limit=500`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { items: Array<{ after: { mediaKey?: string } | null }> };
  return body.items.filter((item) => item.after?.mediaKey === mediaKey).length;
}

async function loaded(images: Locator) {
  // Each image is a provider round trip through the API; a busy two-core machine is slow at it.
  await expect
    .poll(
      () =>
        images.evaluateAll(
          (nodes) => nodes.length > 0 && nodes.every((node) => (node as HTMLImageElement).naturalWidth > 0),
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** The pane's zoom readout as a number (percent of actual size). */
async function zoomPercent(pane: Locator): Promise<number> {
  const text = (await pane.getByTestId('viewer-zoom').textContent()) ?? '';
  return Number(/^(\d+) %/.exec(text)?.[1] ?? Number.NaN);
}

async function contentTransform(pane: Locator): Promise<string> {
  return pane.locator('.react-transform-component').evaluate((node) => (node as HTMLElement).style.transform);
}

/** A fresh Didit session in review (its own case, so audit counts are this test's alone). */
async function createDiditCase(page: Page, stack: Parameters<typeof createSandboxSession>[0]) {
  const created = (await createSandboxSession(stack, 'review_low_face_match')) as {
    sessions?: { session_id: string }[];
  };
  const sessionId = created.sessions?.[0]?.session_id ?? '';
  expect(sessionId).not.toBe('');
  let caseId = '';
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/cases?q=${sessionId}`);
        const body = (await response.json()) as { items: Array<{ id: number; status: string }> };
        caseId = String(body.items[0]?.id ?? '');
        return body.items[0]?.status ?? null;
      },
      { timeout: 30_000 },
    )
    .toBe('needs_review');
  return caseId;
}

/**
 * Opens a new Didit case whose document has a back side: the sandbox's subjects take turns, and a
 * passport has no back image.
 */
async function openNewDiditCase(page: Page, stack: Parameters<typeof createSandboxSession>[0]) {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const caseId = await createDiditCase(page, stack);
    const detail = (await (await page.request.get(`/api/cases/${caseId}`)).json()) as {
      view: { media: Array<{ key: string }> } | null;
    };
    if (!detail.view?.media.some((item) => item.key === 'back_image')) continue;
    await page.goto(`/cases/${caseId}`);
    await loaded(page.getByRole('region', { name: 'Images' }).getByRole('img'));
    return caseId;
  }
  throw new Error('the sandbox made no session with a two-sided document in six tries');
}

test.describe('document viewer', () => {
  test.use({ colorScheme: 'light' });
  // A new sandbox session, its webhook and a dozen provider image fetches: slow on a busy machine.
  test.setTimeout(180_000);

  test('zooms, pans, rotates and compares a Didit document; every showing is audited', async ({
    page,
    stack,
    snap,
    browser,
  }) => {
    const managerContext = await browser.newContext({ baseURL: stack.appUrl });
    const managerPage = await managerContext.newPage();
    await signInAs(managerPage, 'manager');
    const manager = managerPage.request;

    const caseId = await openNewDiditCase(page, stack);
    const frontViewsBefore = await mediaViews(manager, caseId, 'front_image');
    const backViewsBefore = await mediaViews(manager, caseId, 'back_image');
    // The thumbnails themselves went through the audited route.
    expect(frontViewsBefore).toBeGreaterThanOrEqual(1);

    await page.getByRole('button', { name: 'Enlarge ID document, front' }).click();
    const dialog = page.getByRole('dialog', { name: 'ID document, front' });
    await expect(dialog).toBeVisible();
    const front = dialog.getByTestId('viewer-pane').first();
    await loaded(front.getByRole('img', { name: 'ID document, front' }));
    // Opening the viewer fetched the image again through the audited route, not from the thumbnail.
    await expect.poll(() => mediaViews(manager, caseId, 'front_image')).toBe(frontViewsBefore + 1);

    // Zoom with the button, then with the wheel over the image.
    await expect.poll(() => zoomPercent(front)).toBeGreaterThan(0);
    const fitted = await zoomPercent(front);
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => zoomPercent(front)).toBeGreaterThan(fitted);
    const viewport = front.getByRole('group', { name: /^ID document, front:/ });
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const beforeWheel = await zoomPercent(front);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => zoomPercent(front)).toBeGreaterThan(beforeWheel);

    // Drag to pan the zoomed image.
    const beforeDrag = await contentTransform(front);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => contentTransform(front)).not.toBe(beforeDrag);

    // Actual size is 100 % of the image's pixels; fit comes back to the fitted scale.
    await dialog.getByRole('button', { name: 'Actual size' }).click();
    await expect.poll(() => zoomPercent(front)).toBe(100);
    await dialog.getByRole('button', { name: 'Fit to pane' }).click();
    await expect.poll(() => zoomPercent(front)).toBe(fitted);

    await dialog.getByRole('button', { name: 'Rotate clockwise' }).click();
    await expect(front).toHaveAttribute('data-rotation', '90');
    await expect(front.getByTestId('viewer-zoom')).toContainText('90°');
    // Turned, the landscape card is fitted again: the whole of it shows, so the scale drops.
    await expect.poll(() => zoomPercent(front)).toBeLessThan(fitted);
    await page.waitForTimeout(300);
    await snap('viewer-rotated', { fullPage: false });

    await dialog.getByRole('button', { name: 'Side by side' }).click();
    const paneKeys = () =>
      dialog
        .getByTestId('viewer-pane')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-media-key')));
    await expect.poll(paneKeys).toEqual(['front_image', 'back_image']);
    await loaded(dialog.getByTestId('viewer-pane').locator('img'));
    await expect.poll(() => mediaViews(manager, caseId, 'back_image')).toBe(backViewsBefore + 1);
    await page.waitForTimeout(300);
    await snap('viewer-side-by-side', { fullPage: false });
    await expectNoSeriousAxeViolations(page, 'document viewer side by side (light)');

    await dialog.getByRole('button', { name: 'Full screen' }).click();
    await expect(dialog.getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-modal-content][data-full-screen]')).toBeVisible();
    await dialog.getByRole('button', { name: 'Full screen' }).click();
    await expect(dialog.getByRole('button', { name: 'Full screen' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await dialog.getByRole('button', { name: 'Close viewer' }).click();
    await expect(dialog).toBeHidden();
    await managerContext.close();
  });

  test('the keyboard alone opens the selfie, zooms, rotates, compares it with the portrait and closes', async ({
    page,
    stack,
    snap,
  }) => {
    await openNewDiditCase(page, stack);
    const opener = page.getByRole('button', { name: 'Enlarge Selfie (liveness)' });
    // Tab from the first thumbnail to the selfie's, as a keyboard user would.
    await page.getByRole('button', { name: 'Enlarge ID document, front' }).focus();
    for (let step = 0; step < 8; step += 1) {
      if (await opener.evaluate((node) => node === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(opener).toBeFocused();
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog');
    const selfie = dialog.getByTestId('viewer-pane').first();
    await loaded(selfie.getByRole('img', { name: 'Selfie (liveness)' }));
    // The image itself has the focus, with a visible ring: keys work at once.
    const viewport = selfie.getByRole('group', { name: /^Selfie \(liveness\):/ });
    await expect(viewport).toBeFocused();
    const outline = await viewport.evaluate((node) => getComputedStyle(node).outlineStyle);
    expect(outline).not.toBe('none');

    await expect.poll(() => zoomPercent(selfie)).toBeGreaterThan(0);
    const fitted = await zoomPercent(selfie);
    await page.keyboard.press('+');
    await expect.poll(() => zoomPercent(selfie)).toBeGreaterThan(fitted);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('0');
    await expect.poll(() => zoomPercent(selfie)).toBe(fitted);
    await page.keyboard.press('r');
    await expect(selfie).toHaveAttribute('data-rotation', '90');

    await page.keyboard.press('s');
    const panes = dialog.getByTestId('viewer-pane');
    await expect(panes).toHaveCount(2);
    await expect(panes.nth(1)).toHaveAttribute('data-media-key', 'portrait_image');
    await page.keyboard.press('p');
    await expect(panes.nth(1)).toHaveAttribute('data-active', 'true');
    await page.keyboard.press('Shift+R');
    await expect(panes.nth(1)).toHaveAttribute('data-rotation', '270');
    await expect(panes.nth(0)).toHaveAttribute('data-rotation', '90');

    await page.keyboard.press('?');
    await expect(dialog.getByRole('region', { name: 'Viewer keyboard shortcuts' })).toBeVisible();
    await loaded(dialog.getByTestId('viewer-pane').locator('img'));
    await page.waitForTimeout(300);
    await snap('viewer-keyboard-help', { fullPage: false });

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test.describe('dark scheme', () => {
    test.use({ colorScheme: 'dark' });

    test('side by side reads well and passes axe in the dark scheme', async ({ page, stack, snap }) => {
      await openNewDiditCase(page, stack);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
      await page.getByRole('button', { name: 'Enlarge Selfie (liveness)' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Side by side' }).click();
      await expect(dialog.getByTestId('viewer-pane')).toHaveCount(2);
      await loaded(dialog.getByTestId('viewer-pane').locator('img'));
      await dialog.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.waitForTimeout(300);
      await snap('viewer-side-by-side-dark', { fullPage: false });
      await expectNoSeriousAxeViolations(page, 'document viewer side by side (dark)');
    });
  });
});
