import { CaseActionView, CaseDetail, CaseListResponse, type CaseSummary } from '@backoffice/contracts';

// Fixtures are parsed with the contract schemas, so a contract change breaks them here and not silently.

export function caseSummary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 41,
    provider: 'didit',
    kind: 'kyc_session',
    externalId: '11111111-2222-4333-8444-555555555555',
    subjectName: 'Maria Lopez Garcia',
    subjectRef: 'user-4821',
    subjectCountry: 'ES',
    documentNumberMasked: '•••••678Z',
    status: 'needs_review',
    providerStatus: 'In Review',
    riskScore: 82,
    riskBand: 'high',
    warningCount: 2,
    createdAt: '2026-03-02T09:15:00.000Z',
    updatedAt: '2026-03-02T09:20:00.000Z',
    version: 3,
    flag: null,
    assignee: null,
    assignedAt: null,
    reviewEnteredAt: '2026-03-02T09:20:00.000Z',
    dueAt: '2026-03-03T09:20:00.000Z',
    ...overrides,
  };
}

export function caseListResponse(
  items: CaseSummary[],
  overrides: Partial<CaseListResponse> = {},
): CaseListResponse {
  return CaseListResponse.parse({
    items,
    nextCursor: null,
    itemCursors: items.map((item) => `after-${item.id}`),
    prevCursor: null,
    counts: { pending: 3, needs_review: items.length, escalated: 1, approved: 6, rejected: 5, expired: 2 },
    searchCapped: false,
    workload: { mine: 0, overdue: 0 },
    ...overrides,
  });
}

export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return CaseDetail.parse({
    ...caseSummary(),
    documentNumber: '12345678Z',
    decidedAt: null,
    actions: [],
    allowedActions: ['approve', 'decline', 'request_resubmission', 'blocklist', 'provider_comment'],
    comments: [],
    metadata: [],
    assignee: null,
    reviewItems: [],
    history: [
      {
        id: 7,
        at: '2026-03-02T09:20:00.000Z',
        actorType: 'provider',
        actorId: 'didit',
        actorName: null,
        action: 'webhook.status_updated',
        fromStatus: 'pending',
        toStatus: 'needs_review',
        reason: null,
      },
    ],
    view: {
      type: 'didit_session',
      sessionId: '11111111-2222-4333-8444-555555555555',
      sessionNumber: 1042,
      status: 'In Review',
      workflowId: 'wf-default',
      vendorData: 'user-4821',
      features: ['ID_VERIFICATION', 'LIVENESS', 'FACE_MATCH', 'AML', 'IP_ANALYSIS'],
      thresholds: {
        faceMatchDecline: 50,
        faceMatchReview: 70,
        livenessDecline: 50,
        amlDecline: 80,
        amlReview: null,
      },
      idDocument: {
        status: 'Approved',
        documentType: 'Identity Card',
        documentNumber: '12345678Z',
        personalNumber: null,
        firstName: 'Maria',
        lastName: 'Lopez Garcia',
        fullName: 'Maria Lopez Garcia',
        dateOfBirth: '1990-05-17',
        age: 35,
        gender: 'F',
        nationality: 'ESP',
        issuingState: 'ESP',
        issuingStateName: 'Spain',
        expirationDate: '2020-01-31',
        dateOfIssue: '2015-01-31',
        placeOfBirth: 'Madrid',
        address: null,
      },
      liveness: { status: 'Approved', method: 'PASSIVE', score: 91.5, ageEstimation: 34 },
      faceMatch: { status: 'In Review', score: 62 },
      aml: {
        status: 'In Review',
        totalHits: 1,
        score: 85,
        hits: [
          {
            id: 'hit-1',
            caption: 'Maria Lopez',
            datasets: ['PEP', 'Sanctions', 'Adverse Media'],
            matchScore: 94,
            riskScore: 88,
            reviewStatus: 'Unreviewed',
            url: 'https://example.org/pep/maria-lopez',
            countries: ['ES'],
            positions: ['Member of Parliament'],
            birthDates: ['1990-05-17'],
          },
        ],
      },
      ipAnalysis: {
        status: 'Approved',
        ipAddress: '203.0.113.7',
        country: 'Spain',
        countryCode: 'ES',
        city: 'Madrid',
        isp: 'Example Telecom',
        isVpnOrTor: true,
        isDataCenter: false,
        browser: 'Chrome 126',
        os: 'Android 14',
        device: 'Pixel 8',
        distanceFromDocumentKm: 12.4,
      },
      warnings: [
        {
          feature: 'FACE_MATCH',
          risk: 'LOW_FACE_MATCH_SIMILARITY',
          logType: 'warning',
          shortDescription: 'Low face match similarity',
          longDescription: 'The selfie and the document portrait are not similar enough.',
          nodeId: 'feature_face_match',
          additionalData: [{ label: 'Score', value: '62' }],
        },
        {
          feature: 'ID_VERIFICATION',
          risk: 'SOMETHING_NEW_FROM_DIDIT',
          logType: 'critical_new_type',
          shortDescription: 'A risk this code has never seen',
          longDescription: 'Shown as received.',
          nodeId: null,
          additionalData: [],
        },
      ],
      reports: [
        {
          type: 'id_verifications',
          label: 'ID document',
          feature: 'OCR',
          reports: [
            {
              nodeId: 'feature_ocr',
              status: 'Approved',
              warnings: [],
              fields: [{ label: 'Document type', value: 'Identity Card' }],
              amlHits: [],
            },
            {
              nodeId: 'feature_ocr_2',
              status: 'Declined',
              warnings: [
                {
                  feature: 'OCR',
                  risk: 'DOCUMENT_EXPIRED',
                  logType: 'error',
                  shortDescription: 'Document expired',
                  longDescription: '',
                  nodeId: 'feature_ocr_2',
                  additionalData: [{ label: 'Expiration date', value: '2020-01-31' }],
                },
              ],
              fields: [{ label: 'Document type', value: 'Driving License' }],
              amlHits: [],
            },
          ],
        },
        {
          type: 'liveness_checks',
          label: 'Liveness',
          feature: 'LIVENESS',
          reports: [
            {
              nodeId: 'feature_liveness',
              status: 'Approved',
              warnings: [],
              fields: [{ label: 'Score', value: '91.5' }],
              amlHits: [],
            },
          ],
        },
        {
          type: 'face_matches',
          label: 'Face match',
          feature: 'FACE_MATCH',
          reports: [
            { nodeId: 'feature_face_match', status: 'In Review', warnings: [], fields: [], amlHits: [] },
          ],
        },
        {
          type: 'aml_screenings',
          label: 'AML screening',
          feature: 'AML',
          reports: [{ nodeId: 'feature_aml', status: 'In Review', warnings: [], fields: [], amlHits: [] }],
        },
        {
          type: 'ip_analyses',
          label: 'IP analysis',
          feature: 'IP_ANALYSIS',
          reports: [
            { nodeId: 'feature_ip_analysis', status: 'Approved', warnings: [], fields: [], amlHits: [] },
          ],
        },
        {
          type: 'biometric_authentications',
          label: 'Biometric authentications',
          feature: 'BIOMETRIC_AUTHENTICATION',
          reports: [
            {
              nodeId: 'feature_biometric_authentication',
              status: 'Approved',
              warnings: [],
              fields: [{ label: 'Similarity', value: '96.2' }],
              amlHits: [],
            },
          ],
        },
      ],
      nodes: [
        { nodeId: 'feature_ocr_2', feature: 'OCR', status: 'Declined', label: 'ID document' },
        { nodeId: 'feature_face_match', feature: 'FACE_MATCH', status: 'In Review', label: 'Face match' },
        { nodeId: 'feature_aml', feature: 'AML', status: 'In Review', label: 'AML screening' },
        { nodeId: 'feature_ocr', feature: 'OCR', status: 'Approved', label: 'ID document' },
        { nodeId: 'feature_liveness', feature: 'LIVENESS', status: 'Approved', label: 'Liveness' },
        { nodeId: 'feature_ip_analysis', feature: 'IP_ANALYSIS', status: 'Approved', label: 'IP analysis' },
        {
          nodeId: 'feature_biometric_authentication',
          feature: 'BIOMETRIC_AUTHENTICATION',
          status: 'Approved',
          label: 'Biometric authentications',
        },
      ],
      media: [
        { key: 'front_image', label: 'Document front' },
        { key: 'portrait_image', label: 'Portrait' },
      ],
      reviews: [],
    },
    ...overrides,
  });
}

/** A decline requested by the analyst on case 41, still being sent. */
export function caseActionView(overrides: Partial<CaseActionView> = {}): CaseActionView {
  return CaseActionView.parse({
    id: 9,
    caseId: 41,
    type: 'decline',
    status: 'pending',
    reasonCode: 'document_expired',
    reasonLabel: 'Document expired',
    note: null,
    params: {},
    requestedBy: { id: 'user-analyst', name: 'Alex Analyst' },
    requestedAt: '2026-03-02T10:00:00.000Z',
    approvedBy: null,
    approvedAt: null,
    resolvedAt: null,
    attempts: 0,
    lastError: null,
    ...overrides,
  });
}
