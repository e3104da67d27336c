import { Hono } from 'hono';
import { z } from 'zod';
import type { KryptogoEnv } from './app';
import { DD_TASK_ORIGIN, ERROR_CODE, LIMITS, SEARCH_SOURCES } from './assumptions';
import { finishDdTaskNow, insertDdTask } from './dd';
import { type KryptogoSandboxEngine, MAX_ADVANCE_SECONDS } from './engine';
import { badRequest } from './errors';
import { FaultRequest } from './faults';
import { auditIdvInConsole, completeUserUpload, insertIdvTask, ownedIdvTask } from './idv';
import { createKyaTask, randomEthAddress } from './kya';
import {
  DD_SCENARIOS,
  type DdScenario,
  ddScenarioSubject,
  IDV_SCENARIOS,
  type IdvScenario,
  KYA_SCENARIOS,
} from './scenarios';
import type { Owner } from './state';
import { HttpUrl, parseIdParam, parseJsonBody, parseWith } from './validation';

const CustomerReference = z.string().min(1).max(LIMITS.customerReferenceMaxLength);

const ScenarioRequest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('dd'),
    scenario: z.enum(DD_SCENARIOS),
    count: z.number().int().min(1).max(100).default(1),
    callback_url: HttpUrl.optional(),
    /** One customer's tasks (a re-screening history); by default each task gets its own reference. */
    customer_reference: CustomerReference.optional(),
  }),
  z.strictObject({
    type: z.literal('kya'),
    scenario: z.enum(KYA_SCENARIOS),
    count: z.number().int().min(1).max(100).default(1),
  }),
  z.strictObject({
    type: z.literal('idv'),
    scenario: z.enum(IDV_SCENARIOS),
    count: z.number().int().min(1).max(100).default(1),
    callback_url: HttpUrl.optional(),
    /** Also create a DD task from an accepted result (using the first KYC search setting). */
    auto_create_dd_task: z.boolean().default(false),
    customer_reference: CustomerReference.optional(),
  }),
]);

const AdvanceRequest = z.strictObject({ seconds: z.number().min(0).max(MAX_ADVANCE_SECONDS) });
const PointsRequest = z.strictObject({ balance: z.number().int().min(0) });
const CompleteIdvRequest = z.strictObject({ scenario: z.enum(IDV_SCENARIOS).optional() });
const IdvAuditRequest = z.strictObject({ accepted: z.boolean() });
const CallbackSettingsRequest = z.strictObject({ retries: z.boolean() });
const DeliveriesQuery = z.object({
  task_type: z.enum(['dd', 'idv']).optional(),
  task_id: z.coerce.number().int().positive().optional(),
});

/**
 * Test-only controls, clearly apart from the provider's own routes. Every mutation waits until the
 * callbacks it caused have been attempted once, so a test can assert on deliveries right after.
 */
export function createControlApp(engine: KryptogoSandboxEngine) {
  return new Hono<KryptogoEnv>()
    .get('/clock', (c) => c.json({ now: engine.now() }, 200))
    .post('/clock/advance', async (c) => {
      const { seconds } = await parseJsonBody(c.req.raw, AdvanceRequest);
      const before = engine.callbacks.list().reduce((sum, delivery) => sum + delivery.attempts.length, 0);
      await engine.advance(seconds);
      const after = engine.callbacks.list().reduce((sum, delivery) => sum + delivery.attempts.length, 0);
      return c.json({ now: engine.now(), callback_attempts: after - before }, 200);
    })
    .post('/scenarios', async (c) => {
      const request = await parseJsonBody(c.req.raw, ScenarioRequest);
      const ids = createScenarioTasks(engine, c.get('owner'), request);
      await engine.settle();
      return c.json({ type: request.type, scenario: request.scenario, ids }, 200);
    })
    .post('/idv/:idvId/complete', async (c) => {
      const task = ownedIdvTask(engine, c.get('owner'), parseIdParam(c.req.param('idvId')));
      const { scenario } = await parseJsonBody(c.req.raw, CompleteIdvRequest);
      completeUserUpload(engine, task, scenario ?? null);
      return c.json({ idv_task_id: task.id, result_due_at: task.resultDueAt }, 200);
    })
    .post('/idv/:idvId/audit', async (c) => {
      // Stands in for a reviewer deciding in the KryptoGO console; KryptoGO documents no callback for it.
      const owner = c.get('owner');
      const task = ownedIdvTask(engine, owner, parseIdParam(c.req.param('idvId')));
      const { accepted } = await parseJsonBody(c.req.raw, IdvAuditRequest);
      auditIdvInConsole(engine, task, owner, accepted);
      return c.json({ idv_task_id: task.id, audit_status: task.auditStatus }, 200);
    })
    .get('/points', (c) => c.json({ balance: engine.state.points(c.get('owner')) }, 200))
    .post('/points', async (c) => {
      const { balance } = await parseJsonBody(c.req.raw, PointsRequest);
      engine.state.setPoints(c.get('owner'), balance);
      return c.json({ balance }, 200);
    })
    .get('/faults', (c) => c.json({ data: engine.faults.list() }, 200))
    .post('/faults', async (c) => {
      const request = await parseJsonBody(c.req.raw, FaultRequest);
      return c.json(engine.faults.add(request), 200);
    })
    .delete('/faults', (c) => {
      engine.faults.clear();
      return c.json({ code: 0 }, 200);
    })
    .post('/callbacks/settings', async (c) => {
      const { retries } = await parseJsonBody(c.req.raw, CallbackSettingsRequest);
      engine.callbacks.retriesEnabled = retries;
      return c.json({ retries }, 200);
    })
    .get('/deliveries', (c) => {
      const query = parseWith(DeliveriesQuery, c.req.query(), ERROR_CODE.invalidQuery);
      return c.json(
        { data: engine.callbacks.list({ taskType: query.task_type, taskId: query.task_id }) },
        200,
      );
    })
    .post('/reset', (c) => {
      engine.reset();
      return c.json({ code: 0 }, 200);
    });
}

function firstSetting(engine: KryptogoSandboxEngine, type: 'KYC' | 'KYB') {
  const setting = [...engine.state.searchSettings.values()].find((candidate) => candidate.type === type);
  if (!setting) throw badRequest(`no ${type} search setting is configured`);
  return setting;
}

export function createScenarioTasks(
  engine: KryptogoSandboxEngine,
  owner: Owner,
  request: z.infer<typeof ScenarioRequest>,
): number[] {
  const ids: number[] = [];
  for (let index = 0; index < request.count; index += 1) {
    if (request.type === 'dd')
      ids.push(
        createDdScenarioTask(
          engine,
          owner,
          request.scenario,
          request.callback_url ?? null,
          request.customer_reference,
        ),
      );
    else if (request.type === 'kya') {
      const address = randomEthAddress();
      engine.state.kyaProfiles.set(address, request.scenario);
      ids.push(createKyaTask(engine, owner, { address }, `sandbox-kya-${request.scenario}`).id);
    } else {
      ids.push(
        createIdvScenarioTask(
          engine,
          owner,
          request.scenario,
          request.callback_url ?? null,
          request.auto_create_dd_task,
          request.customer_reference,
        ),
      );
    }
  }
  return ids;
}

function createDdScenarioTask(
  engine: KryptogoSandboxEngine,
  owner: Owner,
  scenario: DdScenario,
  callbackUrl: string | null,
  customerReference?: string,
) {
  const sequence = engine.state.ddTasks.size + 1;
  const subject = ddScenarioSubject(scenario, sequence);
  const task = insertDdTask(engine, owner, {
    searchSetting: firstSetting(engine, subject.isCompany ? 'KYB' : 'KYC'),
    target: subject.isCompany
      ? { company_name: subject.name, country: 'TWN' }
      : { name: subject.name, citizenship: 'TWN' },
    searchSources: [...SEARCH_SOURCES],
    callbackUrl,
    customerReference: customerReference ?? `sandbox-dd-${scenario}-${sequence}`,
    taskOrigin: DD_TASK_ORIGIN.api,
    fromIdvId: 0,
  });
  if (scenario !== 'pending') finishDdTaskNow(engine, task);
  return task.id;
}

function createIdvScenarioTask(
  engine: KryptogoSandboxEngine,
  owner: Owner,
  scenario: IdvScenario,
  callbackUrl: string | null,
  autoCreateDdTask: boolean,
  customerReference?: string,
) {
  const sequence = engine.state.idvTasks.size + 1;
  const awaiting = scenario === 'awaiting_user';
  const task = insertIdvTask(engine, owner, {
    channel: awaiting ? 'web' : 'upload',
    country: 'TWN',
    idType: 'ID_CARD',
    expected: {
      name: `Sandbox Holder ${sequence}`,
      birthday: '1990-06-21',
      idNumber: `A1${String(sequence).padStart(8, '0')}`,
    },
    customerReference: customerReference ?? `sandbox-idv-${scenario}-${sequence}`,
    callbackUrl,
    autoCreateDdTask,
    ddTaskCallbackUrl: callbackUrl,
    ddTaskSearchSettingId: autoCreateDdTask ? firstSetting(engine, 'KYC').id : null,
  });
  task.scenarioOverride = scenario;
  if (!awaiting) {
    // Scenario tasks skip the processing delay: the result is due at once.
    task.uploadedAt = task.createdAt;
    task.resultDueAt = task.createdAt;
  }
  return task.id;
}
