import { expect, queueRows, test } from './fixtures';

test.describe('case page', () => {
  test('shows a high-risk case: thresholds, warnings, AML hits, images', async ({ page, snap }) => {
    await page.goto('/cases?status=needs_review&riskBand=high&provider=didit');
    const row = queueRows(page).first();
    await expect(row).toBeVisible();
    const name = (await row.locator('a[href^="/cases/"]').first().textContent())?.trim() ?? '';
    await row.click();

    await expect(page).toHaveURL(/\/cases\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('case-risk-summary')).toContainText('High');

    for (const meter of ['Liveness', 'Face match', 'AML score']) {
      await expect(page.getByRole('meter', { name: meter })).toHaveAttribute(
        'aria-valuetext',
        /^\d+(\.\d)? — (above|below|at) (decline|review) threshold \d+$/,
      );
    }

    const warnings = page.getByRole('region', { name: 'Warnings' });
    await expect(warnings.getByRole('listitem').first()).toBeVisible();
    await expect(warnings).toContainText('POSSIBLE_MATCH_FOUND');

    const aml = page.getByRole('region', { name: 'AML screening' });
    const hits = aml.getByRole('table', { name: 'AML hits' }).locator('tbody tr');
    await expect(hits.first()).toBeVisible();
    await expect(hits.first()).toContainText(/PEP|Sanctions|Adverse Media/);

    const images = page.getByRole('region', { name: 'Images' }).getByRole('img');
    await expect(images.first()).toBeVisible();
    const imageCount = await images.count();
    expect(imageCount).toBeGreaterThanOrEqual(4);
    await expect
      .poll(() =>
        images.evaluateAll((nodes) => nodes.every((node) => (node as HTMLImageElement).naturalWidth > 0)),
      )
      .toBe(true);
    await snap('case-high-risk');

    await page.getByRole('button', { name: /^Enlarge ID document, front/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('img', { name: 'ID document, front' })).toBeVisible();
    await snap('case-image-enlarged', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('link', { name: 'Back to queue' }).click();
    await expect(page).toHaveURL(/status=needs_review&riskBand=high/);
  });

  test('a low face match sits below the review threshold; keyboard opens the case', async ({
    page,
    snap,
  }) => {
    await page.goto('/cases?status=needs_review&provider=didit&q=');
    const rows = queueRows(page);
    await expect(rows.first()).toBeVisible();
    // The low face match scenario is the one without AML risk.
    const lowRisk = rows.filter({ hasText: 'Low' }).first();
    await lowRisk.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/cases\/\d+$/);

    const faceMatch = page.getByRole('meter', { name: 'Face match' });
    await expect(faceMatch).toHaveAttribute('aria-valuetext', /below review threshold \d+$/);
    await expect(page.getByRole('region', { name: 'Biometrics' })).toContainText('Review');
    await expect(page.getByRole('region', { name: 'Warnings' })).toContainText('LOW_FACE_MATCH_SIMILARITY');
    await expect(
      page.getByRole('region', { name: 'History' }).getByText('Pending → Needs review'),
    ).toBeVisible();
    await snap('case-low-face-match');
  });

  test('a broken image offers a retry that recovers', async ({ page, snap }) => {
    await page.goto('/cases?status=needs_review&provider=didit');
    const row = queueRows(page).first();
    await expect(row).toBeVisible();
    const id = await row.getAttribute('data-case-id');

    // Didit media links expire; simulate that for the first load of one image.
    await page.route(`**/api/cases/${id}/media/front_image`, (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{}' }),
    );
    await page.goto(`/cases/${id}`);
    const images = page.getByRole('region', { name: 'Images' });
    await expect(images.getByText('Image unavailable')).toBeVisible();
    await snap('case-image-broken');

    await page.unroute(`**/api/cases/${id}/media/front_image`);
    await images.getByRole('button', { name: /^Retry loading/ }).click();
    await expect(images.getByText('Image unavailable')).toBeHidden();
    await expect(images.getByRole('img', { name: 'ID document, front' })).toBeVisible();
  });

  test('audited reads work from the app and are refused when another site links to them', async ({
    page,
    stack,
  }) => {
    await page.goto('/cases?status=needs_review&provider=didit');
    const row = queueRows(page).first();
    await expect(row).toBeVisible();
    const id = await row.getAttribute('data-case-id');
    await page.goto(`/cases/${id}`);
    // The SPA's own <img> requests and its PDF link are same-origin, so they pass the check.
    const images = page.getByRole('region', { name: 'Images' }).getByRole('img');
    await expect
      .poll(() =>
        images.evaluateAll(
          (nodes) => nodes.length > 0 && nodes.every((node) => (node as HTMLImageElement).naturalWidth > 0),
        ),
      )
      .toBe(true);
    await page.getByRole('button', { name: 'More actions' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Download PDF report' }).click(),
    ]);
    expect(await download.failure()).toBeNull();

    // A page on another origin (the sandbox's port: same site, another application) links to an image.
    const mediaUrl = new URL(`/api/cases/${id}/media/front_image`, stack.appUrl).toString();
    await page.goto(`${stack.diditSandboxUrl}/`);
    await page.setContent(`<a href="${mediaUrl}">open</a>`);
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.url() === mediaUrl),
      page.getByRole('link', { name: 'open' }).click(),
    ]);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'cross_site_request' });
    // Typing the same address is the user's own navigation (Sec-Fetch-Site: none) and is served.
    const typed = await page.goto(mediaUrl);
    expect(typed?.status()).toBe(200);
  });

  test('an unknown case id is a real not-found screen', async ({ page, snap }) => {
    await page.goto('/cases/987654321');
    await expect(page.getByText('Case not found')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the queue' })).toBeVisible();
    await snap('case-not-found');
  });

  test('the loading state is a skeleton, not a blank page', async ({ page, snap }) => {
    await page.goto('/cases?status=needs_review&provider=didit');
    const id = await queueRows(page).first().getAttribute('data-case-id');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`**/api/cases/${id}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/cases/${id}`);
    await expect(page.getByLabel('Loading case')).toBeVisible();
    await snap('case-loading');
    release();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('declined cases', () => {
  test('an expired document is highlighted and declining warnings stand out', async ({ page, snap }) => {
    await page.goto('/cases?status=rejected&q=');
    const rows = queueRows(page);
    await expect(rows.first()).toBeVisible();
    // Open each rejected case until the expired-document one (the sandbox's decline_expired_doc scenario).
    const ids = await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-case-id')));
    let found = false;
    for (const id of ids) {
      await page.goto(`/cases/${id}`);
      const warnings = page.getByRole('region', { name: 'Warnings' });
      await expect(warnings).toBeVisible();
      if ((await warnings.getByText('DOCUMENT_EXPIRED').count()) === 0) continue;
      found = true;
      await expect(warnings.getByText('Error · declines').first()).toBeVisible();
      await expect(
        page.getByRole('region', { name: 'Document' }).getByText('Expired', { exact: true }),
      ).toBeVisible();
      await snap('case-declined-expired-document');
      break;
    }
    expect(found).toBe(true);
  });
});
