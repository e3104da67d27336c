import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDiditCase, requestAction, sqlOn } from '../../test/cases';
import { type Harness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';

/*
 * The append-only audit log holds no personal data (docs/reliability.md R14, R23): every route that accepts free
 * text gets a distinct canary, and no audit row may contain any of them. The notes themselves stay
 * readable where they belong (the case's actions, comments and metadata).
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
});
afterAll(async () => {
  await h?.close();
});

const sql = <T>(query: string, ...params: unknown[]) => sqlOn(h)<T>(query, ...params);

const canaries: string[] = [];
/** A value no audit row could contain by chance. */
const canary = (where: string) => {
  const value = `Canary${where}${randomUUID().slice(0, 8)}`;
  canaries.push(value);
  return value;
};

const send = (path: string, method: string, body: unknown, as: TestRole = 'analyst') =>
  h.call(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    as,
  });

const act = (caseId: number, body: Record<string, unknown>, as: TestRole = 'analyst') =>
  requestAction(h, caseId, body, as);

const diditCase = async (scenario?: string) => (await newDiditCase(h, scenario)).id;

async function kryptogoCase() {
  const kgo = h.kryptogo!;
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
    type: 'dd',
    scenario: 'pep',
    count: 1,
    callback_url: kgo.callbackUrl,
  });
  const taskId = created.body.ids[0] as number;
  return sql<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'kryptogo' AND external_id = ?",
    String(taskId),
  )[0]!.id;
}

describe('no personal data in the audit log', () => {
  it('keeps every free-text canary out of every audit row, and still shows the notes on the case', async () => {
    // Didit: a decision note, a resubmission note, a blocklist note, a provider comment.
    const decided = await diditCase();
    const approveNote = canary('ApproveNote');
    expect((await act(decided, { type: 'approve', reasonCode: 'other', note: approveNote })).status).toBe(
      202,
    );
    await drainOutbox(h.api.deps);
    await h.sandbox('/_sandbox/didit/webhooks/flush', {});
    const reversalNote = canary('ReversalNote');
    const reversal = await act(decided, { type: 'decline', reasonCode: 'other', note: reversalNote });
    expect(reversal.body.action.status).toBe('awaiting_approval');
    const approvalNote = canary('SecondPersonNote');
    const approved = await send(
      `/api/actions/${reversal.body.action.id}/decision`,
      'POST',
      {
        decision: 'approve',
        note: approvalNote,
      },
      'manager',
    );
    expect(approved.status).toBe(200);
    await drainOutbox(h.api.deps);

    const blocklistNote = canary('BlocklistNote');
    const blocklist = await act(decided, {
      type: 'blocklist',
      reasonCode: 'confirmed_fraud',
      face: true,
      document: false,
      note: blocklistNote,
    });
    expect(blocklist.status).toBe(202);
    const rejectNote = canary('RejectNote');
    expect(
      (
        await send(
          `/api/actions/${blocklist.body.action.id}/decision`,
          'POST',
          { decision: 'reject', note: rejectNote },
          'manager',
        )
      ).status,
    ).toBe(200);

    const resubmitted = await diditCase();
    const resubmitNote = canary('ResubmitNote');
    expect(
      (
        await act(resubmitted, {
          type: 'request_resubmission',
          reasonCode: 'blurry_document',
          nodes: [{ nodeId: 'feature_ocr', feature: 'OCR' }],
          note: resubmitNote,
        })
      ).status,
    ).toBe(202);
    const commentNote = canary('ProviderComment');
    expect((await act(resubmitted, { type: 'provider_comment', note: commentNote })).status).toBe(202);

    // Local working notes: a comment and a metadata value.
    const localComment = canary('LocalComment');
    expect((await send(`/api/cases/${resubmitted}/comments`, 'POST', { body: localComment })).status).toBe(
      201,
    );
    const localValue = canary('LocalMetadata');
    expect(
      (
        await send(`/api/cases/${resubmitted}/metadata`, 'PUT', {
          entries: [{ key: 'contact', value: localValue }],
        })
      ).status,
    ).toBe(200);

    // KryptoGO: provider metadata values, a decision note, and a screening by name and id number.
    const task = await kryptogoCase();
    const providerValue = canary('KryptogoMetadata');
    expect(
      (await act(task, { type: 'provider_metadata', entries: [{ key: 'source', value: providerValue }] }))
        .status,
    ).toBe(202);
    const kryptogoNote = canary('KryptogoNote');
    expect(
      (await act(task, { type: 'approve', reasonCode: 'false_positive_aml', note: kryptogoNote })).status,
    ).toBe(202);
    await drainOutbox(h.api.deps);
    const screenedName = canary('ScreenedName');
    const screenedId = canary('Id');
    const screening = await send('/api/kryptogo/screenings', 'POST', {
      type: 'dd_person',
      name: screenedName,
      idNumber: screenedId,
      customerReference: canary('CustomerRef'),
    });
    expect(screening.status).toBe(201);
    const company = await send('/api/kryptogo/screenings', 'POST', {
      type: 'dd_company',
      companyName: canary('CompanyName'),
      registrationNumber: canary('Registration'),
    });
    expect(company.status).toBe(201);

    // Staff: a new user's name and e-mail, and a renamed user.
    const staffName = canary('StaffName');
    const created = await send(
      '/api/users',
      'POST',
      {
        email: `${canary('mail').toLowerCase()}@example.test`,
        name: staffName,
        role: 'analyst',
        password: 'a-long-enough-password-1',
      },
      'admin',
    );
    expect(created.status).toBe(201);
    expect(
      (await send(`/api/users/${created.body.id}`, 'PATCH', { name: canary('Renamed') }, 'admin')).status,
    ).toBe(200);

    await drainOutbox(h.api.deps);
    const audit = sql<Record<string, unknown>>('SELECT * FROM audit_log');
    const text = audit
      .map((row) => JSON.stringify(row))
      .join('\n')
      .toLowerCase();
    const leaked = canaries.filter((value) => text.includes(value.toLowerCase()));
    expect(leaked).toEqual([]);
    // The rows still say that there was a note, and how long it was.
    const requested = sql<{ after: string; reason: string | null }>(
      "SELECT after, reason FROM audit_log WHERE case_id = ? AND action = 'case.action_requested' ORDER BY id",
      decided,
    );
    expect(JSON.parse(requested[0]!.after)).toMatchObject({ noteLength: approveNote.length });
    expect(requested[0]!.reason).toBe('other');
    const approval = sql<{ after: string }>(
      "SELECT after FROM audit_log WHERE case_id = ? AND action = 'case.action_approved'",
      decided,
    );
    expect(JSON.parse(approval[0]!.after)).toMatchObject({
      noteId: expect.any(Number),
      noteLength: approvalNote.length,
    });
    const metadataRequest = sql<{ after: string }>(
      "SELECT after FROM audit_log WHERE case_id = ? AND action = 'case.action_requested' ORDER BY id",
      task,
    );
    expect(JSON.parse(metadataRequest[0]!.after).entries).toEqual([
      { key: 'source', valueLength: providerValue.length },
    ]);

    // Authorised users still read every note where it belongs.
    const page = (await h.call(`/api/cases/${decided}`, { as: 'manager' })).body;
    const shown = JSON.stringify(page);
    for (const note of [approveNote, reversalNote, blocklistNote]) expect(shown).toContain(note);
    const reversed = page.actions.find((a: { id: number }) => a.id === reversal.body.action.id);
    expect(reversed.decisionNotes).toEqual([
      expect.objectContaining({ decision: 'approve', note: approvalNote, by: expect.any(Object) }),
    ]);
    const rejected = page.actions.find((a: { id: number }) => a.id === blocklist.body.action.id);
    expect(rejected.decisionNotes[0]).toMatchObject({ decision: 'reject', note: rejectNote });
    const inbox = await h.call('/api/actions?status=applied', { as: 'manager' });
    expect(JSON.stringify(inbox.body)).toContain(approvalNote);
    const kryptogoPage = JSON.stringify((await h.call(`/api/cases/${task}`)).body);
    expect(kryptogoPage).toContain(providerValue);
    expect(kryptogoPage).toContain(kryptogoNote);
  });
});
