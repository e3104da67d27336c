import { amlScore } from './evaluation.js';
import type { MediaKind } from './media.js';
import { FEATURE_NODES, reportedStatus, type Session, type SessionOutcome, type Workflow } from './model.js';
import { ageOn, distanceKm, FOREIGN_IP_ORIGIN, SeededRandom } from './people.js';

export interface DecisionContext {
  session: Session;
  workflow: Workflow;
  sessionUrl: string;
  now: number;
  mediaUrl: (kind: MediaKind) => string;
}

export function isoTimestamp(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function direction(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
) {
  const north = to.latitude - from.latitude;
  const east = to.longitude - from.longitude;
  const vertical = Math.abs(north) < 0.5 ? '' : north > 0 ? 'N' : 'S';
  const horizontal = Math.abs(east) < 0.5 ? '' : east > 0 ? 'E' : 'W';
  return vertical + horizontal || 'N';
}

function idVerification(context: DecisionContext, outcome: SessionOutcome) {
  const report = outcome.reports.OCR!;
  const person = outcome.person;
  const edits = context.session.idDataEdits;
  const address = `${person.street} ${person.houseNumber}, ${person.city.postalCode} ${person.city.name}, ${person.country.name}`;
  const hasBack = person.documentType !== 'Passport';
  const random = new SeededRandom(`quality:${context.session.id}`);
  const quality = () => ({
    brightness_issue: 'ok',
    brightness_score: random.decimal(0.7, 0.95),
    focus_score: random.decimal(0.75, 0.99),
    is_document_fully_visible: true,
    overall_score: random.decimal(0.8, 0.98),
    resolution_score: random.decimal(0.8, 1),
  });
  const firstName = edits.first_name ?? person.firstName;
  const lastName = edits.last_name ?? person.lastName;
  const dateOfBirth = edits.date_of_birth ?? person.dateOfBirth;
  return {
    node_id: FEATURE_NODES.OCR.nodeId,
    status: report.status,
    warnings: report.warnings,
    document_type: edits.document_type ?? person.documentType,
    document_number: edits.document_number ?? person.documentNumber,
    personal_number: edits.personal_number ?? person.personalNumber,
    first_name: firstName,
    last_name: lastName,
    full_name: `${firstName} ${lastName}`,
    date_of_birth: dateOfBirth,
    age: dateOfBirth ? ageOn(dateOfBirth, context.now) : null,
    gender: edits.gender ?? person.gender,
    nationality: edits.nationality ?? person.country.alpha3,
    issuing_state: person.country.alpha3,
    issuing_state_name: person.country.name,
    expiration_date:
      edits.expiration_date ??
      (outcome.signals.documentExpired ? expiredDate(outcome) : person.expirationDate),
    date_of_issue: edits.date_of_issue ?? person.dateOfIssue,
    place_of_birth: edits.place_of_birth ?? person.city.name,
    marital_status: 'UNKNOWN',
    address: edits.address ?? address,
    formatted_address: edits.address ?? address,
    parsed_address: {
      address_type: 'residential',
      category: 'Address',
      city: person.city.name,
      country: person.country.alpha2,
      region: person.city.region,
      postal_code: person.city.postalCode,
      street_1: `${person.street} ${person.houseNumber}`,
      street_2: null,
      formatted_address: address,
      is_verified: true,
      label: 'Address on document',
      document_location: { latitude: person.city.latitude, longitude: person.city.longitude },
      raw_results: {
        formatted_address: address,
        geometry: {
          location: { lat: person.city.latitude, lng: person.city.longitude },
          location_type: 'APPROXIMATE',
        },
        types: ['street_address'],
      },
    },
    extra_fields: {},
    extra_files: [],
    matches: [],
    portrait_image: context.mediaUrl('id-portrait'),
    front_image: context.mediaUrl('id-front'),
    back_image: hasBack ? context.mediaUrl('id-back') : null,
    full_front_image: context.mediaUrl('id-front'),
    full_back_image: hasBack ? context.mediaUrl('id-back') : null,
    front_video: null,
    back_video: null,
    front_image_camera_front: null,
    back_image_camera_front: null,
    front_image_camera_front_face_match_score: null,
    back_image_camera_front_face_match_score: null,
    front_image_quality_score: quality(),
    back_image_quality_score: hasBack ? quality() : null,
  };
}

/** An expired document ran out a few months before the session was completed. */
function expiredDate(outcome: SessionOutcome): string {
  const date = new Date(outcome.completedAt);
  date.setUTCMonth(date.getUTCMonth() - 5);
  return date.toISOString().slice(0, 10);
}

function livenessCheck(context: DecisionContext, outcome: SessionOutcome) {
  const report = outcome.reports.LIVENESS!;
  const random = new SeededRandom(`liveness:${context.session.id}`);
  const age = ageOn(outcome.person.dateOfBirth, context.now);
  return {
    node_id: FEATURE_NODES.LIVENESS.nodeId,
    status: report.status,
    warnings: report.warnings,
    method: context.workflow.thresholds.face_liveness_method.toUpperCase(),
    score: outcome.signals.livenessScore,
    reference_image: context.mediaUrl('selfie'),
    video_url: null,
    age_estimation: Math.round((age + random.decimal(-3, 3)) * 100) / 100,
    face_quality: random.decimal(70, 95),
    face_luminance: random.decimal(45, 70),
    matches: [],
  };
}

function faceMatch(context: DecisionContext, outcome: SessionOutcome) {
  const report = outcome.reports.FACE_MATCH!;
  return {
    node_id: FEATURE_NODES.FACE_MATCH.nodeId,
    status: report.status,
    warnings: report.warnings,
    score: outcome.signals.faceMatchScore,
    source_image: context.mediaUrl('selfie'),
    target_image: context.mediaUrl('id-portrait'),
    source_image_session_id: null,
  };
}

const PEP_POSITIONS = ['Member of Parliament', 'Deputy Minister of Finance', 'Mayor', 'Ambassador'];

function amlScreening(context: DecisionContext, outcome: SessionOutcome) {
  const report = outcome.reports.AML!;
  const { person, signals } = outcome;
  const thresholds = context.workflow.thresholds;
  const fullName = `${person.firstName} ${person.lastName}`;
  const hits = signals.amlHits.map((hit, index) => {
    const random = new SeededRandom(`aml:${context.session.id}:${index}`);
    const caption = hit.samePerson
      ? fullName
      : `${person.firstName} ${random.pick(['Alonso', 'Berg', 'Costa', 'Petrov'])}`;
    const birthDate = hit.samePerson
      ? person.dateOfBirth
      : `${Number(person.dateOfBirth.slice(0, 4)) - 11}-01-01`;
    const nameScore = hit.samePerson ? 100 : 58;
    const dobScore = hit.samePerson ? 100 : 0;
    const countryScore = hit.samePerson ? 100 : 50;
    const isPep = hit.dataset === 'PEP';
    const isSanction = hit.dataset === 'Sanctions';
    const isMedia = hit.dataset === 'Adverse Media';
    return {
      id: `sandbox-${context.session.id.slice(0, 8)}-${index + 1}`,
      url: `https://opensanctions.org/entities/sandbox-${context.session.id.slice(0, 8)}-${index + 1}/`,
      caption,
      match: hit.matchScore >= thresholds.aml_match_score_threshold,
      score: Math.round(hit.matchScore) / 100,
      match_score: hit.matchScore,
      risk_score: hit.riskScore,
      review_status: hit.matchScore >= thresholds.aml_match_score_threshold ? 'Unreviewed' : 'False Positive',
      datasets: [hit.dataset],
      first_seen: '2019-03-14T00:00:00Z',
      last_seen: isoTimestamp(outcome.completedAt - 86_400_000),
      target: true,
      features: null,
      rca_name: '',
      properties: {
        name: [caption],
        alias: null,
        birthDate: [birthDate],
        country: [person.country.alpha2.toLowerCase()],
        nationality: [person.country.alpha2.toLowerCase()],
        position: isPep ? [random.pick(PEP_POSITIONS)] : null,
        topics: [isPep ? 'role.pep' : isSanction ? 'sanction' : 'crime'],
      },
      score_breakdown: {
        name_score: nameScore,
        name_weight: 60,
        name_weight_normalized: 0.6,
        name_contribution: nameScore * 0.6,
        dob_score: dobScore,
        dob_weight: 25,
        dob_weight_normalized: 0.25,
        dob_contribution: dobScore * 0.25,
        country_score: countryScore,
        country_weight: 15,
        country_weight_normalized: 0.15,
        country_contribution: countryScore * 0.15,
        document_number_match_type: 'NEUTRAL',
        document_number_effect: 'NONE',
        total_score: hit.matchScore,
      },
      risk_view: {
        categories: {
          score: hit.riskScore,
          weightage: 50,
          risk_level: hit.riskScore >= 80 ? 'High' : 'Low',
          risk_scores: { [hit.dataset]: hit.riskScore },
        },
        countries: {
          score: 20,
          weightage: 30,
          risk_level: 'Low',
          risk_scores: { [person.country.alpha2]: 20 },
        },
        crimes: {
          score: isMedia ? 60 : 0,
          weightage: 20,
          risk_level: isMedia ? 'High' : 'Low',
          risk_scores: {},
        },
        custom_list: {},
      },
      pep_matches: isPep ? [{ list_name: 'Sandbox PEP List', position: random.pick(PEP_POSITIONS) }] : [],
      sanction_matches: isSanction
        ? [{ list_name: 'Sandbox Consolidated Sanctions', program: 'SANDBOX-1' }]
        : [],
      warning_matches: [],
      adverse_media_matches: isMedia
        ? [
            {
              headline: `${caption} named in fraud investigation`,
              summary: 'Local press reports an ongoing investigation (sandbox data).',
              source_url: 'https://news.example.com/sandbox-article',
              sentiment_score: -2,
              adverse_keywords: ['fraud', 'investigation'],
            },
          ]
        : [],
      adverse_media_details: null,
      linked_entities: [],
      additional_information: { flag_summary: [] },
    };
  });
  return {
    node_id: FEATURE_NODES.AML.nodeId,
    status: report.status,
    warnings: report.warnings,
    entity_type: 'person',
    total_hits: hits.length,
    score: amlScore(context.workflow, signals),
    screened_data: {
      full_name: fullName,
      date_of_birth: person.dateOfBirth,
      nationality: person.country.alpha3,
      document_number: person.documentNumber,
    },
    is_ongoing_monitoring_enabled: false,
    next_ongoing_monitoring_bill_date: null,
    hits,
  };
}

function ipAnalysis(context: DecisionContext, outcome: SessionOutcome) {
  const report = outcome.reports.IP_ANALYSIS!;
  const { person, signals } = outcome;
  const random = new SeededRandom(`ip:${context.session.id}`);
  const foreign = signals.ipFromAnotherCountry;
  const origin = foreign
    ? FOREIGN_IP_ORIGIN
    : {
        ...person.city,
        alpha2: person.country.alpha2,
        name: person.country.name,
        city: person.city.name,
        isp: person.country.isp,
      };
  const ipLocation = { latitude: origin.latitude, longitude: origin.longitude };
  const documentLocation = { latitude: person.city.latitude, longitude: person.city.longitude };
  const distance = distanceKm(ipLocation, documentLocation);
  const ipAddress = foreign
    ? `${FOREIGN_IP_ORIGIN.ipPrefix}.${random.integer(1, 254)}.${random.integer(1, 254)}`
    : person.ipAddress;
  return {
    node_id: FEATURE_NODES.IP_ANALYSIS.nodeId,
    status: report.status,
    warnings: report.warnings,
    ip_address: ipAddress,
    ip_country: foreign ? FOREIGN_IP_ORIGIN.name : person.country.name,
    ip_country_code: origin.alpha2,
    ip_state: foreign ? FOREIGN_IP_ORIGIN.region : person.city.region,
    ip_city: foreign ? FOREIGN_IP_ORIGIN.city : person.city.name,
    latitude: origin.latitude,
    longitude: origin.longitude,
    time_zone: origin.timeZone,
    time_zone_offset: origin.timeZoneOffset,
    isp: foreign ? FOREIGN_IP_ORIGIN.isp : person.country.isp,
    organization: foreign ? FOREIGN_IP_ORIGIN.isp : person.country.isp,
    is_vpn_or_tor: signals.vpnOrTor,
    is_data_center: signals.vpnOrTor,
    browser_family: random.pick(['Chrome Mobile', 'Mobile Safari', 'Samsung Internet']),
    os_family: random.pick(['Android', 'iOS']),
    platform: 'mobile',
    device_brand: random.pick(['Apple', 'Samsung', 'Google']),
    device_model: null,
    device_fingerprint: new SeededRandom(`device:${context.session.personSeed}`).digits(16),
    ip: {
      location: ipLocation,
      distance_from_id_document: { distance, direction: direction(ipLocation, documentLocation) },
      distance_from_poa_document: { distance: null, direction: null },
    },
    id_document: {
      location: documentLocation,
      distance_from_ip: { distance, direction: direction(documentLocation, ipLocation) },
      distance_from_poa_document: { distance: null, direction: null },
    },
    poa_document: { location: null, distance_from_ip: null, distance_from_id_document: null },
  };
}

function minimalReport(
  outcome: SessionOutcome,
  feature: keyof typeof FEATURE_NODES,
  extra: Record<string, unknown>,
) {
  const report = outcome.reports[feature]!;
  return {
    node_id: FEATURE_NODES[feature].nodeId,
    status: report.status,
    warnings: report.warnings,
    ...extra,
  };
}

/** The full decision object of docs/providers/didit.md §1.6; feature arrays stay empty until the session is completed. */
export function buildDecision(context: DecisionContext) {
  const { session, workflow } = context;
  const outcome = session.outcome;
  const has = (feature: keyof typeof FEATURE_NODES) => Boolean(outcome?.reports[feature]);
  const contact = session.contactDetails ?? {};
  return {
    session_id: session.id,
    session_number: session.number,
    session_url: context.sessionUrl,
    status: reportedStatus(session),
    workflow_id: session.workflowId,
    features: workflow.features.map(({ feature }) => FEATURE_NODES[feature].label),
    vendor_data: session.vendorData,
    metadata: session.metadata ?? null,
    callback: session.callback,
    contact_details: session.contactDetails,
    expected_details: session.expectedDetails,
    created_at: isoTimestamp(session.createdAt),
    id_verifications: outcome && has('OCR') ? [idVerification(context, outcome)] : [],
    nfc_verifications:
      outcome && has('NFC')
        ? [minimalReport(outcome, 'NFC', { authenticity: { sod_integrity: true, dg_integrity: true } })]
        : [],
    liveness_checks: outcome && has('LIVENESS') ? [livenessCheck(context, outcome)] : [],
    face_matches: outcome && has('FACE_MATCH') ? [faceMatch(context, outcome)] : [],
    poa_verifications:
      outcome && has('PROOF_OF_ADDRESS')
        ? [minimalReport(outcome, 'PROOF_OF_ADDRESS', { document_type: 'UTILITY_BILL' })]
        : [],
    phone_verifications:
      outcome && has('PHONE_VERIFICATION')
        ? [
            minimalReport(outcome, 'PHONE_VERIFICATION', {
              full_number: contact.phone ?? null,
              is_disposable: false,
              is_virtual: false,
            }),
          ]
        : [],
    email_verifications:
      outcome && has('EMAIL_VERIFICATION')
        ? [
            minimalReport(outcome, 'EMAIL_VERIFICATION', {
              email: contact.email ?? null,
              is_breached: false,
              is_disposable: false,
            }),
          ]
        : [],
    aml_screenings: outcome && has('AML') ? [amlScreening(context, outcome)] : [],
    ip_analyses: outcome && has('IP_ANALYSIS') ? [ipAnalysis(context, outcome)] : [],
    database_validations:
      outcome && has('DATABASE_VALIDATION')
        ? [minimalReport(outcome, 'DATABASE_VALIDATION', { match_type: 'full_match', validations: [] })]
        : [],
    questionnaire_responses:
      outcome && has('QUESTIONNAIRE') ? [minimalReport(outcome, 'QUESTIONNAIRE', { sections: [] })] : [],
    reviews: session.reviews,
    ...(outcome && session.scenario === 'all_reports' ? repeatedNodes(context, outcome) : {}),
  };
}

/**
 * What a workflow with repeated nodes sends (`all_reports`): a second ID document and a second face
 * match under their own node ids, and a report type this back office does not model.
 */
function repeatedNodes(context: DecisionContext, outcome: SessionOutcome) {
  const secondDocument = {
    ...idVerification(context, outcome),
    node_id: 'feature_ocr_2',
    document_type: 'Driving License',
    status: 'Approved' as const,
    warnings: [],
  };
  const firstMatch = faceMatch(context, outcome);
  const secondNodeWarning = {
    feature: 'FACE_MATCH',
    risk: 'LOW_FACE_MATCH_SIMILARITY',
    additional_data: { score: 71.4, threshold: 75 },
    log_type: 'warning' as const,
    short_description: 'Low face match similarity',
    long_description: 'The selfie and the second document portrait are not similar enough.',
    node_id: 'feature_face_match_2',
  };
  return {
    id_verifications: [idVerification(context, outcome), secondDocument],
    face_matches: [
      firstMatch,
      {
        ...firstMatch,
        node_id: 'feature_face_match_2',
        status: 'In Review' as const,
        score: 71.4,
        warnings: [secondNodeWarning],
      },
    ],
    biometric_authentications: [
      { node_id: 'feature_biometric_authentication', status: 'Approved', similarity: 96.2, warnings: [] },
    ],
  };
}

export type Decision = ReturnType<typeof buildDecision>;
