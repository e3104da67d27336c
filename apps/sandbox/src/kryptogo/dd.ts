import { z } from 'zod';
import {
  DD_AUDIT_STATUS,
  DD_TASK_ORIGIN,
  ERROR_CODE,
  LIMITS,
  SANCTION_SOURCE,
  SEARCH_SOURCE_NAME,
  SEARCH_SOURCES,
  TIMING,
} from './assumptions';
import type { SandboxContext } from './context';
import { badRequest, conflict } from './errors';
import { potentialRiskFor, sourceHits } from './scenarios';
import { type DdTask, type Owner, ownedTask } from './state';
import { CountryAlpha3, HttpUrl, IsoDateString, parseWith } from './validation';

/** [assumed] KYC target; extra keys are kept and echoed back. */
export const KycTarget = z.looseObject({
  name: z.string().trim().min(1).max(200),
  birthday: IsoDateString.optional(),
  citizenship: CountryAlpha3.optional(),
  gender: z.enum(['M', 'F']).optional(),
  id_number: z.string().max(50).optional(),
});
/** [assumed] KYB target. */
export const KybTarget = z.looseObject({
  company_name: z.string().trim().min(1).max(200),
  registration_number: z.string().max(50).optional(),
  country: CountryAlpha3.optional(),
});

const SearchSourceList = z
  // The seed renders the field as "Array of arrays", so one level of nesting is accepted and flattened.
  .array(z.union([z.number().int(), z.array(z.number().int())]))
  .transform((items) => items.flat())
  .pipe(
    z.array(
      z
        .number()
        .int()
        .refine(
          (source) => (SEARCH_SOURCES as readonly number[]).includes(source),
          'search source must be 0..4',
        ),
    ),
  );

export const DdCreateItem = z.looseObject({
  search_setting_id: z.number().int().positive(),
  target: z.record(z.string(), z.unknown()),
  search_source: SearchSourceList.optional(),
  callback_url: HttpUrl.optional(),
  customer_reference: z.string().max(LIMITS.customerReferenceMaxLength).optional(),
  from_idv_id: z.number().int().nonnegative().optional(),
});
export const DdCreateBody = z.array(DdCreateItem).min(1).max(LIMITS.ddCreateMaxItems);

export const DdAcceptedBody = z.looseObject({ comment: z.string().max(2000), accepted: z.boolean() });
export const DdMetadataBody = z
  .array(z.looseObject({ key: z.string().min(1).max(200), value: z.string().max(2000) }))
  .max(LIMITS.metadataMaxItems);
export const DdHistoryQuery = z.object({
  page_size: z.coerce.number().int().min(1).max(LIMITS.historyMaxPageSize),
  page_number: z.coerce.number().int().min(1),
  customer_reference: z.string().max(LIMITS.customerReferenceMaxLength).optional(),
});

export type NewDdTask = Pick<
  DdTask,
  | 'searchSetting'
  | 'target'
  | 'searchSources'
  | 'callbackUrl'
  | 'customerReference'
  | 'taskOrigin'
  | 'fromIdvId'
>;

export function subjectNameOf(task: Pick<DdTask, 'target' | 'targetType'>): string {
  const key = task.targetType === 'KYB' ? 'company_name' : 'name';
  const value = task.target[key];
  return typeof value === 'string' ? value : '';
}

/** Validates an item's target against its search setting's type and applies `from_idv_id` copying. */
export function prepareDdTask(
  ctx: SandboxContext,
  owner: Owner,
  item: z.infer<typeof DdCreateItem>,
  index: number,
): NewDdTask {
  const searchSetting = ctx.state.searchSettings.get(item.search_setting_id);
  if (!searchSetting) throw badRequest(`[${index}].search_setting_id: unknown search setting`);
  const targetSchema: z.ZodType<Record<string, unknown>> =
    searchSetting.type === 'KYB' ? KybTarget : KycTarget;
  const target = parseWith(targetSchema, item.target, ERROR_CODE.invalidBody, `[${index}].target`);
  let callbackUrl = item.callback_url ?? null;
  let customerReference = item.customer_reference ?? '';
  const fromIdvId = item.from_idv_id ?? 0;
  if (fromIdvId > 0) {
    const idv = ctx.state.idvTasks.get(fromIdvId);
    if (!idv || idv.owner.apiKey !== owner.apiKey)
      throw badRequest(`[${index}].from_idv_id: unknown IDV task`);
    // [seed] these four are forcibly copied from the IDV task.
    if (idv.extracted) target.birthday = idv.extracted.birthday;
    target.citizenship = idv.country;
    customerReference = idv.customerReference;
    callbackUrl = idv.ddTaskCallbackUrl ?? idv.callbackUrl;
  }
  const sources =
    item.search_source && item.search_source.length > 0 ? item.search_source : [...SEARCH_SOURCES];
  return {
    searchSetting,
    target,
    searchSources: [...new Set(sources)].sort((a, b) => a - b),
    callbackUrl,
    customerReference,
    taskOrigin: fromIdvId > 0 ? DD_TASK_ORIGIN.idv : DD_TASK_ORIGIN.api,
    fromIdvId,
  };
}

export function insertDdTask(
  ctx: SandboxContext,
  owner: Owner,
  input: NewDdTask,
  createdAt = ctx.now(),
): DdTask {
  const task: DdTask = {
    id: ctx.state.nextId('dd'),
    owner,
    searchSetting: input.searchSetting,
    targetType: input.searchSetting.type,
    target: input.target,
    searchSources: input.searchSources,
    callbackUrl: input.callbackUrl,
    customerReference: input.customerReference,
    taskOrigin: input.taskOrigin,
    fromIdvId: input.fromIdvId,
    createdAt,
    updatedAt: createdAt,
    completedSources: 0,
    completedAt: null,
    results: {},
    potentialRisk: 0,
    sanctionMatched: false,
    amlSummarization: '',
    nextReviewAt: 0,
    auditStatus: DD_AUDIT_STATUS.pending,
    comment: '',
    auditTime: 0,
    auditor: null,
    commentLogs: [],
    metadata: [],
  };
  ctx.state.ddTasks.set(task.id, task);
  return task;
}

/** D3: all items are validated before any task is created, so a bad item creates nothing. */
export function createDdTasks(
  ctx: SandboxContext,
  owner: Owner,
  body: z.infer<typeof DdCreateBody>,
): DdTask[] {
  const prepared = body.map((item, index) => prepareDdTask(ctx, owner, item, index));
  return prepared.map((input) => insertDdTask(ctx, owner, input));
}

/**
 * Brings a task up to the clock: one source completes per tick since creation. At the last source the
 * risk is computed and the "results generated" callback is emitted at the moment it happened.
 */
export function advanceDdTask(ctx: SandboxContext, task: DdTask, now: number): void {
  if (task.completedAt !== null) return;
  const due = Math.min(
    task.searchSources.length,
    Math.floor((now - task.createdAt) / TIMING.ddSourceTickSeconds),
  );
  completeSources(ctx, task, due, (index) => task.createdAt + (index + 1) * TIMING.ddSourceTickSeconds);
}

/** Finishes every remaining source now (scenario creation), as if the search had run instantly. */
export function finishDdTaskNow(ctx: SandboxContext, task: DdTask): void {
  if (task.completedAt !== null) return;
  const now = ctx.now();
  completeSources(ctx, task, task.searchSources.length, () => now);
}

/** The next moment this task changes by itself, for stepping the clock. */
export function nextDdTickAt(task: DdTask): number | null {
  if (task.completedAt !== null) return null;
  return task.createdAt + (task.completedSources + 1) * TIMING.ddSourceTickSeconds;
}

function completeSources(
  ctx: SandboxContext,
  task: DdTask,
  upTo: number,
  finishedAt: (index: number) => number,
) {
  if (upTo <= task.completedSources) return;
  const subject = subjectNameOf(task);
  for (let index = task.completedSources; index < upTo; index += 1) {
    const source = task.searchSources[index]!;
    const items = sourceHits(subject, task.targetType === 'KYB', source, task.id, finishedAt(index));
    task.results[String(source)] = { hits: items.length, items };
  }
  task.completedSources = upTo;
  task.updatedAt = finishedAt(upTo - 1);
  if (upTo === task.searchSources.length) completeDdTask(ctx, task, task.updatedAt);
}

function completeDdTask(ctx: SandboxContext, task: DdTask, completedAt: number): void {
  task.completedAt = completedAt;
  task.sanctionMatched = (task.results[String(SANCTION_SOURCE)]?.hits ?? 0) > 0;
  task.potentialRisk = potentialRiskFor(subjectNameOf(task), task.searchSources);
  task.amlSummarization = summarize(task);
  task.nextReviewAt = completedAt + TIMING.ddReviewIntervalSeconds;
  ctx.emitCallback(completedAt, 'dd.results_generated', 'dd', task.id, task.callbackUrl, ddSummary(task));
}

function summarize(task: DdTask): string {
  const found = task.searchSources
    .map(
      (source) =>
        [SEARCH_SOURCE_NAME[source] ?? String(source), task.results[String(source)]?.hits ?? 0] as const,
    )
    .filter(([, hits]) => hits > 0);
  const searched = `${task.searchSources.length} source${task.searchSources.length === 1 ? '' : 's'}`;
  if (found.length === 0)
    return `No relevant findings across ${searched}. Potential risk ${task.potentialRisk}.`;
  const list = found.map(([name, hits]) => `${name} (${hits})`).join(', ');
  return `Findings across ${searched}: ${list}. Sanction list match: ${task.sanctionMatched ? 'yes' : 'no'}. Potential risk ${task.potentialRisk}.`;
}

export function ownedDdTask(ctx: SandboxContext, owner: Owner, taskId: number | null): DdTask {
  return ownedTask(ctx.state.ddTasks, owner, taskId, 'search task');
}

/** D1 (and the DD callback payload). */
export function ddSummary(task: DdTask) {
  return {
    task_id: task.id,
    search_setting: { id: task.searchSetting.id, name: task.searchSetting.name },
    target: task.target,
    customer_reference: task.customerReference,
    progress: progressOf(task),
    task_origin: task.taskOrigin,
    creation_time: task.createdAt,
    update_time: task.updatedAt,
    audit_time: task.auditTime,
    report: {},
    metadata: task.metadata.map(({ key, value }) => ({ key, value })),
  };
}

export function progressOf(task: DdTask): number {
  const total = task.searchSources.length;
  return total === 0 ? 100 : Math.floor((task.completedSources / total) * 100);
}

/** D2. */
export function ddDetails(task: DdTask) {
  const lastComment = task.commentLogs.at(-1);
  return {
    task_id: task.id,
    target: task.target,
    search_setting: { id: task.searchSetting.id, name: task.searchSetting.name },
    search_source: task.searchSources,
    callback_url: task.callbackUrl ?? '',
    customer_reference: task.customerReference,
    result: task.results,
    sanction_matched: task.sanctionMatched,
    completed_source: task.completedSources,
    potential_risk: task.potentialRisk,
    audit_status: task.auditStatus,
    comment: task.comment,
    audit_time: task.auditTime,
    auditor_employee_id: task.auditor?.employeeId ?? null,
    auditor_employee_name: task.auditor?.name ?? null,
    auditor_employee_account: task.auditor?.account ?? null,
    employee_id: task.owner.employeeId,
    employee_name: task.owner.name,
    employee_account: task.owner.account,
    creation_time: task.createdAt,
    update_time: task.updatedAt,
    completed_time: task.completedAt ?? 0,
    from_idv_id: task.fromIdvId,
    comment_time: lastComment?.time ?? null,
    comment_employee_id: lastComment ? (task.auditor?.employeeId ?? null) : null,
    comment_employee_name: lastComment ? (task.auditor?.name ?? null) : null,
    comment_employee_account: lastComment?.employee_account ?? null,
    // Details show metadata as an object (later keys win); the summary keeps the appended array (C15).
    metadata: Object.fromEntries(task.metadata.map(({ key, value }) => [key, value])),
    comment_logs: task.commentLogs,
    aml_summarization: task.amlSummarization,
    next_review_at: task.nextReviewAt,
  };
}

/** D4: the decision is final; a second call is a 409 whatever it says. */
export function setAccepted(
  ctx: SandboxContext,
  owner: Owner,
  task: DdTask,
  body: z.infer<typeof DdAcceptedBody>,
) {
  if (task.auditStatus !== DD_AUDIT_STATUS.pending)
    throw conflict('search task has already been accepted or rejected');
  const now = ctx.now();
  task.auditStatus = body.accepted ? DD_AUDIT_STATUS.accepted : DD_AUDIT_STATUS.rejected;
  task.comment = body.comment;
  task.auditTime = now;
  task.auditor = owner;
  task.updatedAt = now;
  task.commentLogs.push({
    comment: body.comment,
    accepted: body.accepted,
    time: now,
    employee_account: owner.account,
  });
  ctx.emitCallback(now, 'dd.accepted_changed', 'dd', task.id, task.callbackUrl, ddSummary(task));
  return { task_id: task.id, comment: body.comment, accepted: body.accepted };
}

export function appendMetadata(ctx: SandboxContext, task: DdTask, body: z.infer<typeof DdMetadataBody>) {
  task.metadata.push(...body.map(({ key, value }) => ({ key, value })));
  task.updatedAt = ctx.now();
  return { code: 0 };
}

/** D6: newest first, 1-based pages; a page past the end is empty rather than an error. */
export function ddHistory(ctx: SandboxContext, owner: Owner, query: z.infer<typeof DdHistoryQuery>) {
  const matching = [...ctx.state.ddTasks.values()]
    .filter((task) => task.owner.apiKey === owner.apiKey)
    .filter(
      (task) => query.customer_reference === undefined || task.customerReference === query.customer_reference,
    )
    .sort((a, b) => b.id - a.id);
  const start = (query.page_number - 1) * query.page_size;
  return {
    data: matching.slice(start, start + query.page_size).map(ddSummary),
    paging: {
      page_number: query.page_number,
      page_size: query.page_size,
      total_count: matching.length,
      total_pages: Math.ceil(matching.length / query.page_size),
    },
  };
}
