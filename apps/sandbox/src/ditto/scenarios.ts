import { randomUUID } from 'node:crypto';
import { placeholderImageBase64 } from './images';

export const DITTO_SCENARIOS = [
  'good_document',
  'expired_document',
  'face_mismatch',
  'low_liveness',
  'nfc_verified',
  'nfc_unsupported',
  'mrz_visual_mismatch',
] as const;
export type DittoScenario = (typeof DITTO_SCENARIOS)[number];

export interface ScenarioOptions {
  requesterId?: string;
  /** Size in bytes of each of the three images (random pixels); unset = tiny 8×8 placeholders. */
  imageBytes?: number;
  /** Varies the person so several pushes of one scenario are distinguishable. */
  seed?: number;
}

const PEOPLE = [
  { given: 'John', surname: 'Sample', number: 'PA9992592', birth: '1985-03-14', country: 'LVA' },
  { given: 'Anna', surname: 'Bērziņa', number: 'PB1203344', birth: '1992-11-02', country: 'LVA' },
  { given: 'Marek', surname: 'Novák', number: 'PC5550917', birth: '1979-06-30', country: 'CZE' },
];

/** MRZ spelling: capitals, no accents, `<` for spaces. */
const mrz = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/ /g, '<');

/** A §3.4 default payload for one scenario. Sample values follow Ditto's published example. */
export function buildKycPayload(scenario: DittoScenario, options: ScenarioOptions = {}) {
  const person = PEOPLE[(options.seed ?? 0) % PEOPLE.length]!;
  const expired = scenario === 'expired_document';
  const expiry = expired ? '2021-01-31' : '2031-01-31';
  const visualSurname = scenario === 'mrz_visual_mismatch' ? `${person.surname}a` : person.surname;
  const fields: [string, string, string][] = [
    // name, MRZ value, visual value
    ['Document number', person.number, person.number],
    ['Given name', mrz(person.given), person.given],
    ['Surname', mrz(person.surname), visualSurname],
    ['Date of birth', person.birth, person.birth],
    ['Date of expiry', expiry, expiry],
    ['Issuing state code', person.country, person.country],
    ['Nationality code', person.country, person.country],
  ];
  const nfc =
    scenario === 'nfc_verified'
      ? { is_nfc_document: true, nfc_scan_status: 'NFC SCAN SUCCESSFUL' }
      : scenario === 'nfc_unsupported'
        ? { is_nfc_document: true, nfc_scan_status: 'NFC SCAN UNSUPPORTED BY DEVICE' }
        : { is_nfc_document: false, nfc_scan_status: 'NOT AN NFC DOCUMENT' };
  const faceScore = scenario === 'face_mismatch' ? 0.0002 : 0.93;
  const facePercent = scenario === 'face_mismatch' ? 0 : 93;
  const liveness = scenario === 'low_liveness' ? 12 : 100;
  const sources = scenario === 'nfc_verified' ? ['M', 'V', 'R'] : ['M', 'V'];
  return {
    request_info: {
      user_id: `testuser${(options.seed ?? 0) + 1}@example.test`,
      app_id: 'b5b6f0a2-6f0e-4bd5-9c7d-1f4a8c2e9d10',
      requester_id: options.requesterId ?? randomUUID(),
    },
    kyc_info: {
      liveness_check: {
        video: {
          autocapture_result: { selfie_image: placeholderImageBase64([200, 170, 150], options.imageBytes) },
          liveness_result: { score: liveness },
        },
      },
      face_matcher_result: { score: faceScore, score_percent: facePercent },
      document: {
        version: '3.0',
        document_info: {
          document_type: ['Identity Card'],
          document_names: ['Latvia - ID Card (2012)'],
          field_sources: sources,
          field_locales: { '0': 'Latin' },
          field_list: fields.map(([name]) => name),
          document_images: {
            front_page: placeholderImageBase64([70, 110, 180], options.imageBytes),
            portrait_image: placeholderImageBase64([190, 160, 140], options.imageBytes),
          },
        },
        document_status: {
          error_list: expired ? ['Expired Document'] : [],
          ...nfc,
          overall_document_status: expired ? 'ERROR' : 'OK',
        },
        identity_data: Object.fromEntries(fields.map(([name, , visual]) => [name, visual])),
        identity_data_details: {
          '0': fields.map(([name, mrzValue, visual]) => ({
            field_name: name,
            field_details: {
              field_value: visual,
              field_status: 'OK',
              field_source_and_values: {
                M: mrzValue,
                V: visual,
                ...(scenario === 'nfc_verified' ? { R: mrzValue } : {}),
              },
            },
          })),
        },
        raw_data: { scan: { pages: 1, engine: 'sandbox' } },
      },
    },
  };
}
export type DittoKycPayload = ReturnType<typeof buildKycPayload>;
