import { randomUUID } from 'node:crypto';
import { verifyAuditChain } from '@backoffice/db';
import { createTestClock } from '@backoffice/providers/test-clock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../modules/outbox/worker';
import { type Harness, startHarness, type TestRole } from '../../../test/harness';

const clock = createTestClock();
const EMAIL_CANARY = 'carmen.lists-canary@example.org';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock.now });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await h.sandbox('/_sandbox/faults', undefined, 'DELETE');
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.api.deps.db.sqlite.prepare(query).all(...params) as T[];

async function newCase(
  scenario = 'review_low_face_match',
  contact?: Record<string, string>,
  vendorData?: string,
) {
  const created = await h.sandbox('/_sandbox/didit/sessions', {
    scenario,
    ...(contact ? { contact_details: contact } : {}),
    ...(vendorData ? { vendor_data: vendorData } : {}),
  });
  expect(created.status).toBe(201);
  const sessionId = created.body.sessions[0].session_id as string;
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  const [row] = sql<{ id: number }>('SELECT id FROM cases WHERE external_id = ?', sessionId);
  expect(row).toBeDefined();
  return { sessionId, id: row!.id };
}

const json = (body: unknown, key = randomUUID()) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': key },
  body: JSON.stringify(body),
});

async function blocklistFromCase(caseId: number, items: Record<string, boolean>, as: TestRole = 'analyst') {
  const { body } = await h.call(`/api/cases/${caseId}`, { as });
  return h.call(`/api/cases/${caseId}/actions`, {
    ...json({ type: 'blocklist', reasonCode: 'confirmed_fraud', face: false, document: false, ...items }),
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      'if-match': String(body.version),
    },
    as,
  });
}

const decide = (actionId: number, decision: string, as: TestRole) =>
  h.call(`/api/actions/${actionId}/decision`, { ...json({ decision }), as });

async function listOf(entryType: string, listType = 'blocklist') {
  const response = await h.call('/api/lists', { as: 'manager' });
  expect(response.status).toBe(200);
  const list = response.body.find(
    (candidate: { entryType: string; listType: string }) =>
      candidate.entryType === entryType && candidate.listType === listType,
  );
  expect(list).toBeDefined();
  return list as { uuid: string; name: string; isSystem: boolean };
}

async function entriesOf(listUuid: string, query = '') {
  const response = await h.call(`/api/lists/${listUuid}/entries${query}`, { as: 'manager' });
  expect(response.status).toBe(200);
  return response.body as {
    count: number;
    entries: Array<{
      uuid: string;
      maskedValue: string | null;
      caseId: number | null;
      referenceSessionId: string | null;
      pendingRemoval: { actionId: number; status: string } | null;
    }>;
  };
}

const auditRows = (caseId: number, action: string) =>
  sql<{ actor_role: string | null; before: string; after: string; reason: string | null }>(
    'SELECT actor_role, before, after, reason FROM audit_log WHERE case_id = ? AND action = ? ORDER BY id',
    caseId,
    action,
  );
const listAudit = (listUuid: string) =>
  sql<{ action: string; case_id: number | null; provider: string | null; after: string }>(
    'SELECT action, case_id, provider, after FROM audit_log WHERE external_id = ? ORDER BY id',
    listUuid,
  );
/** Webhooks are signed with the sandbox's time: brings it level with the API's moved clock. */
async function syncSandboxClock() {
  const sandboxNow = (await h.sandbox('/_sandbox/clock', undefined, 'GET')).body.epoch_ms as number;
  const behind = Math.round((clock.now() - sandboxNow) / 1000);
  if (behind > 0) await h.sandbox('/_sandbox/clock/advance', { seconds: behind });
}
const actionStatus = (id: number) =>
  sql<{ status: string }>('SELECT status FROM case_actions WHERE id = ?', id)[0]!.status;

describe('lists: blocklisting from a case through the Lists API', () => {
  it('adds face, document, phone and e-mail to the system blocklists once approved, audited without PII', async () => {
    const { id, sessionId } = await newCase('review_low_face_match', {
      email: EMAIL_CANARY,
      phone: '+34600111222',
    });
    const requested = await blocklistFromCase(id, { face: true, document: true, phone: true, email: true });
    expect(requested.status).toBe(202);
    expect(requested.body.action).toMatchObject({ type: 'blocklist', status: 'awaiting_approval' });
    expect((await decide(requested.body.action.id, 'approve', 'manager')).status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionStatus(requested.body.action.id)).toBe('applied');

    for (const type of ['face', 'document', 'phone', 'email']) {
      const list = await listOf(type);
      const page = await entriesOf(list.uuid);
      const entry = page.entries.find((candidate) => candidate.referenceSessionId === sessionId);
      expect(entry, type).toMatchObject({ caseId: id });
    }
    // The e-mail is shown masked, never in full.
    const emails = await entriesOf((await listOf('email')).uuid);
    const emailEntry = emails.entries.find((entry) => entry.referenceSessionId === sessionId)!;
    expect(emailEntry.maskedValue).toBe('c•••@example.org');
    expect(JSON.stringify(emails)).not.toContain(EMAIL_CANARY);
    // Entries written through the Lists API are what the older endpoint shows as well.
    const older = (await h.sandbox('/v3/blocklist/')).body as Array<{
      session_id: string;
      item_type: string;
    }>;
    expect(
      older
        .filter((row) => row.session_id === sessionId)
        .map((row) => row.item_type)
        .sort(),
    ).toEqual(['document', 'email', 'face', 'phone']);

    const trail = JSON.stringify(sql('SELECT * FROM audit_log WHERE case_id = ?', id));
    expect(trail).not.toContain(EMAIL_CANARY);
    expect(trail).not.toContain('600111222');
    expect(h.logs.join('\n')).not.toContain(EMAIL_CANARY);
    expect(auditRows(id, 'case.action_applied')).toHaveLength(1);
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });
});

describe('lists screen backend', () => {
  it('is for managers only', async () => {
    expect((await h.call('/api/lists', { as: 'analyst' })).status).toBe(403);
    const faces = await listOf('face');
    expect((await h.call(`/api/lists/${faces.uuid}/entries`, { as: 'analyst' })).status).toBe(403);
    const { id } = await newCase();
    expect(
      (
        await h.call(`/api/lists/${faces.uuid}/entries`, {
          ...json({ caseId: id, comment: 'x' }),
          as: 'analyst',
        })
      ).status,
    ).toBe(403);
  });

  it('adds a case to a list with a comment, searches, and removes only with a second manager', async () => {
    const { id, sessionId } = await newCase();
    const documents = await listOf('document');
    const added = await h.call(`/api/lists/${documents.uuid}/entries`, {
      ...json({ caseId: id, comment: 'Forged passport seen twice' }),
      as: 'manager',
    });
    expect(added.status).toBe(202);
    // Into a blocklist, the same four-eyes rule as blocklisting from the case.
    expect(added.body).toMatchObject({ type: 'list_entry_add', status: 'awaiting_approval' });
    expect((await decide(added.body.id, 'approve', 'manager')).status).toBe(403);
    expect((await decide(added.body.id, 'approve', 'admin')).status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionStatus(added.body.id)).toBe('applied');
    const requestedAudit = auditRows(id, 'case.action_requested').at(-1)!;
    expect(JSON.parse(requestedAudit.after)).toMatchObject({
      type: 'list_entry_add',
      listUuid: documents.uuid,
      noteLength: 'Forged passport seen twice'.length,
    });
    expect(requestedAudit.after).not.toContain('Forged passport');

    const found = await entriesOf(documents.uuid, `?search=${sessionId}`);
    expect(found.count).toBe(1);
    const entry = found.entries[0]!;
    expect(entry).toMatchObject({ caseId: id, pendingRemoval: null });
    expect(entry.maskedValue).toMatch(/^•+/);
    expect((await entriesOf(documents.uuid, '?search=nothing-like-this')).count).toBe(0);

    const removalPath = `/api/lists/${documents.uuid}/entries/${entry.uuid}/removal`;
    // Analysts cannot ask for a removal.
    expect((await h.call(removalPath, { ...json({ comment: 'cleared' }), as: 'analyst' })).status).toBe(403);
    const removal = await h.call(removalPath, { ...json({ comment: 'Cleared by the bank' }), as: 'manager' });
    expect(removal.status).toBe(202);
    expect(removal.body).toMatchObject({ type: 'list_entry_remove', status: 'awaiting_approval' });
    // A second request for the same entry while one is open is refused.
    expect((await h.call(removalPath, { ...json({ comment: 'again' }), as: 'manager' })).status).toBe(409);
    // The screen shows it pending.
    const pending = await entriesOf(documents.uuid, `?search=${sessionId}`);
    expect(pending.entries[0]!.pendingRemoval).toMatchObject({
      actionId: removal.body.id,
      status: 'awaiting_approval',
    });
    // Nothing reaches Didit before the second manager.
    await drainOutbox(h.api.deps);
    expect((await entriesOf(documents.uuid, `?search=${sessionId}`)).count).toBe(1);
    // The requester cannot approve, an analyst cannot either; another manager can.
    const self = await decide(removal.body.id, 'approve', 'manager');
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('self_approval');
    expect((await decide(removal.body.id, 'approve', 'analyst')).status).toBe(403);
    expect(actionStatus(removal.body.id)).toBe('awaiting_approval');
    expect((await decide(removal.body.id, 'approve', 'admin')).status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionStatus(removal.body.id)).toBe('applied');
    expect((await entriesOf(documents.uuid, `?search=${sessionId}`)).count).toBe(0);

    const approved = auditRows(id, 'case.action_approved').at(-1)!;
    expect(approved.actor_role).toBe('admin');
    expect(JSON.parse(approved.after)).toMatchObject({ type: 'list_entry_remove', actionStatus: 'pending' });
    const removalRequested = auditRows(id, 'case.action_requested').at(-1)!;
    expect(JSON.parse(removalRequested.after)).toMatchObject({
      type: 'list_entry_remove',
      entryUuid: entry.uuid,
      fourEyes: expect.any(String),
    });
    expect(removalRequested.after).not.toContain('Cleared by the bank');
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('removes an entry that did not come from one of our sessions, on no case, with a second manager', async () => {
    const emails = await listOf('email');
    await h.sandbox(`/v3/lists/${emails.uuid}/entries/`, { value: 'someone@example.net' });
    const page = await entriesOf(emails.uuid, '?search=someone');
    const entry = page.entries[0]!;
    expect(entry).toMatchObject({ caseId: null, maskedValue: 's•••@example.net' });
    const removalPath = `/api/lists/${emails.uuid}/entries/${entry.uuid}/removal`;
    const removal = await h.call(removalPath, { ...json({ comment: 'Added by mistake' }), as: 'manager' });
    expect(removal.status).toBe(202);
    expect(removal.body).toMatchObject({
      caseId: null,
      type: 'list_entry_remove',
      status: 'awaiting_approval',
    });
    expect((await h.call(removalPath, { ...json({ comment: 'again' }), as: 'manager' })).status).toBe(409);
    expect((await entriesOf(emails.uuid, '?search=someone')).entries[0]!.pendingRemoval).toMatchObject({
      actionId: removal.body.id,
    });
    // It waits in the approvals inbox like any four-eyes request.
    const inbox = await h.call('/api/actions?status=awaiting_approval', { as: 'admin' });
    expect(inbox.status).toBe(200);
    expect(inbox.body.map((action: { id: number }) => action.id)).toContain(removal.body.id);
    await drainOutbox(h.api.deps);
    expect((await entriesOf(emails.uuid, '?search=someone')).count).toBe(1);
    expect((await decide(removal.body.id, 'approve', 'manager')).body.code).toBe('self_approval');
    expect((await decide(removal.body.id, 'approve', 'admin')).status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionStatus(removal.body.id)).toBe('applied');
    expect((await entriesOf(emails.uuid, '?search=someone')).count).toBe(0);
    const trail = listAudit(emails.uuid);
    expect(trail.map((row) => row.action)).toEqual([
      'case.action_requested',
      'case.action_approved',
      'case.action_applied',
    ]);
    expect(trail.every((row) => row.case_id === null && row.provider === 'didit')).toBe(true);
    expect(JSON.parse(trail[0]!.after)).toMatchObject({ entryUuid: entry.uuid, type: 'list_entry_remove' });
    expect(JSON.stringify(trail)).not.toContain('someone');
    expect(JSON.stringify(trail)).not.toContain('Added by mistake');
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('adds a typed value: validated per kind, masked, audited without the value, once per submit', async () => {
    const emails = await listOf('email');
    const path = `/api/lists/${emails.uuid}/entries`;
    const bad = await h.call(path, { ...json({ value: 'not-an-email', comment: 'x' }), as: 'manager' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('This is not an e-mail address.');
    const both = await h.call(path, { ...json({ value: 'a@b.co', caseId: 1, comment: 'x' }), as: 'manager' });
    expect(both.status).toBe(400);
    const ips = await listOf('ip_address');
    const badIp = await h.call(`/api/lists/${ips.uuid}/entries`, {
      ...json({ value: '300.1.2.3', comment: 'x' }),
      as: 'manager',
    });
    expect(badIp.status).toBe(400);
    expect(badIp.body.message).toBe('This is not an IPv4 or IPv6 address.');
    const faces = await listOf('face');
    const face = await h.call(`/api/lists/${faces.uuid}/entries`, {
      ...json({ value: 'abc', comment: 'x' }),
      as: 'manager',
    });
    expect(face.status).toBe(400);
    expect(
      (await h.call(path, { ...json({ value: 'x@example.com', comment: 'x' }), as: 'analyst' })).status,
    ).toBe(403);

    const key = randomUUID();
    const added = await h.call(path, {
      ...json({ value: ' Fraud.Ring@Example.NET ', comment: 'Chargeback ring' }, key),
      as: 'manager',
    });
    expect(added.status).toBe(202);
    expect(added.body).toMatchObject({
      caseId: null,
      type: 'list_entry_add',
      status: 'awaiting_approval',
      params: { maskedValue: 'f•••@example.net', entryType: 'email' },
    });
    expect(JSON.stringify(added.body)).not.toContain('fraud.ring');
    // A double submit (same key) is the same action; another request for the same value is refused.
    const replay = await h.call(path, {
      ...json({ value: ' Fraud.Ring@Example.NET ', comment: 'Chargeback ring' }, key),
      as: 'manager',
    });
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(added.body.id);
    const twice = await h.call(path, {
      ...json({ value: 'fraud.ring@example.net', comment: 'again' }),
      as: 'manager',
    });
    expect(twice.status).toBe(409);
    // The value is held only to deliver it: on the action and its outbox row while it can be sent,
    // dropped from both when the action is over (applied here, rejected below).
    const heldValue = (actionId: number) =>
      sql<{ held: string }>(
        `SELECT a.params || coalesce(o.payload, '') AS held FROM case_actions a
           LEFT JOIN outbox o ON o.action_id = a.id WHERE a.id = ?`,
        actionId,
      )[0]!.held;
    expect(heldValue(added.body.id)).toContain('fraud.ring@example.net');
    expect((await decide(added.body.id, 'approve', 'admin')).status).toBe(200);
    expect(heldValue(added.body.id)).toContain('fraud.ring@example.net');
    await drainOutbox(h.api.deps);
    expect(actionStatus(added.body.id)).toBe('applied');
    expect(heldValue(added.body.id)).not.toContain('fraud.ring');
    expect(heldValue(added.body.id)).toContain('f•••@example.net');
    const turnedDown = await h.call(path, {
      ...json({ value: 'second.ring@example.net', comment: 'Same ring' }),
      as: 'manager',
    });
    expect(turnedDown.status).toBe(202);
    expect(heldValue(turnedDown.body.id)).toContain('second.ring@example.net');
    expect((await decide(turnedDown.body.id, 'reject', 'admin')).status).toBe(200);
    expect(actionStatus(turnedDown.body.id)).toBe('rejected');
    expect(heldValue(turnedDown.body.id)).not.toContain('second.ring');
    const page = await entriesOf(emails.uuid, '?search=fraud.ring');
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ caseId: null, maskedValue: 'f•••@example.net' });
    const already = await h.call(path, {
      ...json({ value: 'FRAUD.RING@example.net', comment: 'again' }),
      as: 'manager',
    });
    expect(already.status).toBe(409);

    const trail = listAudit(emails.uuid).filter((row) => JSON.parse(row.after).actionId === added.body.id);
    expect(trail.map((row) => row.action)).toEqual([
      'case.action_requested',
      'case.action_approved',
      'case.action_applied',
    ]);
    expect(JSON.parse(trail[0]!.after)).toMatchObject({
      maskedValue: 'f•••@example.net',
      fourEyes: expect.any(String),
    });
    expect(JSON.stringify(trail)).not.toContain('fraud.ring');
    expect(JSON.stringify(trail)).not.toContain('Chargeback');
    expect(h.logs.join('\n')).not.toContain('fraud.ring');
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('lets an allowlisted face through: a later session of that person arrives approved', async () => {
    const first = await newCase('decline_blocklisted', undefined, 'ally-lists');
    expect(sql<{ status: string }>('SELECT status FROM cases WHERE id = ?', first.id)[0]!.status).toBe(
      'rejected',
    );
    const allow = await h.sandbox('/v3/lists/', {
      name: 'Known faces',
      list_type: 'allowlist',
      entry_type: 'face',
    });
    expect(allow.status).toBe(201);
    const added = await h.call(`/api/lists/${allow.body.uuid}/entries`, {
      ...json({ caseId: first.id, comment: 'Twin of a blocklisted person, checked' }),
      as: 'manager',
    });
    expect(added.status).toBe(202);
    expect(added.body.status).toBe('pending');
    await drainOutbox(h.api.deps);
    expect(actionStatus(added.body.id)).toBe('applied');
    const later = await newCase('decline_blocklisted', undefined, 'ally-lists');
    expect(sql<{ status: string }>('SELECT status FROM cases WHERE id = ?', later.id)[0]!.status).toBe(
      'approved',
    );
  });

  it('refuses a removal of an unknown entry and a page too large', async () => {
    const emails = await listOf('email');
    const unknown = await h.call(`/api/lists/${emails.uuid}/entries/${randomUUID()}/removal`, {
      ...json({ comment: 'gone' }),
      as: 'manager',
    });
    expect(unknown.status).toBe(404);
    const bad = await h.call(`/api/lists/${emails.uuid}/entries?limit=1000`, { as: 'manager' });
    expect(bad.status).toBe(400);
  });
});

describe('lists: outbox retries (moves the API clock, so last)', () => {
  it('does not duplicate an entry when the answer to the add was lost and the outbox retries', async () => {
    const { id, sessionId } = await newCase();
    const requested = await blocklistFromCase(id, { face: true });
    // The sandbox takes the entry, then truncates its answer: the call landed, the reply is unreadable.
    await h.sandbox('/_sandbox/faults', {
      match: { method: 'POST', pathPrefix: '/v3/lists/' },
      kind: 'malformed_json',
      times: 1,
    });
    expect((await decide(requested.body.action.id, 'approve', 'manager')).status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionStatus(requested.body.action.id)).toBe('retrying');
    clock.advance(10 * 60_000);
    await drainOutbox(h.api.deps);
    expect(actionStatus(requested.body.action.id)).toBe('applied');
    const faces = await entriesOf((await listOf('face')).uuid);
    expect(faces.entries.filter((entry) => entry.referenceSessionId === sessionId)).toHaveLength(1);
    const applied = auditRows(id, 'case.action_applied');
    expect(applied).toHaveLength(1);
    expect(JSON.parse(applied[0]!.after)).toMatchObject({ via: 'reconciled' });
    expect(auditRows(id, 'case.action_retry_scheduled')).toHaveLength(1);
  });

  it('adds a typed IP address once although the answer was lost, and a later session from it is declined', async () => {
    await syncSandboxClock();
    const first = await newCase('approve', undefined, 'ip-lists');
    const seen = await h.sandbox(`/v3/session/${first.sessionId}/decision/`, undefined, 'GET');
    const ip = seen.body.ip_analyses[0].ip_address as string;
    const ips = await listOf('ip_address');
    await h.sandbox('/_sandbox/faults', {
      match: { method: 'POST', pathPrefix: '/v3/lists/' },
      kind: 'malformed_json',
      times: 1,
    });
    const added = await h.call(`/api/lists/${ips.uuid}/entries`, {
      ...json({ value: ip, comment: 'Bot farm' }),
      as: 'manager',
    });
    expect(added.status).toBe(202);
    expect((await decide(added.body.id, 'approve', 'admin')).status).toBe(200);
    await drainOutbox(h.api.deps);
    expect(actionStatus(added.body.id)).toBe('retrying');
    clock.advance(10 * 60_000);
    await drainOutbox(h.api.deps);
    expect(actionStatus(added.body.id)).toBe('applied');
    const page = await entriesOf(ips.uuid);
    expect(page.count).toBe(1);
    const applied = listAudit(ips.uuid).filter((row) => row.action === 'case.action_applied');
    expect(applied).toHaveLength(1);
    expect(JSON.parse(applied[0]!.after)).toMatchObject({ via: 'reconciled' });
    expect(JSON.stringify(listAudit(ips.uuid))).not.toContain(ip);

    await syncSandboxClock();
    const later = await newCase('approve', undefined, 'ip-lists');
    expect(sql<{ status: string }>('SELECT status FROM cases WHERE id = ?', later.id)[0]!.status).toBe(
      'rejected',
    );
    const detail = await h.call(`/api/cases/${later.id}`, { as: 'analyst' });
    expect(JSON.stringify(detail.body)).toContain('IP_ADDRESS_IN_BLOCKLIST');
  });
});
