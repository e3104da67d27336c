import { createHash } from 'node:crypto';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { adapterFor } from '../../providers/registry';
import { actorAuditContext, emitAudit } from '../audit/emit';
import { getCaseDetail, getCaseMedia, type Viewer } from '../cases/service';
import {
  EVIDENCE_BUNDLE_FORMAT,
  EVIDENCE_BUNDLE_VERSION,
  type EvidenceBundle,
  readChainExtract,
} from './bundle';
import { type PackImage, renderEvidencePdf } from './pdf';
import { thresholdsAtDecision } from './thresholds';

export const EVIDENCE_EXPORTED_ACTION = 'case.evidence_exported';
export type EvidenceFormat = 'pdf' | 'json';

export interface EvidencePack {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The evidence pack of one case (docs/evidence-pack.md): the JSON bundle, or our PDF with the bundle
 * attached. The case is read the way its page reads it (so the opening is audited as a view), images come
 * through the same audited media path, and the export itself is audited with the pack's hash.
 */
export async function produceEvidencePack(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  format: EvidenceFormat,
): Promise<EvidencePack> {
  const detail = await getCaseDetail(deps, id, viewer);
  const images = format === 'pdf' ? await packImages(deps, viewer, detail) : [];
  const exportedAt = new Date(deps.now()).toISOString();
  const extract = readChainExtract(deps.db, id);
  const bundle: EvidenceBundle = {
    format: EVIDENCE_BUNDLE_FORMAT,
    version: EVIDENCE_BUNDLE_VERSION,
    exportedAt,
    exportedBy: { id: viewer.user.id, name: viewer.user.name, role: viewer.user.role },
    case: detail,
    thresholds: thresholdsAtDecision(deps.db, detail, exportedAt),
    ...extract,
  };
  const json = `${JSON.stringify(bundle, null, 2)}\n`;
  const bundleSha256 = sha256(json);
  const bytes =
    format === 'pdf'
      ? new Uint8Array(await renderEvidencePdf(bundle, json, bundleSha256, images))
      : Buffer.from(json);
  writeTransaction(deps.db, (tx) =>
    emitAudit(tx, actorAuditContext(viewer), {
      action: EVIDENCE_EXPORTED_ACTION,
      caseId: detail.id,
      provider: detail.provider,
      externalId: detail.externalId,
      after: {
        format,
        sha256: sha256(bytes),
        bundleSha256,
        bytes: bytes.byteLength,
        auditRows: bundle.auditRows.length,
        chainHeadId: bundle.chainHead.id,
      },
      at: deps.now(),
    }),
  );
  return {
    bytes,
    contentType: format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8',
    filename: `case-${detail.id}-evidence.${format}`,
  };
}

/** Every image the case page could show, each fetched (and audited) through the case media path. */
async function packImages(
  deps: AppDeps,
  viewer: Viewer,
  detail: Awaited<ReturnType<typeof getCaseDetail>>,
): Promise<PackImage[]> {
  const wanted = adapterFor(detail.provider)?.evidence?.images?.(detail) ?? [];
  const images: PackImage[] = [];
  for (const { key, label } of wanted) {
    try {
      const media = await getCaseMedia(deps, viewer, detail.id, key);
      images.push({ key, label, bytes: media.bytes });
    } catch (error) {
      // An image the provider never sent is simply absent; one it could not serve is named as missing.
      if (error instanceof AppError && error.status === 404) continue;
      if (!(error instanceof AppError)) throw error;
      images.push({ key, label, error: `not in the pack: ${error.message}` });
    }
  }
  return images;
}
