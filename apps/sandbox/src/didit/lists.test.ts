import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScenarioSession, startTestSandbox, type TestSandbox } from './test-support.js';

interface ListRow {
  uuid: string;
  name: string;
  list_type: string;
  entry_type: string;
  is_system: boolean;
  entries_count: number;
}
interface EntryRow {
  uuid: string;
  value: string | null;
  comment: string | null;
  reference_session_id: string | null;
}
interface Page<T> {
  count: number;
  next: string | null;
  results: T[];
}

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(async () => {
  await sandbox.json('POST', '/_sandbox/reset');
});
afterAll(() => sandbox.close());

async function systemBlocklist(entryType: string): Promise<ListRow> {
  const page = await sandbox.json<Page<ListRow>>(
    'GET',
    `/v3/lists/?list_type=blocklist&entry_type=${entryType}`,
  );
  expect(page.results).toHaveLength(1);
  return page.results[0]!;
}

type Warned = Array<{ warnings: Array<{ risk: string; log_type: string }> }>;

describe('Lists API', () => {
  it('provisions one system blocklist per entry type a session yields', async () => {
    const page = await sandbox.json<Page<ListRow>>('GET', '/v3/lists/?list_type=blocklist');
    expect(page.results.map((list) => list.entry_type).sort()).toEqual(
      ['device_fingerprint', 'document', 'email', 'face', 'ip_address', 'phone'].sort(),
    );
    expect(page.results.every((list) => list.is_system)).toBe(true);
    const refused = await sandbox.call('POST', '/v3/lists/', {
      name: 'Mine',
      list_type: 'blocklist',
      entry_type: 'email',
    });
    expect(refused.status).toBe(400);
  });

  it('auto-declines a later session whose face or document was added by reference session', async () => {
    const first = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'mallory' });
    const faces = await systemBlocklist('face');
    const documents = await systemBlocklist('document');
    const face = await sandbox.call('POST', `/v3/lists/${faces.uuid}/entries/`, {
      reference_session_id: first.session_id,
      comment: 'back-office action #1',
    });
    expect(face.status).toBe(201);
    const faceEntry = (await face.json()) as EntryRow;
    // A face is an image: its entry shows no value.
    expect(faceEntry).toMatchObject({ value: null, reference_session_id: first.session_id });
    expect(faceEntry).not.toHaveProperty('fingerprint');
    await sandbox.json('POST', `/v3/lists/${documents.uuid}/entries/`, {
      reference_session_id: first.session_id,
    });
    // The same session twice in one list is refused.
    const again = await sandbox.call('POST', `/v3/lists/${faces.uuid}/entries/`, {
      reference_session_id: first.session_id,
    });
    expect(again.status).toBe(400);

    const later = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'mallory' });
    expect(later.status).toBe('Declined');
    const decision = await sandbox.json<{ id_verifications: Warned; liveness_checks: Warned }>(
      'GET',
      `/v3/session/${later.session_id}/decision/`,
    );
    expect(decision.liveness_checks[0]!.warnings).toContainEqual(
      expect.objectContaining({ risk: 'FACE_IN_BLOCKLIST', log_type: 'error' }),
    );
    expect(decision.id_verifications[0]!.warnings).toContainEqual(
      expect.objectContaining({ risk: 'ID_DOCUMENT_IN_BLOCKLIST', log_type: 'error' }),
    );

    // Entries added through the Lists API are what the older endpoint lists.
    const older = await sandbox.json<Array<{ uuid: string; item_type: string; session_id: string }>>(
      'GET',
      '/v3/blocklist/',
    );
    expect(older.map((row) => row.item_type).sort()).toEqual(['document', 'face']);
    expect(older.find((row) => row.item_type === 'face')!.uuid).toBe(faceEntry.uuid);

    expect((await sandbox.call('DELETE', `/v3/lists/${faces.uuid}/entries/${faceEntry.uuid}/`)).status).toBe(
      204,
    );
    expect((await sandbox.call('DELETE', `/v3/lists/${faces.uuid}/entries/${faceEntry.uuid}/`)).status).toBe(
      404,
    );
    const entries = await sandbox.json<Page<EntryRow>>('GET', `/v3/lists/${faces.uuid}/entries/`);
    expect(entries.count).toBe(0);
  });

  it('writes the older /v3/blocklist/ endpoints into the same system blocklists', async () => {
    const first = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'eve' });
    await sandbox.json('POST', '/v3/blocklist/add/', {
      session_id: first.session_id,
      blocklist_face: true,
    });
    const faces = await systemBlocklist('face');
    const entries = await sandbox.json<Page<EntryRow>>('GET', `/v3/lists/${faces.uuid}/entries/`);
    expect(entries.results).toEqual([expect.objectContaining({ reference_session_id: first.session_id })]);
    // Idempotent, as before: adding twice keeps one entry.
    await sandbox.json('POST', '/v3/blocklist/add/', { session_id: first.session_id, blocklist_face: true });
    expect((await sandbox.json<Page<EntryRow>>('GET', `/v3/lists/${faces.uuid}/entries/`)).count).toBe(1);
    expect((await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'eve' })).status).toBe(
      'Declined',
    );
    await sandbox.json('POST', '/v3/blocklist/remove/', { session_id: first.session_id, unblock_face: true });
    expect((await sandbox.json<Page<EntryRow>>('GET', `/v3/lists/${faces.uuid}/entries/`)).count).toBe(0);
  });

  it('adds by value, searches and pages entries, and keeps allowlists and custom lists apart', async () => {
    const emails = await systemBlocklist('email');
    for (const value of ['one@example.com', 'two@example.com', 'Three@Example.com']) {
      await sandbox.json('POST', `/v3/lists/${emails.uuid}/entries/`, {
        value,
        comment: `fraud ring ${value}`,
      });
    }
    const duplicate = await sandbox.call('POST', `/v3/lists/${emails.uuid}/entries/`, {
      value: 'three@example.com ',
    });
    expect(duplicate.status).toBe(400);
    const both = await sandbox.call('POST', `/v3/lists/${emails.uuid}/entries/`, {
      value: 'x@example.com',
      reference_session_id: 'abc',
    });
    expect(both.status).toBe(400);

    const searched = await sandbox.json<Page<EntryRow>>(
      'GET',
      `/v3/lists/${emails.uuid}/entries/?search=two`,
    );
    expect(searched.results.map((entry) => entry.value)).toEqual(['two@example.com']);
    const paged = await sandbox.json<Page<EntryRow>>('GET', `/v3/lists/${emails.uuid}/entries/?limit=2`);
    expect(paged.count).toBe(3);
    expect(paged.results).toHaveLength(2);
    expect(paged.next).toContain('offset=2');
    expect((await sandbox.call('GET', `/v3/lists/${emails.uuid}/entries/?limit=0`)).status).toBe(400);

    const allow = await sandbox.json<ListRow>('POST', '/v3/lists/', {
      name: 'Staff',
      list_type: 'allowlist',
      entry_type: 'email',
    });
    expect(allow).toMatchObject({ list_type: 'allowlist', is_system: false, entries_count: 0 });
    const custom = await sandbox.json<ListRow>('POST', '/v3/lists/', {
      name: 'Watch',
      list_type: 'custom',
      entry_type: 'country',
    });
    expect(custom.list_type).toBe('custom');
    expect((await sandbox.json<Page<ListRow>>('GET', '/v3/lists/')).count).toBe(8);
    expect(
      (await sandbox.call('GET', '/v3/lists/00000000-0000-4000-8000-000000000000/entries/')).status,
    ).toBe(404);
  });

  it('declines a later session from a blocklisted IP address or device, with the IP analysis naming it', async () => {
    const first = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'trudy' });
    expect(first.status).toBe('Approved');
    const seen = await sandbox.json<{
      ip_analyses: Array<{ ip_address: string; device_fingerprint: string }>;
    }>('GET', `/v3/session/${first.session_id}/decision/`);
    const ips = await systemBlocklist('ip_address');
    await sandbox.json('POST', `/v3/lists/${ips.uuid}/entries/`, { value: seen.ip_analyses[0]!.ip_address });
    const fromIp = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'trudy' });
    expect(fromIp.status).toBe('Declined');
    const ipDecision = await sandbox.json<{ ip_analyses: Warned }>(
      'GET',
      `/v3/session/${fromIp.session_id}/decision/`,
    );
    expect(ipDecision.ip_analyses[0]!.warnings).toEqual([
      expect.objectContaining({ risk: 'IP_ADDRESS_IN_BLOCKLIST', log_type: 'error' }),
    ]);

    await sandbox.json('POST', '/_sandbox/reset');
    const devices = await systemBlocklist('device_fingerprint');
    await sandbox.json('POST', `/v3/lists/${devices.uuid}/entries/`, {
      value: seen.ip_analyses[0]!.device_fingerprint,
    });
    const fromDevice = await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'trudy' });
    expect(fromDevice.status).toBe('Declined');
    const deviceDecision = await sandbox.json<{ ip_analyses: Warned }>(
      'GET',
      `/v3/session/${fromDevice.session_id}/decision/`,
    );
    expect(deviceDecision.ip_analyses[0]!.warnings).toEqual([
      expect.objectContaining({ risk: 'DEVICE_IN_BLOCKLIST', log_type: 'error' }),
    ]);
  });

  it('lets an allowlisted face or document pass where it would otherwise be declined', async () => {
    const flagged = await createScenarioSession(sandbox, {
      scenario: 'decline_blocklisted',
      vendor_data: 'alice',
    });
    expect(flagged.status).toBe('Declined');
    const faces = await sandbox.json<ListRow>('POST', '/v3/lists/', {
      name: 'Known good faces',
      list_type: 'allowlist',
      entry_type: 'face',
    });
    await sandbox.json('POST', `/v3/lists/${faces.uuid}/entries/`, {
      reference_session_id: flagged.session_id,
    });
    const allowedFace = await createScenarioSession(sandbox, {
      scenario: 'decline_blocklisted',
      vendor_data: 'alice',
    });
    expect(allowedFace.status).toBe('Approved');
    // Someone else with the same scenario is still declined: the allowlist clears that face only.
    expect(
      (await createScenarioSession(sandbox, { scenario: 'decline_blocklisted', vendor_data: 'bob' })).status,
    ).toBe('Declined');

    // A document on the blocklist and on an allowlist passes.
    const documents = await systemBlocklist('document');
    await sandbox.json('POST', `/v3/lists/${documents.uuid}/entries/`, {
      reference_session_id: flagged.session_id,
    });
    expect((await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'alice' })).status).toBe(
      'Declined',
    );
    const allowDocs = await sandbox.json<ListRow>('POST', '/v3/lists/', {
      name: 'Checked documents',
      list_type: 'allowlist',
      entry_type: 'document',
    });
    await sandbox.json('POST', `/v3/lists/${allowDocs.uuid}/entries/`, {
      reference_session_id: flagged.session_id,
    });
    expect((await createScenarioSession(sandbox, { scenario: 'approve', vendor_data: 'alice' })).status).toBe(
      'Approved',
    );
  });
});
