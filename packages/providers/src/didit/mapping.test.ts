import { DiditSessionView } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';
import { IN_REVIEW_DECISION_JSON } from './decision.fixture';
import {
  decisionToCaseFields,
  decisionToView,
  diditStatusToCaseStatus,
  knownDiditCaseStatus,
  mediaUrlFor,
  thresholdsToWorkflowUpdate,
  workflowToThresholds,
} from './mapping';
import { DiditDecision, DiditSessionStatusValues, DiditWorkflow } from './schemas';

const decision = DiditDecision.parse(IN_REVIEW_DECISION_JSON);

function decisionWith(overrides: Record<string, unknown>): DiditDecision {
  return DiditDecision.parse({ ...IN_REVIEW_DECISION_JSON, ...overrides });
}

describe('diditStatusToCaseStatus', () => {
  it.each([
    ['Not Started', 'pending'],
    ['In Progress', 'pending'],
    ['Resubmitted', 'pending'],
    ['Awaiting User', 'pending'],
    ['In Review', 'needs_review'],
    ['Approved', 'approved'],
    ['Declined', 'rejected'],
    ['Expired', 'expired'],
    ['Abandoned', 'expired'],
    ['Kyc Expired', 'expired'],
    ['Under Investigation', 'pending'],
    ['constructor', 'pending'],
  ])('%s → %s', (status, expected) => {
    expect(diditStatusToCaseStatus(status)).toBe(expected);
  });
});

describe('knownDiditCaseStatus', () => {
  it('maps every session status Didit documents, including Kyc Expired and Awaiting User', () => {
    for (const status of DiditSessionStatusValues) expect(knownDiditCaseStatus(status)).not.toBeNull();
    expect(knownDiditCaseStatus('Kyc Expired')).toBe('expired');
    expect(knownDiditCaseStatus('Awaiting User')).toBe('pending');
  });

  it('answers null for a status it has never seen, so ingestion can keep the case where it is', () => {
    for (const status of ['Under Investigation', 'constructor', '__proto__', 'approved', 'KYC Expired']) {
      expect(knownDiditCaseStatus(status)).toBeNull();
    }
  });
});

describe('decisionToCaseFields', () => {
  it('maps a full decision', () => {
    expect(decisionToCaseFields(decision)).toEqual({
      providerStatus: 'In Review',
      status: 'needs_review',
      subjectName: 'Carmen Española Española',
      subjectRef: 'customer-8841',
      subjectCountry: 'ESP',
      documentNumber: 'CAA123456',
      // 95 is a False Positive, so the highest remaining hit (62.5) counts.
      riskScore: 62.5,
      riskBand: 'medium',
      // ID 1 + face match 1 + phone 1 + AML 1 + IP 1 + a report kind not modelled here 1.
      warningCount: 6,
      workflowId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      createdAtMs: Date.parse('2026-03-30T09:12:44.512Z'),
    });
  });

  it('keeps an unknown session status as providerStatus and treats it as pending', () => {
    const fields = decisionToCaseFields(decisionWith({ status: 'Under Investigation' }));
    expect(fields).toMatchObject({ providerStatus: 'Under Investigation', status: 'pending' });
  });

  it('scores 0 when AML ran without relevant hits, null when it did not run', () => {
    const onlyFalsePositives = decisionWith({
      aml_screenings: [{ status: 'Approved', hits: [{ risk_score: 99, review_status: 'False Positive' }] }],
    });
    expect(decisionToCaseFields(onlyFalsePositives)).toMatchObject({ riskScore: 0, riskBand: 'low' });
    for (const notRun of [[], null, [{ status: 'Not Finished', hits: [] }]]) {
      expect(decisionToCaseFields(decisionWith({ aml_screenings: notRun }))).toMatchObject({
        riskScore: null,
        riskBand: null,
      });
    }
  });

  it('accepts the seed alias issuing_country and falls back to nationality', () => {
    const seedShape = decisionWith({
      id_verifications: [{ status: 'Approved', first_name: 'Ana', last_name: 'Gil', issuing_country: 'prt' }],
    });
    expect(decisionToCaseFields(seedShape)).toMatchObject({ subjectName: 'Ana Gil', subjectCountry: 'PRT' });
    const nationalityOnly = decisionWith({ id_verifications: [{ status: 'Approved', nationality: 'FRA' }] });
    expect(decisionToCaseFields(nationalityOnly).subjectCountry).toBe('FRA');
  });

  it('survives an early decision with nothing in it yet', () => {
    const early = DiditDecision.parse({ session_id: 's-1', status: 'Not Started', created_at: null });
    expect(decisionToCaseFields(early)).toEqual({
      providerStatus: 'Not Started',
      status: 'pending',
      subjectName: null,
      subjectRef: null,
      subjectCountry: null,
      documentNumber: null,
      riskScore: null,
      riskBand: null,
      warningCount: 0,
      workflowId: null,
      createdAtMs: null,
    });
  });
});

describe('decisionToView', () => {
  const thresholds = {
    faceMatchDecline: 50,
    faceMatchReview: 70,
    livenessDecline: 50,
    amlDecline: 80,
    amlReview: null,
  };
  const view = decisionToView(decision, thresholds);

  it('produces exactly the contract type', () => {
    expect(DiditSessionView.parse(view)).toEqual(view);
  });

  it('keeps every warning with its description and log type, unknown values included', () => {
    expect(view.warnings.map((warning) => [warning.risk, warning.logType])).toEqual([
      ['POSSIBLE_DUPLICATED_USER', 'warning'],
      ['LOW_FACE_MATCH_SIMILARITY', 'warning'],
      ['VOIP_NUMBER_SUSPECTED', 'notice'],
      ['POSSIBLE_MATCH_FOUND', 'warning'],
      ['DUPLICATED_IP_ADDRESS', 'information'],
      ['SIGNATURE_BLURRY', ''],
    ]);
    expect(view.warnings[1]).toEqual({
      feature: 'FACE_MATCH',
      risk: 'LOW_FACE_MATCH_SIMILARITY',
      logType: 'warning',
      shortDescription: 'Low face match similarity',
      longDescription: 'The selfie and the document portrait are not similar enough.',
      nodeId: 'feature_face_match',
      additionalData: [],
    });
  });

  it('maps the reports', () => {
    expect(view).toMatchObject({
      type: 'didit_session',
      sessionId: '3f1c2b9e-5d4a-4c8e-9f7a-1b2c3d4e5f60',
      sessionNumber: 1042,
      status: 'In Review',
      vendorData: 'customer-8841',
      thresholds,
      idDocument: {
        documentType: 'Identity Card',
        documentNumber: 'CAA123456',
        issuingState: 'ESP',
        expirationDate: '2031-06-02',
        address: 'Avenida de Madrid 34, 28001 Madrid, Spain',
      },
      liveness: { status: 'Approved', method: 'ULTRA_3D', score: 89.5, ageEstimation: 44.2 },
      faceMatch: { status: 'In Review', score: 64.3 },
      ipAnalysis: {
        ipAddress: '203.0.113.7',
        countryCode: 'ES',
        isVpnOrTor: false,
        device: 'Samsung Galaxy S24',
        distanceFromDocumentKm: 3.2,
      },
      reviews: [
        { action: 'status_change', oldStatus: 'In Progress', newStatus: 'In Review', note: 'Automatic' },
      ],
    });
  });

  it('maps AML hits with scores, datasets, countries, positions and birth dates', () => {
    expect(view.aml?.totalHits).toBe(3);
    expect(view.aml?.hits[1]).toEqual({
      id: 'Q-pep',
      caption: 'Carmen Española Española',
      datasets: ['PEP'],
      matchScore: 96,
      riskScore: 62.5,
      reviewStatus: 'Unreviewed',
      url: 'https://registry.example.test/entity/Q-pep',
      countries: ['es', 'ar'],
      positions: ['Member of the Madrid Assembly'],
      birthDates: ['1980-01-01', '1980'],
    });
    expect(view.aml?.hits[2]?.reviewStatus).toBe('Escalated To Legal');
  });

  it('lists only the media that have a URL, with labels', () => {
    expect(view.media.map((item) => item.key)).toEqual([
      'front_image',
      'portrait_image',
      'liveness_reference_image',
      'face_match_source_image',
      'face_match_target_image',
    ]);
    expect(view.media.every((item) => item.label.length > 0)).toBe(true);
    expect(mediaUrlFor(decision, 'front_image')).toBe(
      'https://media.didit.test/s/3f1c/front.jpg?X-Amz-Signature=a2',
    );
    expect(mediaUrlFor(decision, 'back_image')).toBeNull();
  });

  it('accepts the seed alias expiry_date and a null thresholds', () => {
    const seedShape = decisionWith({ id_verifications: [{ status: 'Approved', expiry_date: '2030-01-01' }] });
    const seedView = decisionToView(seedShape, null);
    expect(seedView.idDocument?.expirationDate).toBe('2030-01-01');
    expect(seedView.thresholds).toBeNull();
    expect(DiditSessionView.parse(seedView)).toEqual(seedView);
  });
});

describe('workflow thresholds', () => {
  const flat = DiditWorkflow.parse({
    uuid: 'wf-1',
    workflow_label: 'KYC',
    features: ['ocr', 'liveness', 'face_match'],
    face_liveness_score_decline_threshold: 50,
    face_match_score_decline_threshold: 40,
    face_match_score_review_threshold: 70,
    aml_decline_threshold: 80,
    aml_review_threshold: 60,
  });
  const featureList = DiditWorkflow.parse({
    uuid: 'wf-2',
    features: [
      { feature: 'OCR' },
      {
        feature: 'LIVENESS',
        config: { face_liveness_method: 'passive', face_liveness_score_decline_threshold: 55 },
      },
      { feature: 'FACE_MATCH', config: { face_match_score_decline_threshold: 45 } },
    ],
  });

  it('reads the flat form', () => {
    expect(workflowToThresholds(flat)).toEqual({
      faceMatchDecline: 40,
      faceMatchReview: 70,
      livenessDecline: 50,
      amlDecline: 80,
      amlReview: 60,
    });
  });

  it('reads the features[] form, null where a feature has no threshold', () => {
    expect(workflowToThresholds(featureList)).toEqual({
      faceMatchDecline: 45,
      faceMatchReview: null,
      livenessDecline: 55,
      amlDecline: null,
      amlReview: null,
    });
  });

  it('writes a PATCH in the shape the workflow was read in', () => {
    expect(thresholdsToWorkflowUpdate(flat, { faceMatchReview: 75, amlDecline: null })).toEqual({
      face_match_score_review_threshold: 75,
    });
    expect(thresholdsToWorkflowUpdate(featureList, { livenessDecline: 60, faceMatchReview: 72 })).toEqual({
      features: [
        { feature: 'OCR' },
        {
          feature: 'LIVENESS',
          config: { face_liveness_method: 'passive', face_liveness_score_decline_threshold: 60 },
        },
        {
          feature: 'FACE_MATCH',
          config: { face_match_score_decline_threshold: 45, face_match_score_review_threshold: 72 },
        },
      ],
    });
  });
});

describe('decisionToView: every report, every instance', () => {
  const allReports = decisionWith({
    id_verifications: [
      { node_id: 'feature_ocr', status: 'Approved', document_type: 'Passport', front_image: 'https://x/1' },
      {
        node_id: 'feature_ocr_2',
        status: 'Declined',
        document_type: 'Identity Card',
        warnings: [
          {
            feature: 'OCR',
            risk: 'DOCUMENT_EXPIRED',
            log_type: 'error',
            node_id: 'feature_ocr_2',
            additional_data: { expiration_date: '2020-01-01', checks: { mrz: true } },
          },
        ],
      },
    ],
    face_matches: [
      { node_id: 'feature_face_match', status: 'Approved', score: 91 },
      { node_id: 'feature_face_match_2', status: 'In Review', score: 62 },
    ],
    nfc_verifications: [
      { node_id: 'feature_nfc', status: 'Approved', authenticity: { sod_integrity: true } },
    ],
    poa_verifications: [{ node_id: 'feature_poa', status: 'Approved', document_type: 'UTILITY_BILL' }],
    phone_verifications: [{ node_id: 'feature_phone', status: 'Approved', is_virtual: false }],
    email_verifications: [{ node_id: 'feature_email', status: 'Approved', is_breached: false }],
    database_validations: [{ node_id: 'feature_db', status: 'Approved', match_type: 'full_match' }],
    biometric_authentications: [
      { node_id: 'feature_bio_auth', status: 'Approved', similarity: 97.5, device: { os: 'iOS' } },
    ],
  });
  const view = decisionToView(allReports, null);
  const group = (type: string) => view.reports.find((candidate) => candidate.type === type);

  it('keeps every instance of a repeated report, in node order, with node ids and per-warning additional_data', () => {
    expect(DiditSessionView.parse(view)).toEqual(view);
    expect(group('id_verifications')?.reports.map((report) => report.nodeId)).toEqual([
      'feature_ocr',
      'feature_ocr_2',
    ]);
    expect(group('face_matches')?.reports.map((report) => [report.nodeId, report.status])).toEqual([
      ['feature_face_match', 'Approved'],
      ['feature_face_match_2', 'In Review'],
    ]);
    const second = group('id_verifications')?.reports[1];
    expect(second?.fields).toContainEqual({ label: 'Document type', value: 'Identity Card' });
    expect(second?.warnings[0]?.additionalData).toEqual([
      { label: 'Expiration date', value: '2020-01-01' },
      { label: 'Checks · Mrz', value: 'yes' },
    ]);
    // Presigned media URLs are served through the API, never shown as text.
    expect(
      group('id_verifications')?.reports[0]?.fields.some((field) => field.value.startsWith('https://')),
    ).toBe(false);
    for (const type of [
      'nfc_verifications',
      'poa_verifications',
      'phone_verifications',
      'email_verifications',
      'database_validations',
      'aml_screenings',
      'ip_analyses',
      'liveness_checks',
    ]) {
      expect(group(type)?.reports.length, type).toBeGreaterThan(0);
    }
  });

  it('keeps a report type it does not model as readable fields', () => {
    const unknown = group('biometric_authentications');
    expect(unknown?.label).toBe('Biometric authentications');
    expect(unknown?.reports[0]?.nodeId).toBe('feature_bio_auth');
    expect(unknown?.reports[0]?.fields).toEqual([
      { label: 'Similarity', value: '97.5' },
      { label: 'Device · Os', value: 'iOS' },
    ]);
    expect(view.reports.at(-1)?.type).toBe('biometric_authentications');
  });

  it('lists the nodes the session ran, failed and declined first', () => {
    expect(view.nodes.slice(0, 2)).toEqual([
      { nodeId: 'feature_ocr_2', feature: 'OCR', status: 'Declined', label: 'ID document' },
      { nodeId: 'feature_face_match_2', feature: 'FACE_MATCH', status: 'In Review', label: 'Face match' },
    ]);
    expect(view.nodes.map((node) => node.nodeId)).toContain('feature_bio_auth');
    expect(new Set(view.nodes.map((node) => node.nodeId)).size).toBe(view.nodes.length);
  });

  it('bounds an oversized report', () => {
    const huge = decisionWith({
      database_validations: [
        { node_id: 'n', status: 'Approved', rows: Array.from({ length: 5000 }, (_, i) => ({ i })) },
      ],
    });
    const fields = decisionToView(huge, null).reports.find((g) => g.type === 'database_validations')
      ?.reports[0]?.fields;
    expect(fields?.length).toBe(200);
  });
});
