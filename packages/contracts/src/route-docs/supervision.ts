import { z } from 'zod';
import { AuditExportQuery, AuditListResponse, AuditQuery, AuditVerifyResponse } from '../audit';
import { DashboardQuery, DashboardResponse } from '../dashboard';
import {
  DriftDecisionRequest,
  DriftListQuery,
  DriftListResponse,
  DriftResolveRequest,
  DriftView,
} from '../drift';
import {
  QaItemDetail,
  QaListQuery,
  QaListResponse,
  QaOutcomeRequest,
  QaSamplerRun,
  QaSamplingSettings,
} from '../qa';
import {
  IdParam,
  idempotentChange,
  jsonChange,
  jsonContent,
  pathRead,
  queryRead,
  refusals,
  settingsDocs,
} from './shapes';

const QaSamplingSchema = QaSamplingSettings.meta({ id: 'QaSamplingSettings' });
const QaItemDetailSchema = QaItemDetail.meta({ id: 'QaItemDetail' });
const DriftViewSchema = DriftView.meta({ id: 'DriftView' });

const qaSampling = settingsDocs(
  'Supervision',
  QaSamplingSchema,
  {
    summary: 'QA sampling: rate per provider and kind, every reversal, every high-risk approval',
    inForce: 'The sampling in force',
  },
  {
    summary: 'Change the QA sampling (audited); applies to cases closed from now on',
    saved: jsonContent(QaSamplingSchema, 'The new sampling'),
  },
);

/** The audit log, the dashboard, quality assurance and drift: what managers read to supervise the team. */
export const supervisionRouteDocs = {
  auditList: {
    tag: 'Audit',
    summary: 'The audit log, newest first, filtered and paged by a keyset cursor (nextBefore)',
    ...queryRead(
      AuditQuery,
      jsonContent(AuditListResponse.meta({ id: 'AuditListResponse' }), 'One page of audit entries'),
    ),
  },
  auditExport: {
    tag: 'Audit',
    summary:
      'Every audit entry matching the filters as a CSV download (streamed); the export is itself audited',
    ...queryRead(
      AuditExportQuery,
      { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } },
      refusals(400, 403),
    ),
  },
  auditVerify: {
    tag: 'Audit',
    summary: 'Walks the hash chain and reports the first row that was altered, removed or re-linked',
    responses: {
      200: jsonContent(AuditVerifyResponse.meta({ id: 'AuditVerifyResponse' }), 'Verification result'),
    },
  },

  dashboard: {
    tag: 'Supervision',
    summary: 'Supervision figures for a range of UTC days (at most 366): flow, backlog, decisions, health',
    ...queryRead(
      DashboardQuery,
      jsonContent(DashboardResponse.meta({ id: 'DashboardResponse' }), 'Dashboard figures'),
    ),
  },

  qaItemList: {
    tag: 'Supervision',
    summary: 'The QA queue: sampled closed cases, newest first, with filters',
    ...queryRead(
      QaListQuery,
      jsonContent(QaListResponse.meta({ id: 'QaListResponse' }), 'A page of QA items'),
    ),
  },
  qaItem: {
    tag: 'Supervision',
    summary: 'One QA item with the reviewer note',
    ...pathRead(IdParam, jsonContent(QaItemDetailSchema, 'The QA item'), refusals(404)),
  },
  qaOutcome: {
    tag: 'Supervision',
    summary: 'Agree or disagree with a sampled decision (audited; a disagreement flags the case)',
    description:
      'Refused with 403 `qa_own_decision` to anyone who requested or approved an action on the case, and with ' +
      '409 `qa_already_reviewed` once the item has an outcome. Needs an Idempotency-Key.',
    ...idempotentChange(IdParam, QaOutcomeRequest, jsonContent(QaItemDetailSchema, 'The reviewed item')),
  },
  qaSettings: qaSampling.read,
  qaSettingsSave: qaSampling.save,
  qaSamplerRun: {
    tag: 'Supervision',
    summary: 'Sample the cases closed since the last run now (the sampler also runs periodically)',
    responses: { 200: jsonContent(QaSamplerRun.meta({ id: 'QaSamplerRun' }), 'What the run did') },
  },

  driftList: {
    tag: 'Supervision',
    summary: 'Cases whose provider state diverges from our decision, newest first',
    ...queryRead(
      DriftListQuery,
      jsonContent(DriftListResponse.meta({ id: 'DriftListResponse' }), 'A page of drifts'),
    ),
  },
  driftResolve: {
    tag: 'Supervision',
    summary: "Accept the provider's state, or push our decision to the provider again (audited)",
    description:
      'A resolution that reverses a decision (four-eyes settings) waits for a second manager ' +
      '(`awaiting_approval`). Pushing ours is refused with 409 `transition_not_allowed` where the provider cannot ' +
      'take it (a local decision; an audited KryptoGO DD task). Needs an Idempotency-Key.',
    ...idempotentChange(
      IdParam,
      DriftResolveRequest,
      jsonContent(DriftViewSchema, 'The drift after the request'),
    ),
  },
  driftDecision: {
    tag: 'Supervision',
    summary: 'A second manager approves or rejects a resolution awaiting approval',
    ...jsonChange(
      IdParam,
      DriftDecisionRequest,
      jsonContent(DriftViewSchema, 'The drift after the decision'),
    ),
  },
};
