import type { Provider } from '@backoffice/contracts';
import { providerAuditContext } from '../../modules/audit/emit';
import { insertProviderCase } from '../../modules/cases/writes';
import { type IngestResult, ingest, unmoved } from '../../modules/ingestion/pipeline';
import { findProviderCase } from '../../modules/ingestion/repo';
import type { AppDeps } from '../../platform/deps';
import type { ProviderAdapter } from '../../providers/types';

/*
 * A provider that exists only in tests: everything a new provider needs on the API side is this file plus
 * one registry line (here `registerProvider`, as the test has no folder under providers/ to list). It
 * pushes checks like Ditto does and is decided locally.
 */

export const FAKE_PROVIDER = 'fakecheck';
export const FAKE_KIND = 'kyc_check';

export const fakeAdapter: ProviderAdapter = {
  provider: FAKE_PROVIDER,
  decisionChannels: { [FAKE_KIND]: 'local' },
  view: () => null,
};

export interface FakeCheck {
  eventId: string;
  checkId: string;
  subjectName: string;
  score: number;
}

/** The fake's ingress: one pushed check becomes a case in review, through the shared ingestion path. */
export function ingestFakeCheck(deps: AppDeps, check: FakeCheck, requestId: string): IngestResult {
  const now = deps.now();
  return ingest(deps, {
    event: {
      provider: FAKE_PROVIDER,
      eventId: check.eventId,
      eventType: 'check.completed',
      externalId: check.checkId,
      providerEventAt: now,
    },
    apply(tx) {
      if (findProviderCase(tx, FAKE_PROVIDER, check.checkId)) return unmoved('unchanged', null);
      const row = insertProviderCase(
        tx,
        {
          provider: FAKE_PROVIDER,
          kind: FAKE_KIND,
          externalId: check.checkId,
          subjectName: check.subjectName,
          status: 'needs_review',
          providerStatus: 'completed',
          riskScore: check.score,
          riskBand: null,
          warningCount: 0,
          payload: JSON.stringify({ score: check.score }),
          createdAt: now,
          providerEventAt: now,
        },
        // A provider of this test only: not in the contracts' Provider list the audit actor is typed by.
        { context: providerAuditContext(FAKE_PROVIDER as Provider, requestId) },
        now,
      );
      return { outcome: 'applied', caseId: row.id, status: row.status, version: row.version };
    },
  });
}
