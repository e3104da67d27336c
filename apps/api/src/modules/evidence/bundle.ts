import type { CaseDetail } from '@backoffice/contracts';
import type { auditLog, Db } from '@backoffice/db';
import { auditChainHead, caseAuditRows, namesAndRoles } from './repo';
import type { ThresholdsAtDecision } from './thresholds';

export const EVIDENCE_BUNDLE_FORMAT = 'backoffice-evidence-bundle';
export const EVIDENCE_BUNDLE_VERSION = 1;

/** One audit row exactly as stored (`before`/`after` are the canonical JSON strings the hash covers). */
export type ExportedAuditRow = typeof auditLog.$inferSelect;

/**
 * The hashes of the rows of other cases that sit between two exported rows (or after the last one, up
 * to the head): `hashes[0]` is the hash of row `fromId`, `hashes[1]` of row `fromId + 1`, and so on.
 * Their content stays out of the pack; see docs/evidence-pack.md for what this lets a verifier check.
 */
export interface ChainLink {
  fromId: number;
  hashes: string[];
}

export interface EvidenceBundle {
  format: typeof EVIDENCE_BUNDLE_FORMAT;
  version: typeof EVIDENCE_BUNDLE_VERSION;
  exportedAt: string;
  exportedBy: { id: string; name: string; role: string };
  case: CaseDetail;
  thresholds: ThresholdsAtDecision;
  /** Display names of the users the audit rows name (not part of any hash). */
  actors: Record<string, { name: string; role: string }>;
  auditRows: ExportedAuditRow[];
  links: ChainLink[];
  /** The last row of the whole chain when the pack was read. */
  chainHead: { id: number; hash: string };
}

export interface ChainExtract {
  auditRows: ExportedAuditRow[];
  links: ChainLink[];
  chainHead: { id: number; hash: string };
  actors: EvidenceBundle['actors'];
}

/**
 * The case's audit rows, the hashes linking them to each other and to the head, and the head, read in
 * one transaction so that rows another process appends meanwhile cannot tear the picture.
 */
export function readChainExtract(db: Db, caseId: number): ChainExtract {
  return db.sqlite.transaction((): ChainExtract => {
    const auditRows = caseAuditRows(db, caseId);
    const head = auditChainHead(db);
    const chainHead = head ?? { id: 0, hash: '' };
    const hashesBetween = db.sqlite
      .prepare('SELECT hash FROM audit_log WHERE id > ? AND id < ? ORDER BY id')
      .pluck();
    const links: ChainLink[] = [];
    auditRows.forEach((row, index) => {
      const nextId = auditRows[index + 1]?.id ?? chainHead.id + 1;
      if (nextId > row.id + 1) {
        links.push({ fromId: row.id + 1, hashes: hashesBetween.all(row.id, nextId) as string[] });
      }
    });
    const actorIds = [
      ...new Set(auditRows.flatMap((row) => (row.actorType === 'user' && row.actorId ? [row.actorId] : []))),
    ];
    const actors: ChainExtract['actors'] = {};
    if (actorIds.length > 0) {
      for (const user of namesAndRoles(db, actorIds)) {
        actors[user.id] = { name: user.name, role: user.role };
      }
    }
    return { auditRows, links, chainHead, actors };
  })();
}
