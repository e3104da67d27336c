import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KRYPTOGO_DD_AUDIT_STATUS } from './assumptions';
import { parseKryptogoCallback, parseKryptogoCallbackBody } from './callback';
import {
  ddAcceptedOutcome,
  ddCaseFields,
  ddCaseStatus,
  idvCaseFields,
  idvCaseStatus,
  reasonCodes,
} from './mapping';
import { KryptogoDdDetails, KryptogoDdSummary, KryptogoIdvDetail } from './schemas';

/** The seed's own response samples (nested objects are collapsed on the seed page, so left empty). */
const SEED_D1 = {
  task_id: 123,
  search_setting: {},
  target: {},
  customer_reference: '000000123',
  progress: 100,
  task_origin: 1,
  creation_time: 1623859200,
  update_time: 1623867890,
  audit_time: 1623859200,
  report: {},
  metadata: [],
};
const SEED_D2 = {
  task_id: 12345,
  target: {},
  search_setting: {},
  search_source: [],
  callback_url: 'string',
  customer_reference: 'string',
  result: {},
  sanction_matched: true,
  completed_source: 3,
  potential_risk: 51,
  audit_status: 0,
  comment: '',
  audit_time: 0,
  auditor_employee_id: 321,
  auditor_employee_name: 'Auditor Krypto',
  auditor_employee_account: 'auditor@kryptogo.com',
  employee_id: 123,
  employee_name: 'Eric Hung',
  employee_account: 'eric@kryptogo.com',
  creation_time: 1700470381,
  update_time: 1700470389,
  completed_time: 1700470389,
  from_idv_id: 0,
  comment_time: null,
  comment_employee_id: null,
  comment_employee_name: null,
  comment_employee_account: null,
  metadata: {},
  comment_logs: [],
  aml_summarization: 'string',
  next_review_at: 1716345869,
};
const SEED_I1 = {
  idv_task_id: 12,
  country: 'TWN',
  id_type: 'ID_CARD',
  id_sub_type: 'NATIONAL_ID',
  expected_name: '王又曾',
  expected_birthday: '1990-06-21',
  expected_id_number: 'A123456789',
  expected_country: 'TWN',
  expected_issuing_date: '2020-03-10',
  expected_expiry_date: '2025-03-10',
  expected_gender: 'M',
  customer_reference: '000000123',
  first_name: '又曾',
  last_name: '王',
  full_name: '王又曾',
  birthday: '1965-03-16',
  id_number: 'A223456789',
  issuing_date: '2020-03-10',
  expiry_date: '2025-03-10',
  gender: 'M',
  state: 0,
  review_reasons: [],
  reject_reasons: [],
  created_search_task_id: 102,
  audit_status: 'Accepted',
  audit_timestamp: 1641982000,
  auditor_employee_account: 'admin',
  dd_tasks: [],
};

describe('schemas accept the seed samples', () => {
  it('parses D1, D2 and I1 with their C14/C15 differences', () => {
    expect(KryptogoDdSummary.parse(SEED_D1).metadata).toEqual([]);
    const details = KryptogoDdDetails.parse(SEED_D2);
    expect(details.metadata).toEqual({});
    expect(details.audit_status).toBe(0);
    const idv = KryptogoIdvDetail.parse(SEED_I1);
    expect(idv.audit_status).toBe('Accepted');
  });

  it('keeps unknown fields and unknown enum values instead of failing', () => {
    const details = KryptogoDdDetails.parse({ ...SEED_D2, audit_status: 7, brand_new_field: { x: 1 } });
    expect(details.audit_status).toBe(7);
    expect((details as Record<string, unknown>).brand_new_field).toEqual({ x: 1 });
    expect(ddCaseStatus(details)).toEqual({ status: 'needs_review', providerStatus: 'unknown(7)' });
    const idv = KryptogoIdvDetail.parse({ ...SEED_I1, state: 9, audit_status: 'Escalated' });
    expect(idvCaseStatus(idv)).toEqual({ status: 'needs_review', providerStatus: 'state 9' });
  });
});

describe('DD mapping', () => {
  it('maps the seed D2 sample: finished, unaudited, medium risk', () => {
    expect(ddCaseFields(KryptogoDdDetails.parse(SEED_D2))).toMatchObject({
      status: 'needs_review',
      riskScore: 51,
      riskBand: 'medium',
      subjectRef: 'string',
      createdAtMs: 1700470381000,
    });
  });

  it('reads KYB subjects and an unfinished search', () => {
    const fields = ddCaseFields(
      KryptogoDdDetails.parse({
        ...SEED_D2,
        target: { company_name: 'Acme Ltd', country: 'TWN', registration_number: '12345678' },
        search_source: [0, 1, 2, 3],
        completed_source: 1,
        completed_time: 0,
      }),
    );
    expect(fields).toMatchObject({
      status: 'pending',
      providerStatus: 'searching (25%)',
      subjectName: 'Acme Ltd',
      subjectCountry: 'TWN',
      riskScore: null,
      riskBand: null,
    });
  });

  it('encodes "409 once audited": only a pending task can be decided', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10 }), fc.boolean(), (auditStatus, wantAccepted) => {
        const outcome = ddAcceptedOutcome({ audit_status: auditStatus }, wantAccepted);
        expect(outcome.action === 'send').toBe(auditStatus === KRYPTOGO_DD_AUDIT_STATUS.pending);
        if (auditStatus === KRYPTOGO_DD_AUDIT_STATUS.accepted) {
          expect(outcome.action).toBe(wantAccepted ? 'already_applied' : 'conflict');
        }
      }),
    );
    expect(ddAcceptedOutcome({ audit_status: null }, true)).toEqual({ action: 'send' });
  });
});

describe('IDV mapping', () => {
  it('lets an audit decision win over the state (C16 sample: state 0, Accepted)', () => {
    expect(idvCaseFields(KryptogoIdvDetail.parse(SEED_I1))).toMatchObject({
      status: 'approved',
      subjectName: '王又曾',
      documentNumber: 'A223456789',
    });
    const reviewedThenRejected = KryptogoIdvDetail.parse({ ...SEED_I1, state: 1, audit_status: 'Rejected' });
    expect(idvCaseStatus(reviewedThenRejected).status).toBe('rejected');
    const pending = KryptogoIdvDetail.parse({
      ...SEED_I1,
      state: null,
      audit_status: 'Pending',
      full_name: null,
    });
    expect(idvCaseFields(pending)).toMatchObject({ status: 'pending', subjectName: '又曾 王' });
  });

  it('renders reason entries of any shape', () => {
    expect(reasonCodes(['NAME_MISMATCH', { code: 'FACE' }, { reason: 'blurry' }, 3])).toEqual([
      'NAME_MISMATCH',
      'FACE',
      'blurry',
      '3',
    ]);
  });
});

describe('callback parsing', () => {
  it('tells DD and IDV callbacks apart and lists the DD tasks to re-fetch', () => {
    expect(parseKryptogoCallback(SEED_D1)).toMatchObject({ kind: 'dd_task', taskId: 123 });
    expect(parseKryptogoCallback({ ...SEED_I1, dd_tasks: [{ ...SEED_D1, task_id: 102 }] })).toMatchObject({
      kind: 'idv_task',
      idvTaskId: 12,
      ddTaskIds: [102],
    });
    expect(parseKryptogoCallbackBody(JSON.stringify(SEED_D1))).toMatchObject({ taskId: 123 });
    expect(parseKryptogoCallbackBody('{"task_id": 1')).toBeNull();
    expect(parseKryptogoCallback({ task_id: 'abc' })).toBeNull();
    expect(parseKryptogoCallback([SEED_D1])).toBeNull();
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const hint = parseKryptogoCallback(value);
        expect(hint === null || typeof hint.kind === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
