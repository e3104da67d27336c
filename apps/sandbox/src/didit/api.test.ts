import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScenarioSession, startTestSandbox, TEST_API_KEY, type TestSandbox } from './test-support.js';

let sandbox: TestSandbox;
let defaultWorkflowId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(async () => {
  ({ default_workflow_id: defaultWorkflowId } = await sandbox.json<{ default_workflow_id: string }>(
    'POST',
    '/_sandbox/reset',
  ));
});
afterAll(() => sandbox.close());

describe('authentication and routing', () => {
  it('answers 403 without a key and 401 with a wrong one', async () => {
    const missing = await fetch(`${sandbox.didit.url}/v3/sessions/`);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await sandbox.call('GET', '/v3/sessions/', undefined, { 'x-api-key': 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toHaveProperty('detail');
    const control = await fetch(`${sandbox.didit.url}/_sandbox/clock`);
    expect(control.status).toBe(403);
  });

  it('redirects slash-less paths with 301, keeping the query, before authentication', async () => {
    const response = await fetch(`${sandbox.didit.url}/v3/sessions?status=Approved&limit=5`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/v3/sessions/?status=Approved&limit=5');
  });

  it('serves the documented slash-less exceptions and 404s unknown routes with a detail', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    for (const path of [
      `/v3/session/${session.session_id}/generate-pdf`,
      `/v3/session/${session.session_id}/generate-pdf/`,
    ]) {
      const response = await sandbox.call('GET', path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    const unknown = await sandbox.call('GET', '/v3/nothing-here/');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Not found.' });
  });
});

describe('workflows', () => {
  it('accepts the flat-flag shape with defaults and the features[] shape', async () => {
    const flat = await sandbox.json<Record<string, unknown>>('POST', '/v3/workflows/', {
      workflow_label: 'Flat',
      workflow_type: 'kyc',
      is_aml_enabled: true,
      is_face_match_enabled: false,
    });
    expect(flat).toMatchObject({
      workflow_label: 'Flat',
      features: ['ocr', 'liveness', 'aml'],
      face_match_score_decline_threshold: 50,
      face_match_score_review_threshold: 70,
      face_liveness_score_decline_threshold: 50,
      aml_review_threshold: 80,
      aml_decline_threshold: 100,
      max_retry_attempts: 3,
    });
    const listed = await sandbox.json<Array<{ features: string[] }>>('GET', '/v3/workflows/');
    expect(listed).toHaveLength(2);

    const response = await sandbox.call('POST', '/v3/workflows/', {
      workflow_label: 'Features',
      features: [
        { feature: 'OCR' },
        {
          feature: 'FACE_MATCH',
          config: { face_match_score_decline_threshold: 40, face_match_score_review_threshold: 60 },
        },
      ],
      max_retry_attempts: 5,
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { uuid: string };
    expect(created).toMatchObject({
      features: ['ocr', 'face_match'],
      face_match_score_review_threshold: 60,
      max_retry_attempts: 5,
    });

    const patched = await sandbox.json('PATCH', `/v3/workflows/${created.uuid}/`, {
      face_match_score_review_threshold: 65,
    });
    expect(patched).toMatchObject({ face_match_score_review_threshold: 65, workflow_version: 2 });
    expect((await sandbox.call('DELETE', `/v3/workflows/${created.uuid}/`)).status).toBe(204);
    expect((await sandbox.call('GET', `/v3/workflows/${created.uuid}/`)).status).toBe(404);
  });

  it('answers validation errors per field', async () => {
    const response = await sandbox.call('POST', '/v3/workflows/', {
      features: [{ feature: 'TELEPATHY' }],
      max_retry_attempts: 'x',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, string[]>;
    expect(body.workflow_label).toEqual(['This field is required.']);
    expect(body['features.0.feature']).toBeDefined();
    expect(body.max_retry_attempts).toBeDefined();
    const inverted = await sandbox.call('POST', '/v3/workflows/', {
      workflow_label: 'Bad',
      face_match_score_decline_threshold: 80,
      face_match_score_review_threshold: 60,
    });
    expect(inverted.status).toBe(400);
    const malformed = await sandbox.call('POST', '/v3/workflows/', undefined, {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    const broken = await fetch(`${sandbox.didit.url}/v3/workflows/`, {
      method: 'POST',
      headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
      body: '{"workflow_label":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toHaveProperty('detail');
  });
});

describe('sessions', () => {
  it('creates a session with the documented response and rejects an unknown workflow', async () => {
    const response = await sandbox.call('POST', '/v3/session/', {
      workflow_id: defaultWorkflowId,
      vendor_data: 'user-42',
      metadata: { plan: 'gold' },
      callback: 'https://example.com/done',
      contact_details: { email: 'user@example.com', phone: '+34600000000' },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      session_number: 1,
      vendor_data: 'user-42',
      metadata: { plan: 'gold' },
      status: 'Not Started',
      workflow_id: defaultWorkflowId,
      callback: 'https://example.com/done',
    });
    expect(body.url).toBe(`${sandbox.didit.url}/session/${body.session_token}`);

    const unknown = await sandbox.call('POST', '/v3/session/', {
      workflow_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toHaveProperty('workflow_id');
    const invalid = await sandbox.call('POST', '/v3/session/', {
      workflow_id: 'x',
      contact_details: { phone: '123' },
    });
    expect(Object.keys((await invalid.json()) as object).sort()).toEqual([
      'contact_details.phone',
      'workflow_id',
    ]);
  });

  it('lists newest first with filters and an absolute limit/offset envelope', async () => {
    await sandbox.json('POST', '/_sandbox/didit/sessions', {
      scenario: 'approve',
      count: 3,
      vendor_data: 'alice',
    });
    await sandbox.json('POST', '/_sandbox/didit/sessions', {
      scenario: 'review_aml_pep',
      count: 2,
      vendor_data: 'bob',
    });
    await sandbox.json('POST', '/_sandbox/didit/sessions', { scenario: 'approve', until: 'created' });

    const firstPage = await sandbox.json<{
      count: number;
      next: string;
      previous: null;
      results: Array<{ session_number: number }>;
    }>('GET', '/v3/sessions/?limit=2');
    expect(firstPage.count).toBe(6);
    expect(firstPage.results.map((row) => row.session_number)).toEqual([6, 5]);
    expect(firstPage.previous).toBeNull();
    expect(firstPage.next).toBe(`${sandbox.didit.url}/v3/sessions/?limit=2&offset=2`);
    const second = await sandbox.json<{
      next: string;
      previous: string;
      results: Array<{ session_number: number }>;
    }>('GET', new URL(firstPage.next).pathname + new URL(firstPage.next).search);
    expect(second.results.map((row) => row.session_number)).toEqual([4, 3]);
    expect(second.previous).toBe(`${sandbox.didit.url}/v3/sessions/?limit=2`);

    const byStatus = await sandbox.json<{ count: number }>(
      'GET',
      '/v3/sessions/?status=In%20Review,Not%20Started',
    );
    expect(byStatus.count).toBe(3);
    const byVendor = await sandbox.json<{ count: number }>('GET', '/v3/sessions/?vendor_data=alice');
    expect(byVendor.count).toBe(3);
    const byWorkflow = await sandbox.json<{ count: number }>(
      'GET',
      `/v3/sessions/?workflow_id=${defaultWorkflowId}`,
    );
    expect(byWorkflow.count).toBe(6);
    const today = new Date(sandbox.clock.now()).toISOString().slice(0, 10);
    expect(
      (await sandbox.json<{ count: number }>('GET', `/v3/sessions/?date_from=${today}&date_to=${today}`))
        .count,
    ).toBe(6);
    expect((await sandbox.json<{ count: number }>('GET', '/v3/sessions/?date_to=2020-01-01')).count).toBe(0);

    const alice = await sandbox.json<{ results: Array<{ full_name: string; issuing_state: string }> }>(
      'GET',
      '/v3/sessions/?vendor_data=alice&limit=1',
    );
    const { full_name: fullName, issuing_state: country } = alice.results[0]!;
    const folded = fullName.normalize('NFD').replace(/\p{M}/gu, '').split(' ')[0]!.toLowerCase();
    expect(
      (await sandbox.json<{ count: number }>('GET', `/v3/sessions/?search=${encodeURIComponent(folded)}`))
        .count,
    ).toBeGreaterThanOrEqual(3);
    expect(
      (await sandbox.json<{ count: number }>('GET', `/v3/sessions/?country=${country}`)).count,
    ).toBeGreaterThanOrEqual(3);

    const paged = await sandbox.json<{ next: string; results: Array<{ session_number: number }> }>(
      'GET',
      '/v3/sessions/?page=2&page_size=4',
    );
    expect(paged.results.map((row) => row.session_number)).toEqual([2, 1]);
    expect(
      (await sandbox.json<{ results: unknown[] }>('GET', '/v3/sessions/?limit=1000')).results,
    ).toHaveLength(6);
    const badStatus = await sandbox.call('GET', '/v3/sessions/?status=Done');
    expect(badStatus.status).toBe(400);
    expect(await badStatus.json()).toHaveProperty('status');
    expect((await sandbox.call('GET', '/v3/sessions/?limit=abc')).status).toBe(400);
  });

  it('deletes sessions', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    expect((await sandbox.call('DELETE', `/v3/session/${session.session_id}/delete/`)).status).toBe(204);
    expect((await sandbox.call('GET', `/v3/session/${session.session_id}/decision/`)).status).toBe(404);
    expect((await sandbox.call('DELETE', `/v3/session/${session.session_id}/delete/`)).status).toBe(404);
  });

  it('records reviews and comments', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'review_low_face_match' });
    const comment = await sandbox.call('POST', `/v3/sessions/${session.session_id}/reviews/`, {
      comment: 'looks fine',
    });
    expect(comment.status).toBe(201);
    const change = await sandbox.json('POST', `/v3/sessions/${session.session_id}/reviews/`, {
      new_status: 'Approved',
      comment: 'same person',
    });
    expect(change).toMatchObject({
      action: 'status_change',
      old_status: 'In Review',
      new_status: 'Approved',
      note: 'same person',
    });
    const reviews = await sandbox.json<unknown[]>('GET', `/v3/sessions/${session.session_id}/reviews/`);
    expect(reviews).toHaveLength(2);
  });
});

describe('media', () => {
  it('serves deterministic PNGs on presigned URLs that expire after 60 minutes', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    const decision = await sandbox.json<{
      id_verifications: Array<{ front_image: string; portrait_image: string }>;
      liveness_checks: Array<{ reference_image: string }>;
      face_matches: Array<{ source_image: string; target_image: string }>;
    }>('GET', `/v3/session/${session.session_id}/decision/`);
    const urls = [
      decision.id_verifications[0]!.front_image,
      decision.id_verifications[0]!.portrait_image,
      decision.liveness_checks[0]!.reference_image,
      decision.face_matches[0]!.source_image,
      decision.face_matches[0]!.target_image,
    ];
    for (const url of urls) {
      expect(url).toMatch(
        new RegExp(`^${sandbox.didit.url}/media/.+\\.png\\?.*expires=\\d+.*signature=[0-9a-f]{64}`),
      );
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    }
    const again = Buffer.from(await (await fetch(urls[0]!)).arrayBuffer());
    expect(again).toEqual(Buffer.from(await (await fetch(urls[0]!)).arrayBuffer()));

    const tampered = urls[0]!.replace(/signature=[0-9a-f]{4}/, 'signature=0000');
    expect((await fetch(tampered)).status).toBe(403);
    await sandbox.json('POST', '/_sandbox/clock/advance', { seconds: 3600 });
    expect((await fetch(urls[0]!)).status).toBe(403);
  });
});

describe('blocklist', () => {
  it('auto-declines a later session of the same person and can be undone', async () => {
    const first = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'mallory' });
    const added = await sandbox.json('POST', '/v3/blocklist/add/', {
      session_id: first.session_id,
      blocklist_face: true,
      blocklist_document: true,
    });
    expect(added).toMatchObject({
      message: 'Items added to blocklist',
      blocked: { face: true, document: true },
    });
    const listed = await sandbox.json<Array<{ item_type: string }>>('GET', '/v3/blocklist/?item_type=face');
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('value');

    const later = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'mallory' });
    expect(later.status).toBe('Declined');
    const decision = await sandbox.json<{
      id_verifications: Array<{ warnings: Array<{ risk: string; log_type: string }> }>;
      liveness_checks: Array<{ warnings: Array<{ risk: string; log_type: string }> }>;
    }>('GET', `/v3/session/${later.session_id}/decision/`);
    expect(decision.id_verifications[0]!.warnings).toContainEqual(
      expect.objectContaining({ risk: 'ID_DOCUMENT_IN_BLOCKLIST', log_type: 'error' }),
    );
    expect(decision.liveness_checks[0]!.warnings).toContainEqual(
      expect.objectContaining({ risk: 'FACE_IN_BLOCKLIST', log_type: 'error' }),
    );
    const stranger = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'trent' });
    expect(stranger.status).toBe('Approved');

    await sandbox.json('POST', '/v3/blocklist/remove/', {
      session_id: first.session_id,
      unblock_face: true,
      unblock_document: true,
    });
    expect(await sandbox.json('GET', '/v3/blocklist/')).toEqual([]);
    expect(
      (await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'mallory' })).status,
    ).toBe('Approved');
  });

  it('rejects an empty selection and an unknown session', async () => {
    const session = await createScenarioSession(sandbox, { scenario: 'approve' });
    expect(
      (await sandbox.call('POST', '/v3/blocklist/add/', { session_id: session.session_id })).status,
    ).toBe(400);
    const unknown = await sandbox.call('POST', '/v3/blocklist/add/', {
      session_id: '00000000-0000-4000-8000-000000000000',
      blocklist_face: true,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('hosted verification page', () => {
  it('lets the simulated user start and finish, then redirects to the callback', async () => {
    const created = await sandbox.json<{ url: string; session_id: string }>('POST', '/v3/session/', {
      workflow_id: defaultWorkflowId,
      callback: 'https://app.example.com/kyc/done?from=didit',
    });
    const page = await fetch(created.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Not Started');
    const start = await fetch(`${created.url}/start`, { method: 'POST', redirect: 'manual' });
    expect(start.status).toBe(303);
    const finish = await fetch(`${created.url}/finish`, { method: 'POST', redirect: 'manual' });
    const location = new URL(finish.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://app.example.com/kyc/done');
    expect(location.searchParams.get('verificationSessionId')).toBe(created.session_id);
    expect(location.searchParams.get('status')).toBe('Approved');
    expect((await fetch(`${sandbox.didit.url}/session/unknown-token`)).status).toBe(404);
  });
});
