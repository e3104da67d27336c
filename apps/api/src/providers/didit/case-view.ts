import { type CaseView, DiditMediaKey } from '@backoffice/contracts';
import type { CaseRow } from '@backoffice/db';
import { decisionToView, mediaUrlFor } from '@backoffice/providers/didit';
import { ProviderError } from '@backoffice/providers/http';
import { MediaFetchRefused } from '@backoffice/providers/media-fetch';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import type { MediaFile } from '../types';
import { storedDecision } from './policy';

/** The Didit panel: the stored decision with the thresholds of the workflow it ran. */
export async function diditView(deps: AppDeps, row: CaseRow): Promise<CaseView | null> {
  const decision = storedDecision(row);
  if (!decision) return null;
  const thresholds = row.workflowId ? await deps.didit.thresholdsFor(row.workflowId) : null;
  return decisionToView(decision, thresholds);
}

/**
 * Streams a case image through the API: Didit's media URLs are presigned and expire, so a stale URL
 * is refreshed once by re-reading the decision rather than stored.
 */
export async function diditMedia(deps: AppDeps, row: CaseRow, rawKey: string): Promise<MediaFile> {
  const key = DiditMediaKey.safeParse(rawKey);
  if (!key.success) throw new AppError(400, 'invalid_media_key', `Unknown image "${rawKey}".`);
  const id = row.id;
  const decision = storedDecision(row);
  const storedUrl = decision ? mediaUrlFor(decision, key.data) : null;
  if (!storedUrl) throw notFound(`Image ${key.data} of case ${id}`);
  try {
    return await deps.didit.client.fetchMedia(storedUrl);
  } catch (error) {
    // A URL this server refuses to fetch stays refused: re-reading would only hide where it pointed.
    if (error instanceof MediaFetchRefused) throw mediaRefused(deps, error, row.id);
    let freshUrl: string | null;
    try {
      freshUrl = mediaUrlFor(await deps.didit.client.getDecision(row.externalId), key.data);
    } catch (refreshError) {
      throw mediaUnavailable(refreshError, key.data, id);
    }
    if (!freshUrl || freshUrl === storedUrl) throw mediaUnavailable(error, key.data, id);
    try {
      return await deps.didit.client.fetchMedia(freshUrl);
    } catch (freshError) {
      if (freshError instanceof MediaFetchRefused) throw mediaRefused(deps, freshError, row.id);
      throw mediaUnavailable(freshError, key.data, id);
    }
  }
}

/** 502: the provider's payload named media this server will not fetch (internal, unlisted, oversized). */
function mediaRefused(deps: AppDeps, error: MediaFetchRefused, caseId: number): AppError {
  // The detail names a host or a limit, never the URL's path or query (a presigned credential).
  deps.logger.warn({ caseId, refusal: error.refusal, detail: error.detail }, 'provider media URL refused');
  if (error.refusal === 'too_large') {
    return new AppError(
      502,
      'media_too_large',
      'The provider sent an image larger than this server accepts.',
    );
  }
  return new AppError(
    502,
    'media_url_refused',
    'The provider gave an image address this server does not fetch from (not an allowed media host).',
  );
}

function mediaUnavailable(error: unknown, key: string, caseId: number): AppError {
  if (error instanceof ProviderError && !error.retryable && (error.status === 404 || error.status === 403))
    return notFound(`Image ${key} of case ${caseId}`);
  return new AppError(
    502,
    'provider_unavailable',
    'The provider could not serve the image right now; try again shortly.',
  );
}

/** Didit's PDF report of the session, fetched fresh (it holds personal data, so it is not stored). */
export async function diditReport(deps: AppDeps, row: CaseRow): Promise<MediaFile> {
  try {
    return await deps.didit.client.generatePdf(row.externalId);
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable && error.status === 404)
      throw notFound('The report');
    throw new AppError(
      502,
      'provider_unavailable',
      'The provider could not produce the report right now; try again shortly.',
    );
  }
}
