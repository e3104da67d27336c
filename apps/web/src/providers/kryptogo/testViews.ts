import { KryptogoDdView, KryptogoIdvView, KryptogoKyaView } from '@backoffice/contracts';

// Contract-shaped views for component tests; parsed with the contract so a contract change breaks them loudly.

export function ddView(overrides: Partial<KryptogoDdView> = {}): KryptogoDdView {
  return KryptogoDdView.parse({
    type: 'kryptogo_dd',
    taskId: 1003,
    targetType: 'person',
    target: { name: 'Sanction Subject', birthday: '1980-02-29', citizenship: 'TWN' },
    searchSetting: { id: 1, name: 'Default KYC screening' },
    progress: 100,
    sources: [
      { source: 0, name: 'Negative news', searched: true, hits: 0, items: [] },
      { source: 1, name: 'Dow Jones database', searched: true, hits: 0, items: [] },
      { source: 2, name: 'Taiwan company', searched: true, hits: 0, items: [] },
      { source: 3, name: 'Taiwan verdict', searched: false, hits: 0, items: [] },
      {
        source: 4,
        name: 'Sanction list',
        searched: true,
        hits: 2,
        items: [
          {
            title: 'Appears on a consolidated sanctions list',
            url: 'https://screening.example.test/4/1',
            snippet: 'Record matching the name.',
            date: '2026-10-23',
          },
        ],
      },
    ],
    sanctionMatched: true,
    potentialRisk: 100,
    riskBand: 'very_high',
    amlSummarization: 'Sanction list match: yes. Potential risk 100.',
    auditStatus: 'rejected',
    auditedAt: '2026-11-20T10:00:00.000Z',
    auditorAccount: 'officer@example.test',
    comment: 'Confirmed sanctions match',
    commentLog: [
      {
        comment: 'Confirmed sanctions match',
        accepted: false,
        at: '2026-11-20T10:00:00.000Z',
        employeeAccount: 'officer@example.test',
      },
    ],
    metadata: [{ key: 'case_ref', value: 'CR-77' }],
    customerReference: 'cust-9',
    fromIdvTaskId: null,
    fromIdvCaseId: null,
    customerHistory: { items: [], total: 0, limit: 50 },
    createdAt: '2026-11-20T09:00:00.000Z',
    completedAt: '2026-11-20T09:05:00.000Z',
    nextReviewAt: '2027-11-20T09:05:00.000Z',
    consoleUrl: 'https://app.kryptogo.com/compliance/audit/1003',
    ...overrides,
  });
}

export function kyaView(overrides: Partial<KryptogoKyaView> = {}): KryptogoKyaView {
  return KryptogoKyaView.parse({
    type: 'kryptogo_kya',
    kyaId: 1,
    address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c',
    chain: 'eth',
    riskScore: 46,
    riskBand: 'low_medium',
    riskLevel: 'Low to medium',
    balance: 3911.013,
    received: 4612.839,
    sent: 701.826,
    txCount: 93,
    firstSeenAt: '2025-06-04T03:45:20.000Z',
    lastSeenAt: '2026-10-27T03:45:20.000Z',
    sdnMatches: [],
    transactions: [
      {
        hash: '0xf3c7054e869b369bf834e90cca6b2158c837a9635b34e0d93c1201c5cbcce596',
        from: '0x17f5246bd8bf094eb17e601bef136cdbb44671aa',
        to: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c',
        value: 88.681,
        at: '2026-10-27T03:45:20.000Z',
        risk: 'elevated',
      },
    ],
    customerReference: null,
    createdAt: '2026-11-22T03:45:20.000Z',
    consoleUrl: 'https://app.kryptogo.com/compliance/addresses/1',
    ...overrides,
  });
}

export function idvView(overrides: Partial<KryptogoIdvView> = {}): KryptogoIdvView {
  return KryptogoIdvView.parse({
    type: 'kryptogo_idv',
    idvTaskId: 2,
    idType: 'ID_CARD',
    idSubType: 'NATIONAL_ID',
    country: 'TWN',
    fields: [
      { field: 'name', expected: 'Holder Two', extracted: 'Holder Two', mismatch: false },
      { field: 'id_number', expected: 'A100000002', extracted: 'A100000009', mismatch: true },
      { field: 'gender', expected: null, extracted: 'M', mismatch: false },
    ],
    state: 'review',
    stateCode: 1,
    reviewReasons: ['ID_NUMBER_MISMATCH'],
    rejectReasons: [],
    auditStatus: 'Pending',
    auditedAt: null,
    auditorAccount: null,
    customerReference: 'idv-review-2',
    linkedDdTasks: [
      { taskId: 1007, progress: 100, caseId: 27 },
      { taskId: 1008, progress: 40, caseId: null },
    ],
    consoleUrl: 'https://app.kryptogo.com/compliance/idv/2',
    ...overrides,
  });
}
