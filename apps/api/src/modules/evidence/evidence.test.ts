import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycPayload } from '../../../../sandbox/src/ditto/scenarios';
import { type Harness, startHarness, type TestRole } from '../../test/harness';
import { drainOutbox } from '../outbox/worker';
import { verifyEvidenceBundle } from './verify';

const DITTO_CLIENT = 'ditto-idv-server';
const DITTO_SECRET = `secret_${randomUUID()}`;

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness({
    kryptogo: true,
    env: { DITTO_CLIENT_ID: DITTO_CLIENT, DITTO_CLIENT_SECRET: DITTO_SECRET },
  });
  dir = mkdtempSync(join(tmpdir(), 'evidence-'));
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.api.deps.db.sqlite.prepare(query).all(...params) as T[];
const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface ExportRow {
  id: number;
  actor_id: string;
  actor_role: string;
  case_id: number;
  after: string;
}
const exportRows = (caseId: number) =>
  sql<ExportRow>(
    "SELECT * FROM audit_log WHERE action = 'case.evidence_exported' AND case_id = ? ORDER BY id",
    caseId,
  );

async function download(caseId: number, format: 'pdf' | 'json', as: TestRole = 'manager', site?: string) {
  const response = await fetch(`${h.apiUrl}/api/cases/${caseId}/evidence?format=${format}`, {
    headers: { cookie: await h.cookieFor(as), ...(site ? { 'sec-fetch-site': site } : {}) },
  });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function act(caseId: number, body: Record<string, unknown>, as: TestRole = 'analyst') {
  const detail = await h.call(`/api/cases/${caseId}`, { as });
  return h.call(`/api/cases/${caseId}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'if-match': String(detail.body.version),
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
    as,
  });
}

async function diditCase(scenario = 'review_low_face_match') {
  const created = await h.sandbox('/_sandbox/didit/sessions', { scenario });
  const sessionId = created.body.sessions[0].session_id as string;
  await h.sandbox('/_sandbox/didit/webhooks/flush', {});
  return sql<{ id: number }>('SELECT id FROM cases WHERE external_id = ?', sessionId)[0]!.id;
}

async function kryptogoCase() {
  const kgo = h.kryptogo!;
  const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
    type: 'dd',
    scenario: 'pep',
    count: 1,
    callback_url: kgo.callbackUrl,
  });
  return sql<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'kryptogo' AND external_id = ?",
    String(created.body.ids[0]),
  )[0]!.id;
}

async function dittoCase() {
  const token = await fetch(`${h.apiUrl}/ditto/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DITTO_CLIENT,
      client_secret: DITTO_SECRET,
    }).toString(),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const requesterId = `req-${randomUUID()}`;
  const pushed = await fetch(`${h.apiUrl}/ditto/kyc`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      apiversion: 'v2',
      authorization: `Bearer ${access_token}`,
    },
    body: JSON.stringify(buildKycPayload('face_mismatch', { requesterId, seed: 1 })),
  });
  expect(pushed.status).toBeLessThan(300);
  return sql<{ id: number }>(
    "SELECT id FROM cases WHERE provider = 'ditto' AND external_id = ?",
    requesterId,
  )[0]!.id;
}

/** One row of another case between two rows of this one, so the bundle needs link hashes. */
async function interleave(caseId: number) {
  await h.call(`/api/cases/${caseId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'checked the document by hand' }),
  });
}

const packs = new Map<string, { caseId: number; json: string }>();

describe('evidence pack (issue 10 item 6)', () => {
  it.each(['didit', 'kryptogo', 'ditto'] as const)(
    'a manager gets the JSON bundle and the PDF of a %s case; each export is audited with its hash and no personal data',
    async (provider) => {
      const caseId =
        provider === 'didit'
          ? await diditCase()
          : provider === 'kryptogo'
            ? await kryptogoCase()
            : await dittoCase();
      const other = await diditCase();
      await interleave(caseId);
      await interleave(other);
      await interleave(caseId);
      if (provider === 'didit') {
        expect(
          (await act(caseId, { type: 'approve', reasonCode: 'other', note: 'Documents match' })).status,
        ).toBe(202);
        await drainOutbox(h.api.deps);
        await h.sandbox('/_sandbox/didit/webhooks/flush', {});
      }

      const json = await download(caseId, 'json');
      expect(json.response.status).toBe(200);
      expect(json.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(json.response.headers.get('content-disposition')).toBe(
        `attachment; filename="case-${caseId}-evidence.json"`,
      );
      const text = new TextDecoder().decode(json.bytes);
      const bundle = JSON.parse(text);
      expect(bundle.case).toMatchObject({ id: caseId, provider });
      expect(bundle.case.subjectName).toEqual(expect.any(String));
      expect(bundle.auditRows.length).toBeGreaterThan(1);
      expect(bundle.auditRows.every((row: { caseId: number }) => row.caseId === caseId)).toBe(true);
      // The other case's rows sit between this case's rows: the bundle carries their hashes, not their content.
      expect(bundle.links.length).toBeGreaterThan(0);
      expect(text).not.toContain(`"caseId": ${other}`);
      expect(bundle.chainHead.id).toBeGreaterThanOrEqual(bundle.auditRows.at(-1).id);
      expect(verifyEvidenceBundle(text)).toMatchObject({ ok: true, caseId, rows: bundle.auditRows.length });
      packs.set(provider, { caseId, json: text });

      const [jsonExport] = exportRows(caseId);
      expect(jsonExport).toMatchObject({ actor_role: 'manager', case_id: caseId });
      expect(JSON.parse(jsonExport!.after)).toMatchObject({
        format: 'json',
        sha256: sha256(json.bytes),
        auditRows: bundle.auditRows.length,
        chainHeadId: bundle.chainHead.id,
      });
      expect(jsonExport!.after).not.toContain(bundle.case.subjectName);
      expect(h.logs.join('')).not.toContain(bundle.case.subjectName);

      const pdf = await download(caseId, 'pdf');
      expect(pdf.response.status).toBe(200);
      expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
      expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
      const pdfExport = exportRows(caseId)[1]!;
      expect(JSON.parse(pdfExport.after)).toMatchObject({ format: 'pdf', sha256: sha256(pdf.bytes) });
      const pdfPath = join(dir, `${provider}.pdf`);
      writeFileSync(pdfPath, pdf.bytes);
      if (provider !== 'kryptogo') {
        // Images come through the audited media path, as on the case page.
        const viewed = sql<{ id: number }>(
          "SELECT id FROM audit_log WHERE action = 'case.media_viewed' AND case_id = ? AND id < ?",
          caseId,
          pdfExport.id,
        );
        expect(viewed.length).toBeGreaterThan(0);
      }
    },
  );

  it('covers KryptoGO KYA and IDV cases too', async () => {
    const kgo = h.kryptogo!;
    const kya = await h.call('/api/kryptogo/screenings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'kya', address: `0x${'ef'.repeat(20)}` }),
      as: 'manager',
    });
    expect(kya.status).toBe(201);
    const created = await kgo.call('/_sandbox/kryptogo/scenarios', {
      type: 'idv',
      scenario: 'review',
      count: 1,
      callback_url: kgo.callbackUrl,
    });
    await kgo.call('/_sandbox/kryptogo/clock/advance', { seconds: 1 });
    const ids = [
      sql<{ id: number }>(
        "SELECT id FROM cases WHERE kind = 'kya_task' AND external_id = ?",
        kya.body.externalId,
      )[0]!.id,
      sql<{ id: number }>(
        "SELECT id FROM cases WHERE kind = 'idv_task' AND external_id = ?",
        `idv-${created.body.ids[0]}`,
      )[0]!.id,
    ];
    for (const caseId of ids) {
      const json = await download(caseId, 'json');
      expect(json.response.status).toBe(200);
      expect(verifyEvidenceBundle(new TextDecoder().decode(json.bytes))).toMatchObject({ ok: true, caseId });
      const pdf = await download(caseId, 'pdf');
      expect(pdf.response.status).toBe(200);
      expect(JSON.parse(exportRows(caseId).at(-1)!.after)).toMatchObject({
        format: 'pdf',
        sha256: sha256(pdf.bytes),
      });
    }
  });

  it('refuses analysts (the pack holds audit rows) and cross-site requests, without writing an export row', async () => {
    const { caseId } = packs.get('kryptogo')!;
    const before = exportRows(caseId).length;
    expect((await download(caseId, 'json', 'analyst')).response.status).toBe(403);
    const crossSite = await download(caseId, 'pdf', 'manager', 'cross-site');
    expect(crossSite.response.status).toBe(403);
    expect(JSON.parse(new TextDecoder().decode(crossSite.bytes)).code).toBe('cross_site_request');
    expect(exportRows(caseId)).toHaveLength(before);
    expect((await download(caseId, 'json', 'admin')).response.status).toBe(200);
    expect(exportRows(caseId)).toHaveLength(before + 1);
    expect((await h.call(`/api/cases/${caseId}/evidence?format=zip`, { as: 'manager' })).status).toBe(400);
    expect((await h.call('/api/cases/999999/evidence?format=json', { as: 'manager' })).status).toBe(404);
  });

  it('gives the Didit thresholds in force at decision time, undoing audited changes made since', async () => {
    const { caseId, json } = packs.get('didit')!;
    const atDecision = JSON.parse(json).thresholds;
    expect(atDecision.values.faceMatchReview).toEqual(expect.any(Number));
    const workflowId = JSON.parse(json).case.view.workflowId as string;
    const changed = await h.call(`/api/workflows/${workflowId}`, {
      as: 'admin',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faceMatchReview: atDecision.values.faceMatchReview === 97 ? 96 : 97 }),
    });
    expect(changed.status).toBe(200);
    const later = JSON.parse(new TextDecoder().decode((await download(caseId, 'json')).bytes));
    expect(later.case.view.thresholds.faceMatchReview).not.toBe(atDecision.values.faceMatchReview);
    expect(later.thresholds.values).toEqual(atDecision.values);
    expect(later.thresholds.source).toMatch(/1 audited threshold change/);
  });
});

const API_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = join(API_DIR, '..', '..', 'node_modules', '.bin', 'tsx');
async function verifyCommand(file: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      TSX,
      [join(API_DIR, 'src/commands/evidence-verify.ts'), file],
      // No DATABASE_FILE: the check needs nothing but the file.
      { cwd: API_DIR, env: { PATH: process.env.PATH ?? '', INIT_CWD: dir } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('pnpm evidence:verify', () => {
  it('confirms an untouched bundle offline, and names the row when one byte of it changes', async () => {
    const { json, caseId } = packs.get('didit')!;
    writeFileSync(join(dir, 'good.json'), json);
    const good = await verifyCommand('good.json');
    expect(good.code, good.output).toBe(0);
    expect(good.output).toContain(`OK: case ${caseId}`);
    expect(good.output).toContain(`Bundle SHA-256 ${sha256(json)}`);

    const bundle = JSON.parse(json);
    const target = bundle.auditRows[1];
    // One byte of one row's timestamp, in place in the file as exported.
    const needle = `"at": ${target.at},`;
    const offset = json.indexOf(needle, json.indexOf(`"id": ${target.id},`));
    const digit = offset + needle.length - 2;
    const tampered = json.slice(0, digit) + String((Number(json[digit]) + 1) % 10) + json.slice(digit + 1);
    expect(tampered).toHaveLength(json.length);
    writeFileSync(join(dir, 'tampered.json'), tampered);
    const bad = await verifyCommand('tampered.json');
    expect(bad.code).toBe(1);
    expect(bad.output).toContain(`FAILED: audit row ${target.id}: its content does not match its hash`);
  });

  it('fails on a changed link hash, a moved head, a row of another case and a dropped row, naming the row', () => {
    const { json } = packs.get('kryptogo')!;
    const bundle = JSON.parse(json);
    const link = bundle.links[0];
    const lastLinked = link.fromId + link.hashes.length - 1;
    const relinked = structuredClone(bundle);
    relinked.links[0].hashes[link.hashes.length - 1] = 'f'.repeat(64);
    expect(verifyEvidenceBundle(JSON.stringify(relinked))).toMatchObject({
      ok: false,
      rowId: lastLinked + 1,
    });

    const head = structuredClone(bundle);
    head.chainHead.hash = 'e'.repeat(64);
    expect(verifyEvidenceBundle(JSON.stringify(head))).toMatchObject({
      ok: false,
      rowId: bundle.chainHead.id,
    });

    const foreign = structuredClone(bundle);
    foreign.case.id += 1;
    expect(verifyEvidenceBundle(JSON.stringify(foreign))).toMatchObject({
      ok: false,
      rowId: bundle.auditRows[0].id,
    });

    const dropped = structuredClone(bundle);
    const [removed] = dropped.auditRows.splice(1, 1);
    expect(verifyEvidenceBundle(JSON.stringify(dropped))).toMatchObject({ ok: false, rowId: removed.id });

    expect(verifyEvidenceBundle('{"format":')).toMatchObject({ ok: false, rowId: null });
  });
});
