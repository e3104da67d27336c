import { createHash } from 'node:crypto';
import { type AuditRowContent, auditRowHash } from '@backoffice/db';
import { z } from 'zod';
import { EVIDENCE_BUNDLE_FORMAT, EVIDENCE_BUNDLE_VERSION } from './bundle';

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const Id = z.number().int().positive();

/** Only what the check needs is validated; the rest of the bundle (the case) is not covered by the chain. */
const VerifiableBundle = z.object({
  format: z.literal(EVIDENCE_BUNDLE_FORMAT),
  version: z.literal(EVIDENCE_BUNDLE_VERSION),
  case: z.object({ id: Id }).loose(),
  auditRows: z.array(z.object({ id: Id, prevHash: Hash, hash: Hash }).loose()),
  links: z.array(z.object({ fromId: Id, hashes: z.array(Hash).min(1) })),
  chainHead: z.object({ id: Id, hash: Hash }),
});

export type EvidenceVerification =
  | {
      ok: true;
      caseId: number;
      rows: number;
      linkedRows: number;
      head: { id: number; hash: string };
      sha256: string;
    }
  | { ok: false; rowId: number | null; reason: string; sha256: string };

/**
 * Checks a bundle offline: every exported row's hash is recomputed from its content and its prev_hash
 * exactly as the audit writer computes it, every row links to the one before it (an exported row or a
 * listed hash of another case's row), ids run without gaps, and the walk ends on the chain head.
 */
export function verifyEvidenceBundle(text: string): EvidenceVerification {
  const sha256 = createHash('sha256').update(text).digest('hex');
  const fail = (rowId: number | null, reason: string): EvidenceVerification => ({
    ok: false,
    rowId,
    reason,
    sha256,
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(null, 'the file is not JSON');
  }
  const parsed = VerifiableBundle.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return fail(
      rowIdAt(json, issue?.path),
      `not an evidence bundle: ${where ? `${where}: ` : ''}${issue?.message}`,
    );
  }
  const bundle = parsed.data;
  type Step = { id: number; row?: (typeof bundle.auditRows)[number]; hash?: string };
  const steps: Step[] = [
    ...bundle.auditRows.map((row) => ({ id: row.id, row })),
    ...bundle.links.flatMap((link) => link.hashes.map((hash, index) => ({ id: link.fromId + index, hash }))),
  ].sort((a, b) => a.id - b.id);
  if (steps.length === 0) return fail(null, 'the bundle holds no audit rows');

  let previous: Step | undefined;
  for (const step of steps) {
    if (previous && step.id !== previous.id + 1) {
      return step.id === previous.id
        ? fail(step.id, 'appears twice in the bundle')
        : fail(previous.id + 1, 'is missing from the bundle (neither a row nor a link hash)');
    }
    const previousHash = previous?.row?.hash ?? previous?.hash;
    if (step.row) {
      const { hash, prevHash, ...content } = step.row;
      if (previousHash !== undefined && prevHash !== previousHash) {
        return fail(
          step.id,
          `its prev_hash does not match the hash of row ${step.id - 1}: the chain is re-linked`,
        );
      }
      if (auditRowHash(prevHash, content as unknown as AuditRowContent) !== hash) {
        return fail(step.id, 'its content does not match its hash: the row was altered');
      }
      if ((content as { caseId?: unknown }).caseId !== bundle.case.id) {
        return fail(step.id, `it is not a row of case ${bundle.case.id}`);
      }
    }
    previous = step;
  }
  const last = steps.at(-1) as Step;
  if (last.id !== bundle.chainHead.id || (last.row?.hash ?? last.hash) !== bundle.chainHead.hash) {
    return fail(bundle.chainHead.id, 'the chain head does not match the last row of the bundle');
  }
  return {
    ok: true,
    caseId: bundle.case.id,
    rows: bundle.auditRows.length,
    linkedRows: steps.length - bundle.auditRows.length,
    head: bundle.chainHead,
    sha256,
  };
}

/** The id of the audit row a schema issue points into, when it does. */
function rowIdAt(json: unknown, path: readonly PropertyKey[] | undefined): number | null {
  if (path?.[0] !== 'auditRows' || typeof path[1] !== 'number') return null;
  const rows = (json as { auditRows?: unknown[] }).auditRows;
  const id = (rows?.[path[1]] as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? id : null;
}
