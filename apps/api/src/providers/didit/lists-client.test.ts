import { ProviderError } from '@backoffice/providers/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness';

/** The Didit client's Lists API calls, against the Didit sandbox the harness runs. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('Didit client: Lists API against the sandbox', () => {
  it('lists lists, adds by value and by session, searches and pages entries, deletes by uuid', async () => {
    const client = h.api.deps.didit.client;
    const blocklists = await client.listLists({ listType: 'blocklist' });
    expect(blocklists.map((list) => list.entry_type).sort()).toEqual(
      ['device_fingerprint', 'document', 'email', 'face', 'ip_address', 'phone'].sort(),
    );
    const [phones] = await client.listLists({ listType: 'blocklist', entryType: 'phone' });
    expect(phones).toBeDefined();
    for (const value of ['+34 600 000 001', '+34 600 000 002', '+34 600 000 003']) {
      const entry = await client.addListEntry(phones!.uuid, { value, comment: 'client test' });
      expect(entry).toMatchObject({ value, comment: 'client test', reference_session_id: null });
    }
    const page = await client.listEntries(phones!.uuid, { limit: 2 });
    expect(page.count).toBe(3);
    expect(page.results).toHaveLength(2);
    const rest = await client.listEntries(phones!.uuid, { limit: 2, offset: 2 });
    expect(rest.results).toHaveLength(1);
    const searched = await client.listEntries(phones!.uuid, { search: '002' });
    expect(searched.results.map((entry) => entry.value)).toEqual(['+34 600 000 002']);

    const created = await h.sandbox('/_sandbox/didit/sessions', { scenario: 'approve' });
    const sessionId = created.body.sessions[0].session_id as string;
    const [faces] = await client.listLists({ listType: 'blocklist', entryType: 'face' });
    const face = await client.addListEntry(faces!.uuid, { reference_session_id: sessionId });
    expect(face).toMatchObject({ reference_session_id: sessionId, value: null });

    await client.deleteListEntry(faces!.uuid, face.uuid);
    expect((await client.listEntries(faces!.uuid)).count).toBe(0);
    const again = await client.deleteListEntry(faces!.uuid, face.uuid).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ProviderError);
    expect(again).toMatchObject({ status: 404, retryable: false });
  });

  it('refuses an add body with both a value and a session, or with neither, before any call', async () => {
    const client = h.api.deps.didit.client;
    await expect(client.addListEntry('any', { value: 'x', reference_session_id: 'y' })).rejects.toThrow();
    await expect(client.addListEntry('any', {})).rejects.toThrow();
  });
});
