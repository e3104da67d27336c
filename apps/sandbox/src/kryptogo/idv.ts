import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  DD_TASK_ORIGIN,
  ERROR_CODE,
  ID_TYPES,
  IDV_AUDIT_STATUS,
  IDV_AUTO_AUDITOR_ACCOUNT,
  IDV_ID_SUB_TYPE,
  IDV_POINTS,
  IDV_REASON,
  IDV_STATE,
  IDV_STATE_IN_PROGRESS,
  IDV_WEB_INIT_URL_FIELD,
  LIMITS,
  MOBILE_IDV_WORKFLOW_IDS,
  SEARCH_SOURCES,
  TIMING,
  TW_ID_ISSUE_SITE_IDS,
  WEB_IDV_LOCALES,
  WEB_IDV_WORKFLOW_IDS,
} from './assumptions';
import type { SandboxContext } from './context';
import { ddSummary, insertDdTask } from './dd';
import { badRequest, KryptogoSandboxError } from './errors';
import { validateUploadedImage } from './images';
import { digest, idvOutcomePlan, isoDate } from './scenarios';
import { type IdvExpected, type IdvExtracted, type IdvTask, type Owner, ownedTask } from './state';
import { CountryAlpha3, HttpUrl, IsoDateString } from './validation';

// Optional fields accept null as "absent": the seed's own request sample sends `"success_url": null`.
const optionalString = (max: number) => z.string().max(max).nullish();
const ExpectedFields = {
  expected_name: optionalString(200),
  expected_birthday: IsoDateString.nullish(),
  expected_id_number: optionalString(50),
  callback_url: HttpUrl.nullish(),
  customer_reference: optionalString(LIMITS.customerReferenceMaxLength),
  auto_create_dd_task: z.boolean().nullish(),
  dd_task_callback_url: HttpUrl.nullish(),
  dd_task_search_setting_id: z.number().int().positive().nullish(),
};
const TaiwanIdFields = {
  tw_id_apply_code: z.number().int().min(0).max(3).nullish(),
  tw_id_apply_date: z
    .string()
    .regex(/^\d{7}$/, 'expected a 7-digit ROC date')
    .nullish(),
  tw_id_issue_site_id: z.enum(TW_ID_ISSUE_SITE_IDS).nullish(),
};
const requireDdSetting = <
  T extends { auto_create_dd_task?: boolean | null; dd_task_search_setting_id?: number | null },
>(
  body: T,
  context: z.RefinementCtx,
) => {
  if (body.auto_create_dd_task && !body.dd_task_search_setting_id) {
    context.addIssue({
      code: 'custom',
      path: ['dd_task_search_setting_id'],
      message: 'required when auto_create_dd_task is true',
    });
  }
};

const MimeType = z.string().max(50).nullish();
export const IdvUploadBody = z
  .looseObject({
    country: CountryAlpha3,
    id_type: z.enum(ID_TYPES),
    id_image: z.string().min(1),
    id_mime_type: MimeType,
    id_back_image: z.string().min(1).nullish(),
    id_back_mime_type: MimeType,
    face_image: z.string().min(1).nullish(),
    face_mime_type: MimeType,
    id_and_face_image: z.string().min(1).nullish(),
    id_and_face_mime_type: MimeType,
    expected_issuing_date: IsoDateString.nullish(),
    expected_expiry_date: IsoDateString.nullish(),
    expected_gender: optionalString(10),
    ...ExpectedFields,
  })
  .superRefine((body, context) => {
    if (body.id_type === 'ID_CARD' && !body.id_back_image) {
      context.addIssue({
        code: 'custom',
        path: ['id_back_image'],
        message: 'required when id_type is ID_CARD',
      });
    }
    if (!body.face_image && !body.id_and_face_image) {
      context.addIssue({
        code: 'custom',
        path: ['face_image'],
        message: 'face_image or id_and_face_image is required',
      });
    }
    requireDdSetting(body, context);
  });

export const IdvWebInitBody = z
  .looseObject({
    ...ExpectedFields,
    ...TaiwanIdFields,
    id_type: z.enum(ID_TYPES),
    workflow_id: z.union(WEB_IDV_WORKFLOW_IDS.map((id) => z.literal(id))),
    country: CountryAlpha3,
    customer_reference: z.string().min(1).max(LIMITS.customerReferenceMaxLength),
    locale: z.enum(WEB_IDV_LOCALES).nullish(),
    success_url: HttpUrl.pipe(z.string().max(2047)).nullish(),
    error_url: HttpUrl.pipe(z.string().max(255)).nullish(),
  })
  .superRefine(requireDdSetting);

export const IdvMobileInitBody = z
  .looseObject({
    workflow_id: z.union(MOBILE_IDV_WORKFLOW_IDS.map((id) => z.literal(id))),
    country: CountryAlpha3,
    ...ExpectedFields,
    ...TaiwanIdFields,
  })
  .superRefine(requireDdSetting);

/** The DD search setting must exist when a DD task may be created from the result. */
function checkDdSetting(
  ctx: SandboxContext,
  body: { auto_create_dd_task?: boolean | null; dd_task_search_setting_id?: number | null },
) {
  if (!body.auto_create_dd_task || !body.dd_task_search_setting_id) return;
  const setting = ctx.state.searchSettings.get(body.dd_task_search_setting_id);
  if (setting?.type !== 'KYC') throw badRequest('dd_task_search_setting_id: unknown KYC search setting');
}

function chargeUpload(ctx: SandboxContext, owner: Owner): void {
  const balance = ctx.state.points(owner);
  if (balance < IDV_POINTS.uploadCost) {
    throw new KryptogoSandboxError(403, ERROR_CODE.insufficientPoints, 'insufficient points');
  }
  ctx.state.setPoints(owner, balance - IDV_POINTS.uploadCost);
}

function requireInitPoints(ctx: SandboxContext, owner: Owner): void {
  if (ctx.state.points(owner) <= IDV_POINTS.initRequiresMoreThan) {
    throw new KryptogoSandboxError(
      403,
      ERROR_CODE.insufficientPoints,
      `more than ${IDV_POINTS.initRequiresMoreThan} points are required`,
    );
  }
}

type NewIdv = Pick<
  IdvTask,
  | 'channel'
  | 'country'
  | 'idType'
  | 'expected'
  | 'customerReference'
  | 'callbackUrl'
  | 'autoCreateDdTask'
  | 'ddTaskCallbackUrl'
  | 'ddTaskSearchSettingId'
> &
  Partial<Pick<IdvTask, 'successUrl' | 'errorUrl'>>;

export function insertIdvTask(ctx: SandboxContext, owner: Owner, input: NewIdv): IdvTask {
  const task: IdvTask = {
    id: ctx.state.nextId('idv'),
    owner,
    channel: input.channel,
    country: input.country,
    idType: input.idType,
    expected: input.expected,
    customerReference: input.customerReference,
    callbackUrl: input.callbackUrl,
    autoCreateDdTask: input.autoCreateDdTask,
    ddTaskCallbackUrl: input.ddTaskCallbackUrl,
    ddTaskSearchSettingId: input.ddTaskSearchSettingId,
    createdAt: ctx.now(),
    uploadedAt: null,
    resultDueAt: null,
    completedAt: null,
    scenarioOverride: null,
    webToken: input.channel === 'web' ? randomBytes(16).toString('hex') : null,
    successUrl: input.successUrl ?? null,
    errorUrl: input.errorUrl ?? null,
    extracted: null,
    state: IDV_STATE_IN_PROGRESS,
    reviewReasons: [],
    rejectReasons: [],
    createdSearchTaskId: 0,
    auditStatus: IDV_AUDIT_STATUS.pending,
    auditTimestamp: 0,
    auditorAccount: '',
  };
  ctx.state.idvTasks.set(task.id, task);
  return task;
}

const commonFields = (
  body: z.infer<typeof IdvWebInitBody> | z.infer<typeof IdvMobileInitBody> | z.infer<typeof IdvUploadBody>,
) => ({
  country: body.country,
  customerReference: body.customer_reference ?? '',
  callbackUrl: body.callback_url ?? null,
  autoCreateDdTask: body.auto_create_dd_task ?? false,
  ddTaskCallbackUrl: body.dd_task_callback_url ?? null,
  ddTaskSearchSettingId: body.dd_task_search_setting_id ?? null,
});

/** I2: images are checked (never stored), points are charged, the result follows after processing time. */
export function createIdvByUpload(ctx: SandboxContext, owner: Owner, body: z.infer<typeof IdvUploadBody>) {
  validateUploadedImage('id_image', body.id_image, body.id_mime_type ?? undefined);
  if (body.id_back_image)
    validateUploadedImage('id_back_image', body.id_back_image, body.id_back_mime_type ?? undefined);
  if (body.face_image) validateUploadedImage('face_image', body.face_image, body.face_mime_type ?? undefined);
  if (body.id_and_face_image) {
    validateUploadedImage(
      'id_and_face_image',
      body.id_and_face_image,
      body.id_and_face_mime_type ?? undefined,
    );
  }
  checkDdSetting(ctx, body);
  chargeUpload(ctx, owner);
  const task = insertIdvTask(ctx, owner, {
    channel: 'upload',
    idType: body.id_type,
    expected: {
      name: body.expected_name ?? undefined,
      birthday: body.expected_birthday ?? undefined,
      idNumber: body.expected_id_number ?? undefined,
      issuingDate: body.expected_issuing_date ?? undefined,
      expiryDate: body.expected_expiry_date ?? undefined,
      gender: body.expected_gender ?? undefined,
    },
    ...commonFields(body),
  });
  markUploaded(ctx, task);
  return task;
}

/** I3 and I4 alike: the DD setting is checked and points are required before the task exists. */
function insertInitIdv(
  ctx: SandboxContext,
  owner: Owner,
  body: z.infer<typeof IdvWebInitBody> | z.infer<typeof IdvMobileInitBody>,
  channel: Pick<NewIdv, 'channel' | 'idType' | 'successUrl' | 'errorUrl'>,
): IdvTask {
  checkDdSetting(ctx, body);
  requireInitPoints(ctx, owner);
  return insertIdvTask(ctx, owner, { ...channel, expected: expectedOf(body), ...commonFields(body) });
}

/** I3. */
export function initWebIdv(
  ctx: SandboxContext,
  owner: Owner,
  body: z.infer<typeof IdvWebInitBody>,
  origin: string,
) {
  const task = insertInitIdv(ctx, owner, body, {
    channel: 'web',
    idType: body.id_type,
    successUrl: body.success_url ?? null,
    errorUrl: body.error_url ?? null,
  });
  return {
    timestamp: task.createdAt,
    idv_task_id: task.id,
    [IDV_WEB_INIT_URL_FIELD]: webFlowUrl(origin, task),
  };
}

export function webFlowUrl(origin: string, task: IdvTask): string {
  return `${origin}/_sandbox/kryptogo/idv/web/${task.webToken}`;
}

/** I4: Jumio mobile SDK, ID cards only. */
export function initMobileIdv(
  ctx: SandboxContext,
  owner: Owner,
  body: z.infer<typeof IdvMobileInitBody>,
  tokenSecret: Buffer,
) {
  const task = insertInitIdv(ctx, owner, body, { channel: 'mobile', idType: 'ID_CARD' });
  return { idv_task_id: task.id, sdk_token: sdkToken(task, tokenSecret), timestamp: task.createdAt };
}

function expectedOf(body: {
  expected_name?: string | null;
  expected_birthday?: string | null;
  expected_id_number?: string | null;
}) {
  return {
    name: body.expected_name ?? undefined,
    birthday: body.expected_birthday ?? undefined,
    idNumber: body.expected_id_number ?? undefined,
  };
}

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT shaped like the seed's sample (`alg: HS512`), signed with a per-sandbox secret. */
function sdkToken(task: IdvTask, secret: Buffer): string {
  const header = base64Url(JSON.stringify({ alg: 'HS512', typ: 'JWT' }));
  const payload = base64Url(
    JSON.stringify({
      iss: 'kryptogo-compliance-sandbox',
      sub: String(task.id),
      iat: task.createdAt,
      exp: task.createdAt + 1800,
      workflow_id: 3,
    }),
  );
  const signature = createHmac('sha512', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * The end user finished uploading (web page visited, mobile SDK done, or the control API said so):
 * points are charged now, as the seed says, and the result is due after the processing time.
 */
export function completeUserUpload(ctx: SandboxContext, task: IdvTask, scenario: string | null): void {
  if (task.uploadedAt !== null)
    throw badRequest('the IDV task already has its images', ERROR_CODE.invalidBody);
  chargeUpload(ctx, task.owner);
  task.scenarioOverride = scenario;
  markUploaded(ctx, task);
}

function markUploaded(ctx: SandboxContext, task: IdvTask): void {
  task.uploadedAt = ctx.now();
  task.resultDueAt = task.uploadedAt + TIMING.idvProcessingSeconds;
}

export function findIdvByWebToken(ctx: SandboxContext, token: string): IdvTask | undefined {
  for (const task of ctx.state.idvTasks.values()) if (task.webToken === token) return task;
  return undefined;
}

export function ownedIdvTask(ctx: SandboxContext, owner: Owner, idvId: number | null): IdvTask {
  return ownedTask(ctx.state.idvTasks, owner, idvId, 'IDV task');
}

function splitName(fullName: string): { firstName: string; lastName: string } {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length > 1) return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1)! };
  // A name without spaces is read as CJK: family name first (王又曾 → 王 / 又曾), as in the seed sample.
  const chars = [...fullName];
  return chars.length > 1
    ? { lastName: chars[0]!, firstName: chars.slice(1).join('') }
    : { firstName: fullName, lastName: '' };
}

function extractDocument(
  task: IdvTask,
  completedAt: number,
  mismatch: boolean,
  expired: boolean,
): IdvExtracted {
  const seed = digest(`idv:${task.id}`);
  const expected = task.expected;
  let fullName = expected.name ?? `Sandbox Holder ${task.id}`;
  let birthday = expected.birthday ?? '1990-01-01';
  let idNumber = expected.idNumber ?? `A1${String(seed.readUInt32BE(0) % 100_000_000).padStart(8, '0')}`;
  // A "review" subject differs from what was expected in exactly one field.
  if (mismatch) {
    if (expected.idNumber) idNumber = `${idNumber.slice(0, -1)}${idNumber.endsWith('9') ? '8' : '9'}`;
    else if (expected.birthday)
      birthday = isoDate(Date.parse(`${expected.birthday}T00:00:00Z`) / 1000 - 365 * 86_400);
    else if (expected.name) fullName = `${fullName} Jr`;
  }
  const expiryDate = expired
    ? isoDate(completedAt - 30 * 86_400)
    : (expected.expiryDate ?? isoDate(completedAt + 7 * 365 * 86_400));
  return {
    ...splitName(fullName),
    fullName,
    birthday,
    idNumber,
    issuingDate: expected.issuingDate ?? isoDate(completedAt - 3 * 365 * 86_400),
    expiryDate,
    gender: expected.gender ?? 'M',
  };
}

const MISMATCH_CHECKS: ReadonlyArray<readonly [keyof IdvExpected, keyof IdvExtracted, string]> = [
  ['name', 'fullName', IDV_REASON.nameMismatch],
  ['birthday', 'birthday', IDV_REASON.birthdayMismatch],
  ['idNumber', 'idNumber', IDV_REASON.idNumberMismatch],
  ['issuingDate', 'issuingDate', IDV_REASON.issuingDateMismatch],
  ['expiryDate', 'expiryDate', IDV_REASON.expiryDateMismatch],
  ['gender', 'gender', IDV_REASON.genderMismatch],
];

/** Produces the result at `resultDueAt`: extraction, state, reasons, the optional DD task, the callback. */
export function finishIdvTask(ctx: SandboxContext, task: IdvTask): void {
  if (task.completedAt !== null || task.resultDueAt === null) return;
  const completedAt = task.resultDueAt;
  const plan = idvOutcomePlan([task.expected.name ?? '', task.customerReference], task.scenarioOverride);
  const extracted = extractDocument(
    task,
    completedAt,
    plan.extractMismatch,
    plan.rejectReasons.includes(IDV_REASON.documentExpired),
  );
  task.extracted = extracted;
  task.reviewReasons = MISMATCH_CHECKS.filter(([expectedKey, extractedKey]) => {
    const expectedValue = task.expected[expectedKey];
    return expectedValue !== undefined && expectedValue !== extracted[extractedKey];
  }).map(([, , reason]) => reason);
  task.rejectReasons = plan.rejectReasons;
  task.completedAt = completedAt;
  if (task.rejectReasons.length > 0) {
    task.state = IDV_STATE.reject;
    task.auditStatus = IDV_AUDIT_STATUS.rejected;
  } else if (task.reviewReasons.length > 0) {
    task.state = IDV_STATE.review;
  } else {
    task.state = IDV_STATE.accept;
    task.auditStatus = IDV_AUDIT_STATUS.accepted;
  }
  if (task.state !== IDV_STATE.review) {
    task.auditTimestamp = completedAt;
    task.auditorAccount = IDV_AUTO_AUDITOR_ACCOUNT;
  }
  if (task.state === IDV_STATE.accept && task.autoCreateDdTask && task.ddTaskSearchSettingId !== null) {
    const setting = ctx.state.searchSettings.get(task.ddTaskSearchSettingId);
    if (setting) {
      const ddTask = insertDdTask(
        ctx,
        task.owner,
        {
          searchSetting: setting,
          target: {
            name: extracted.fullName,
            birthday: extracted.birthday,
            citizenship: task.country,
            gender: extracted.gender,
          },
          searchSources: [...SEARCH_SOURCES],
          callbackUrl: task.ddTaskCallbackUrl ?? task.callbackUrl,
          customerReference: task.customerReference,
          taskOrigin: DD_TASK_ORIGIN.idv,
          fromIdvId: task.id,
        },
        completedAt,
      );
      task.createdSearchTaskId = ddTask.id;
    }
  }
  ctx.emitCallback(completedAt, 'idv.completed', 'idv', task.id, task.callbackUrl, idvDetail(ctx, task));
}

/** A console reviewer's decision on a finished result (typically one in review). */
export function auditIdvInConsole(
  ctx: SandboxContext,
  task: IdvTask,
  reviewer: Owner,
  accepted: boolean,
): void {
  if (task.completedAt === null) throw badRequest('the IDV task has no result yet');
  task.auditStatus = accepted ? IDV_AUDIT_STATUS.accepted : IDV_AUDIT_STATUS.rejected;
  task.auditTimestamp = ctx.now();
  task.auditorAccount = reviewer.account;
}

/** I1 (and the IDV callback payload). */
export function idvDetail(ctx: SandboxContext, task: IdvTask) {
  const extracted = task.extracted;
  const ddTasks = [...ctx.state.ddTasks.values()]
    .filter((ddTask) => ddTask.fromIdvId === task.id)
    .map(ddSummary);
  return {
    idv_task_id: task.id,
    country: task.country,
    id_type: task.idType,
    id_sub_type: IDV_ID_SUB_TYPE[task.idType] ?? null,
    expected_name: task.expected.name ?? null,
    expected_birthday: task.expected.birthday ?? null,
    expected_id_number: task.expected.idNumber ?? null,
    expected_country: task.country,
    expected_issuing_date: task.expected.issuingDate ?? null,
    expected_expiry_date: task.expected.expiryDate ?? null,
    expected_gender: task.expected.gender ?? null,
    customer_reference: task.customerReference,
    first_name: extracted?.firstName ?? null,
    last_name: extracted?.lastName ?? null,
    full_name: extracted?.fullName ?? null,
    birthday: extracted?.birthday ?? null,
    id_number: extracted?.idNumber ?? null,
    issuing_date: extracted?.issuingDate ?? null,
    expiry_date: extracted?.expiryDate ?? null,
    gender: extracted?.gender ?? null,
    state: task.state,
    review_reasons: task.reviewReasons,
    reject_reasons: task.rejectReasons,
    created_search_task_id: task.createdSearchTaskId,
    audit_status: task.auditStatus,
    audit_timestamp: task.auditTimestamp,
    auditor_employee_account: task.auditorAccount,
    dd_tasks: ddTasks,
  };
}
