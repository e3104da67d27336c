import { createSandboxSession, expect, queueRows, test } from './fixtures';

test.describe('Didit session with every report type', () => {
  test('shows every report by type and node, and resubmission offers the nodes that ran', async ({
    page,
    stack,
    snap,
  }) => {
    const created = (await createSandboxSession(stack, 'all_reports')) as {
      sessions?: { session_id: string }[];
    };
    const sessionId = created.sessions?.[0]?.session_id ?? '';
    expect(sessionId).not.toBe('');

    // The case appears once the sandbox's webhook has been ingested.
    await expect
      .poll(
        async () => {
          await page.goto(`/cases?q=${sessionId}`);
          // The list loads after navigation: give it a moment before counting.
          await queueRows(page)
            .first()
            .waitFor({ timeout: 3_000 })
            .catch(() => undefined);
          return queueRows(page).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await queueRows(page).first().click();
    await expect(page).toHaveURL(/\/cases\/\d+$/);

    const reports = page.getByRole('region', { name: 'All reports' });
    await expect(reports).toBeVisible();

    const documents = reports.getByRole('region', { name: /^ID document/ });
    await expect(documents.getByTestId('didit-report')).toHaveCount(2);
    await expect(documents.getByLabel('Node feature_ocr_2')).toContainText('Driving License');
    const faceMatches = reports.getByRole('region', { name: /^Face match/ });
    await expect(faceMatches.getByTestId('didit-report')).toHaveCount(2);
    await expect(faceMatches.getByLabel('Node feature_face_match_2')).toContainText('Threshold');
    for (const type of [
      'NFC chip',
      'Liveness',
      'Proof of address',
      'Phone',
      'E-mail',
      'AML screening',
      'IP analysis',
      'Database validation',
      'Biometric authentications',
    ]) {
      await expect(reports.getByRole('region', { name: new RegExp(`^${type}`) })).toBeVisible();
    }
    // How fast it opens is the benchmark's to judge (pnpm bench, "case open"), not this spec's.
    await snap('didit-all-reports');
    await reports.screenshot({ path: '/tmp/shots/didit-all-reports-section.png' });

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Request resubmission…' }).click();
    const dialog = page.getByRole('dialog');
    const boxes = dialog.getByRole('checkbox');
    await expect(boxes.first()).toBeVisible();
    const offered = await boxes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('value')));
    expect(offered).toEqual(expect.arrayContaining(['feature_ocr_2', 'feature_face_match_2', 'feature_ocr']));
    // In-review nodes come before approved ones.
    expect(offered.indexOf('feature_face_match_2')).toBeLessThan(offered.indexOf('feature_ocr'));
    await snap('didit-all-reports-resubmit', { fullPage: false });
  });
});
