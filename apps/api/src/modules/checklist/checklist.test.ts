import { randomUUID } from 'node:crypto';
import type { ReviewItem } from '@backoffice/contracts';
import { verifyAuditChain } from '@backoffice/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diditReviewItems } from '../../providers/didit/review-items';
import { ingestKryptogoState } from '../../providers/kryptogo/ingest';
import {
  kryptogoDdReviewItems,
  kryptogoIdvReviewItems,
  kryptogoKyaReviewItems,
} from '../../providers/kryptogo/review-items';
import { newDiditCase, sqlOn } from '../../test/cases';
import { type Harness, type KryptogoHarness, startHarness, type TestRole } from '../../test/harness';
import { auditRows } from '../../test/seed-cases';

let h: Harness;
let kgo: KryptogoHarness;
beforeAll(async () => {
  h = await startHarness({ kryptogo: true });
  kgo = h.kryptogo!;
});
afterAll(async () => {
  await h?.close();
});

async function detail(caseId: number, as: TestRole = 'analyst') {
  const response = await h.call(`/api/cases/${caseId}`, { as });
  expect(response.status).toBe(200);
  return response.body;
}

async function act(caseId: number, body: Record<string, unknown>, as: TestRole = 'analyst') {
  const { version } = await detail(caseId, as);
  return h.call(`/api/cases/${caseId}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(version),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
    as,
  });
}

const newestCase = (kind: string) =>
  sqlOn(h)<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'kryptogo' AND kind = ? ORDER BY id DESC",
    kind,
  )[0]!.id;

async function kryptogoScenario(type: 'dd' | 'idv', scenario: string) {
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
    type,
    scenario,
    count: 1,
    callback_url: kgo.callbackUrl,
  });
  expect(created.status).toBe(200);
  if (type === 'idv') await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 1 });
  return newestCase(type === 'dd' ? 'dd_task' : 'idv_task');
}

async function sanctionedKyaCase() {
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
    type: 'kya',
    scenario: 'sanctioned',
    count: 1,
  });
  expect(created.status).toBe(200);
  const task = await h.api.deps.kryptogo!.client.getKya(created.body.ids[0]);
  const recorded = ingestKryptogoState(
    h.api.deps,
    { kind: 'kya_task', task },
    { kind: 'reconcile', requestId: 'test-sanctioned-kya' },
  );
  return recorded.caseId!;
}

describe('review checklist per provider, from the sandboxes', () => {
  it('Didit: a session with warnings and a face match below the workflow threshold', async () => {
    const { id } = await newDiditCase(h, 'review_low_face_match');
    const body = await detail(id);
    const items: ReviewItem[] = body.reviewItems;
    expect(items).toEqual(diditReviewItems(body.view));
    expect(body.view.warnings.length).toBeGreaterThan(0);
    expect(items.filter((item) => item.kind === 'warning')).toHaveLength(body.view.warnings.length);
    const face = items.find((item) => item.key.startsWith('didit.threshold.face_match'));
    expect(face).toMatchObject({
      kind: 'threshold',
      anchor: expect.stringMatching(/^evidence-image-|^biometrics$/),
    });
    expect(face?.text).toContain(String(body.view.faceMatch.score));
  });

  it('Didit: each AML hit of a PEP screening is its own item linked to its row', async () => {
    const { id } = await newDiditCase(h, 'review_aml_pep');
    const body = await detail(id);
    const hits = body.reviewItems.filter((item: ReviewItem) => item.kind === 'hit');
    expect(hits).toHaveLength(body.view.aml.hits.length);
    expect(hits.map((item: ReviewItem) => item.anchor)).toEqual(
      body.view.aml.hits.map((_: unknown, index: number) => `evidence-didit-aml-hit-${index}`),
    );
  });

  it('KryptoGO DD: the sanction match and every hit of every source', async () => {
    const id = await kryptogoScenario('dd', 'sanction');
    const body = await detail(id);
    expect(body.reviewItems).toEqual(kryptogoDdReviewItems(body.view));
    expect(body.reviewItems[0]).toMatchObject({
      key: 'kryptogo.dd.sanction_matched',
      kind: 'hit',
      severity: 'high',
      anchor: 'evidence-dd-source-4',
    });
    expect(body.reviewItems).toContainEqual(
      expect.objectContaining({ key: 'kryptogo.dd.source.4.0', kind: 'hit', anchor: 'evidence-dd-source-4' }),
    );
    expect(body.reviewItems).toContainEqual(
      expect.objectContaining({ key: 'kryptogo.dd.risk_score', kind: 'threshold', anchor: 'dd-risk' }),
    );
  });

  it('KryptoGO KYA: an address on the SDN list', async () => {
    const id = await sanctionedKyaCase();
    const body = await detail(id);
    expect(body.view.type).toBe('kryptogo_kya');
    expect(body.reviewItems).toEqual(kryptogoKyaReviewItems(body.view));
    expect(body.reviewItems).toContainEqual(
      expect.objectContaining({
        key: 'kryptogo.kya.sdn.0',
        kind: 'hit',
        severity: 'high',
        anchor: 'evidence-kya-sdn-0',
      }),
    );
  });

  it('KryptoGO IDV: an expected value the document contradicts, without quoting either value', async () => {
    const id = await kryptogoScenario('idv', 'review');
    const body = await detail(id);
    expect(body.reviewItems).toEqual(kryptogoIdvReviewItems(body.view));
    const mismatched = body.view.fields.filter((field: { mismatch: boolean }) => field.mismatch);
    expect(mismatched.length).toBeGreaterThan(0);
    for (const field of mismatched) {
      const item = body.reviewItems.find(
        (candidate: ReviewItem) => candidate.key === `kryptogo.idv.mismatch.${field.field}`,
      );
      expect(item).toMatchObject({ kind: 'mismatch', anchor: `evidence-idv-field-${field.field}` });
      expect(item.text).not.toContain(field.expected);
      expect(item.text).not.toContain(field.extracted);
    }
  });
});

describe('ticks travel with the decision', () => {
  it('stores every item with the ticks, shows them on the action, and audits keys and counts only', async () => {
    const { id } = await newDiditCase(h, 'review_aml_pep');
    const before = await detail(id);
    const items: ReviewItem[] = before.reviewItems;
    expect(items.length).toBeGreaterThan(1);
    const ticked = [items[0]!.key];
    const response = await act(id, {
      type: 'approve',
      reasonCode: 'documents_verified',
      checkedItems: ticked,
    });
    expect(response.status).toBe(202);
    const checklist = response.body.action.checklist;
    expect(checklist).toMatchObject({
      checked: 1,
      total: items.length,
      checkedBy: { name: expect.any(String) },
      checkedAt: response.body.action.requestedAt,
    });
    expect(
      checklist.items.map((item: { key: string; checked: boolean }) => [item.key, item.checked]),
    ).toEqual(items.map((item) => [item.key, ticked.includes(item.key)]));

    const after = await detail(id);
    expect(after.actions[0].checklist).toEqual(checklist);

    const [row] = auditRows(h, 'case.action_requested').filter((entry) => entry.case_id === id);
    const audited = JSON.parse(row!.after!);
    expect(audited.checklist).toEqual({ total: items.length, checked: 1, checkedItems: ticked });
    // The words of the items quote what the provider found (names on lists); none reach the audit log.
    const trail = JSON.stringify(
      sqlOn(h)<unknown>('SELECT before, after, reason FROM audit_log WHERE case_id = ?', id),
    );
    for (const item of items) expect(trail).not.toContain(item.text);
    for (const hit of before.view.aml.hits) expect(trail).not.toContain(hit.caption);
    if (before.subjectName) expect(trail).not.toContain(before.subjectName);
    expect(verifyAuditChain(h.api.deps.db).ok).toBe(true);
  });

  it('refuses a tick of an item the case does not have with 400, writing nothing', async () => {
    const { id } = await newDiditCase(h, 'review_low_face_match');
    // Opened first, so the opening's own audit row is not counted as the refused decision's.
    await detail(id);
    const actionsBefore = sqlOn(h)<{ n: number }>(
      'SELECT count(*) AS n FROM case_actions WHERE case_id = ?',
      id,
    )[0]!.n;
    const auditBefore = sqlOn(h)<{ n: number }>(
      'SELECT count(*) AS n FROM audit_log WHERE case_id = ?',
      id,
    )[0]!.n;
    const response = await act(id, {
      type: 'decline',
      reasonCode: 'face_mismatch',
      checkedItems: ['didit.aml_hit.not-on-this-case'],
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('unknown_checklist_item');
    expect(
      sqlOn(h)<{ n: number }>('SELECT count(*) AS n FROM case_actions WHERE case_id = ?', id)[0]!.n,
    ).toBe(actionsBefore);
    expect(sqlOn(h)<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE case_id = ?', id)[0]!.n).toBe(
      auditBefore,
    );
    expect(sqlOn(h)('SELECT * FROM action_checklist_items')).not.toContainEqual(
      expect.objectContaining({ item_key: 'didit.aml_hit.not-on-this-case' }),
    );
  });

  it('refuses malformed and repeated keys as invalid requests', async () => {
    const { id } = await newDiditCase(h, 'review_low_face_match');
    const { reviewItems } = await detail(id);
    const malformed = await act(id, {
      type: 'approve',
      reasonCode: 'documents_verified',
      checkedItems: ['Jane Doe born 1980'],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_request');
    const repeated = await act(id, {
      type: 'approve',
      reasonCode: 'documents_verified',
      checkedItems: [reviewItems[0].key, reviewItems[0].key],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.code).toBe('invalid_request');
  });

  it('stores an untouched checklist as nothing ticked, so the history shows what was left unchecked', async () => {
    const id = await kryptogoScenario('idv', 'review');
    const { reviewItems } = await detail(id);
    const response = await act(id, { type: 'escalate', reasonCode: 'needs_manager_opinion' });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    expect(response.body.action.checklist).toMatchObject({ checked: 0, total: reviewItems.length });
    const [row] = auditRows(h, 'case.action_requested').filter((entry) => entry.case_id === id);
    expect(JSON.parse(row!.after!).checklist).toEqual({
      total: reviewItems.length,
      checked: 0,
      checkedItems: [],
    });
  });
});
