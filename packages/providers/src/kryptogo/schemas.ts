import { z } from 'zod';
import { KRYPTOGO_IDV_WEB_URL_FIELD } from './assumptions';

/*
 * Raw KryptoGO payloads. Responses are parsed leniently (docs/providers/kryptogo.md §2.0): loose objects keep unknown
 * fields, enum-like values are plain strings/numbers so a new value is kept and shown rather than
 * crashed on, and almost everything but the id is optional because the seed collapses most shapes.
 * Requests we send are validated strictly, so a bad call fails here and not at the provider.
 */

const num = z.number().nullish();
const str = z.string().nullish();
const epochSeconds = z.number().nullish();

export const KryptogoErrorBody = z.looseObject({ code: z.number(), message: z.string().nullish() });
export type KryptogoErrorBody = z.infer<typeof KryptogoErrorBody>;

export const KryptogoSearchSetting = z.looseObject({ id: num, name: str });
export type KryptogoSearchSetting = z.infer<typeof KryptogoSearchSetting>;

export const KryptogoMetadataEntry = z.looseObject({ key: z.string(), value: z.unknown() });
export type KryptogoMetadataEntry = z.infer<typeof KryptogoMetadataEntry>;
/** C15: the summary carries metadata as an appended array of `{key, value}`… */
export const KryptogoSummaryMetadata = z.array(KryptogoMetadataEntry);
/** …and the details as an object. Each schema accepts both, in case the provider is inconsistent. */
export const KryptogoDetailsMetadata = z.record(z.string(), z.unknown());
const AnyMetadata = z.union([KryptogoSummaryMetadata, KryptogoDetailsMetadata]).nullish();

/** [assumed] KYC `{name, birthday, citizenship, gender, id_number}` or KYB `{company_name, registration_number, country}`. */
export const KryptogoTarget = z.record(z.string(), z.unknown());
export type KryptogoTarget = z.infer<typeof KryptogoTarget>;

/** D1 summary; also the DD callback payload. */
export const KryptogoDdSummary = z.looseObject({
  task_id: z.number().int(),
  search_setting: KryptogoSearchSetting.nullish(),
  target: KryptogoTarget.nullish(),
  customer_reference: str,
  progress: num,
  task_origin: num,
  creation_time: epochSeconds,
  update_time: epochSeconds,
  audit_time: epochSeconds,
  report: z.unknown().optional(),
  metadata: AnyMetadata,
});
export type KryptogoDdSummary = z.infer<typeof KryptogoDdSummary>;

export const KryptogoCommentLog = z.looseObject({
  comment: str,
  accepted: z.boolean().nullish(),
  time: epochSeconds,
  employee_account: str,
});

/** D2 details. `audit_status` is an integer here but a string on IDV tasks (C14). */
export const KryptogoDdDetails = z.looseObject({
  task_id: z.number().int(),
  target: KryptogoTarget.nullish(),
  search_setting: KryptogoSearchSetting.nullish(),
  search_source: z.array(z.number()).nullish(),
  callback_url: str,
  customer_reference: str,
  /** [assumed] `{[source]: {hits, items}}`; kept as given, read through `sourceHitCounts`. */
  result: z.record(z.string(), z.unknown()).nullish(),
  sanction_matched: z.boolean().nullish(),
  completed_source: num,
  potential_risk: num,
  audit_status: num,
  comment: str,
  audit_time: epochSeconds,
  auditor_employee_id: num,
  auditor_employee_name: str,
  auditor_employee_account: str,
  employee_id: num,
  employee_name: str,
  employee_account: str,
  creation_time: epochSeconds,
  update_time: epochSeconds,
  completed_time: epochSeconds,
  from_idv_id: num,
  comment_time: epochSeconds,
  comment_employee_id: num,
  comment_employee_name: str,
  comment_employee_account: str,
  metadata: AnyMetadata,
  comment_logs: z.array(KryptogoCommentLog).nullish(),
  aml_summarization: str,
  next_review_at: epochSeconds,
});
export type KryptogoDdDetails = z.infer<typeof KryptogoDdDetails>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Alpha3 = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code');

export const KryptogoKycTarget = z.looseObject({
  name: z.string().min(1),
  birthday: IsoDate.optional(),
  citizenship: Alpha3.optional(),
  gender: z.enum(['M', 'F']).optional(),
  id_number: z.string().optional(),
});
export const KryptogoKybTarget = z.looseObject({
  company_name: z.string().min(1),
  registration_number: z.string().optional(),
  country: Alpha3.optional(),
});

/** D3 request item. */
export const KryptogoDdCreateItem = z.object({
  search_setting_id: z.number().int().positive(),
  target: z.union([KryptogoKycTarget, KryptogoKybTarget]),
  search_source: z.array(z.number().int().min(0).max(4)),
  callback_url: z.url().optional(),
  customer_reference: z.string().max(100).optional(),
  from_idv_id: z.number().int().positive().optional(),
});
export type KryptogoDdCreateItem = z.input<typeof KryptogoDdCreateItem>;
export const KryptogoDdCreateRequest = z.array(KryptogoDdCreateItem).min(1);
export const KryptogoDdCreateResponse = z.array(KryptogoDdSummary);

/** D4. */
export const KryptogoAcceptedRequest = z.object({ comment: z.string(), accepted: z.boolean() });
export type KryptogoAcceptedRequest = z.infer<typeof KryptogoAcceptedRequest>;
export const KryptogoAcceptedResponse = z.looseObject({
  task_id: z.number().int(),
  comment: str,
  accepted: z.boolean().nullish(),
});
export type KryptogoAcceptedResponse = z.infer<typeof KryptogoAcceptedResponse>;

/** D5. */
export const KryptogoMetadataRequest = z.array(z.object({ key: z.string().min(1), value: z.string() }));
export type KryptogoMetadataRequest = z.infer<typeof KryptogoMetadataRequest>;
export const KryptogoCodeResponse = z.looseObject({ code: z.number() });

/** D6. */
export const KryptogoPaging = z.looseObject({
  page_number: num,
  page_size: num,
  total_count: num,
  total_pages: num,
});
export const KryptogoHistoryResponse = z.looseObject({
  data: z.array(KryptogoDdSummary),
  paging: KryptogoPaging.nullish(),
});
export type KryptogoHistoryResponse = z.infer<typeof KryptogoHistoryResponse>;

/** K1/K2. Inner shapes are [assumed]; only `risk_score`/`risk_level` are read. */
export const KryptogoKyaTask = z.looseObject({
  kya_id: z.number().int(),
  address: z.string(),
  data: z.looseObject({ risk_score: num, risk_level: str }).nullish(),
  sdnlist: z.array(z.unknown()).nullish(),
  txlist: z.array(z.unknown()).nullish(),
  creation_timestamp: epochSeconds,
  creator_account: str,
  creator_email: str,
  creator_name: str,
  customer_reference: str,
});
export type KryptogoKyaTask = z.infer<typeof KryptogoKyaTask>;
export const KryptogoKyaCreateRequest = z.object({
  address: z.string().min(1),
  chain: z.string().optional(),
});
export type KryptogoKyaCreateRequest = z.infer<typeof KryptogoKyaCreateRequest>;
/** K3 (existence from one crawl; shape [assumed]). */
export const KryptogoKyaInfo = z.looseObject({
  address: z.string(),
  chain: str,
  balance: num,
  received: num,
  sent: num,
  tx_count: num,
  first_seen: epochSeconds,
  last_seen: epochSeconds,
});
export type KryptogoKyaInfo = z.infer<typeof KryptogoKyaInfo>;

/** I1 detail; also the IDV callback payload. */
export const KryptogoIdvDetail = z.looseObject({
  idv_task_id: z.number().int(),
  country: str,
  id_type: str,
  id_sub_type: str,
  expected_name: str,
  expected_birthday: str,
  expected_id_number: str,
  expected_country: str,
  expected_issuing_date: str,
  expected_expiry_date: str,
  expected_gender: str,
  customer_reference: str,
  first_name: str,
  last_name: str,
  full_name: str,
  birthday: str,
  id_number: str,
  issuing_date: str,
  expiry_date: str,
  gender: str,
  /** null/absent while the result is not there yet. */
  state: num,
  /** [assumed] string codes; anything else is kept and rendered by `reasonCodes`. */
  review_reasons: z.array(z.unknown()).nullish(),
  reject_reasons: z.array(z.unknown()).nullish(),
  created_search_task_id: num,
  audit_status: str,
  audit_timestamp: epochSeconds,
  auditor_employee_account: str,
  dd_tasks: z.array(KryptogoDdSummary).nullish(),
});
export type KryptogoIdvDetail = z.infer<typeof KryptogoIdvDetail>;

const IdType = z.enum(['PASSPORT', 'DRIVING_LICENSE', 'ID_CARD']);
const ImageMime = z.enum(['image/jpeg', 'image/png']);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64');
const ddFromIdv = {
  callback_url: z.url().optional(),
  auto_create_dd_task: z.boolean().optional(),
  dd_task_callback_url: z.url().optional(),
  dd_task_search_setting_id: z.number().int().positive().optional(),
};
const needsDdSetting = (body: { auto_create_dd_task?: boolean; dd_task_search_setting_id?: number }) =>
  !body.auto_create_dd_task || body.dd_task_search_setting_id !== undefined;
const ddSettingIssue = {
  message: 'dd_task_search_setting_id is required when auto_create_dd_task is true',
  path: ['dd_task_search_setting_id'],
};
const taiwanId = {
  tw_id_apply_code: z.number().int().min(0).max(3).optional(),
  tw_id_apply_date: z
    .string()
    .regex(/^\d{7}$/)
    .optional(),
  tw_id_issue_site_id: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
};

/** What the user is expected to be; KryptoGO compares it with what the document shows. */
const expectedPerson = {
  expected_name: z.string().optional(),
  expected_birthday: IsoDate.optional(),
  expected_id_number: z.string().optional(),
};
/** The fields the web (I3) and mobile (I4) inits share beside their own. */
const idvInitFields = { ...expectedPerson, ...ddFromIdv, ...taiwanId };

/** I2 request. */
export const KryptogoIdvCreateRequest = z
  .object({
    country: Alpha3,
    id_type: IdType,
    id_image: Base64,
    id_mime_type: ImageMime.optional(),
    id_back_image: Base64.optional(),
    id_back_mime_type: ImageMime.optional(),
    face_image: Base64.optional(),
    face_mime_type: ImageMime.optional(),
    id_and_face_image: Base64.optional(),
    id_and_face_mime_type: ImageMime.optional(),
    ...expectedPerson,
    expected_issuing_date: IsoDate.optional(),
    expected_expiry_date: IsoDate.optional(),
    expected_gender: z.string().optional(),
    customer_reference: z.string().max(100).optional(),
    ...ddFromIdv,
  })
  .refine((body) => body.id_type !== 'ID_CARD' || body.id_back_image !== undefined, {
    message: 'id_back_image is required for ID_CARD',
    path: ['id_back_image'],
  })
  .refine((body) => body.face_image !== undefined || body.id_and_face_image !== undefined, {
    message: 'face_image or id_and_face_image is required',
    path: ['face_image'],
  })
  .refine(needsDdSetting, ddSettingIssue);
export type KryptogoIdvCreateRequest = z.input<typeof KryptogoIdvCreateRequest>;
export const KryptogoIdvCreateResponse = z.looseObject({
  idv_task_id: z.number().int(),
  timestamp: epochSeconds,
});
export type KryptogoIdvCreateResponse = z.infer<typeof KryptogoIdvCreateResponse>;

/** I3 request (the Jumio variant; the Sumsub one is unknown). */
export const KryptogoWebIdvInitRequest = z
  .object({
    id_type: IdType,
    workflow_id: z.union([100, 101, 102, 200, 201, 202].map((id) => z.literal(id))),
    country: Alpha3,
    customer_reference: z.string().min(1).max(100),
    locale: z.string().optional(),
    success_url: z.url().max(2047).optional(),
    error_url: z.url().max(255).optional(),
    ...idvInitFields,
  })
  .refine(needsDdSetting, ddSettingIssue);
export type KryptogoWebIdvInitRequest = z.input<typeof KryptogoWebIdvInitRequest>;
export const KryptogoWebIdvInitResponse = z
  .looseObject({ idv_task_id: z.number().int(), timestamp: epochSeconds })
  .transform((body) => {
    const url = (body as Record<string, unknown>)[KRYPTOGO_IDV_WEB_URL_FIELD];
    return { ...body, verificationUrl: typeof url === 'string' ? url : null };
  });
export type KryptogoWebIdvInitResponse = z.output<typeof KryptogoWebIdvInitResponse>;

/** I4 request (Jumio, ID_CARD only). */
export const KryptogoMobileIdvInitRequest = z
  .object({
    workflow_id: z.literal(3),
    country: Alpha3,
    customer_reference: z.string().max(100).optional(),
    ...idvInitFields,
  })
  .refine(needsDdSetting, ddSettingIssue);
export type KryptogoMobileIdvInitRequest = z.input<typeof KryptogoMobileIdvInitRequest>;
export const KryptogoMobileIdvInitResponse = z.looseObject({
  idv_task_id: z.number().int(),
  sdk_token: z.string(),
  timestamp: epochSeconds,
});
export type KryptogoMobileIdvInitResponse = z.infer<typeof KryptogoMobileIdvInitResponse>;
