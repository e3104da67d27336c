import { type CaseDetail, ROUTES, routePath } from '@backoffice/contracts';
import { Menu } from '@mantine/core';
import { IconFileCertificate, IconFileCode } from '@tabler/icons-react';
import { withQuery } from '../../api/client';
import { useCan } from '../auth/useMe';

/** `GET /api/cases/:id/evidence`: our PDF (the JSON bundle attached) or the bundle alone (docs/evidence-pack.md). */
export function caseEvidenceUrl(caseId: number, format: 'pdf' | 'json'): string {
  return withQuery(routePath(ROUTES.caseEvidencePack, { id: caseId }), { format });
}

/**
 * The case's evidence pack, for whoever reads the audit log (managers, admins): the pack holds the case's
 * audit rows, which analysts do not see. Plain download links, so each export is one audited request.
 */
export function EvidencePackMenuItems({ detail }: { detail: CaseDetail }) {
  const canExport = useCan('audit:read');
  if (!canExport) return null;
  return (
    <>
      <Menu.Divider />
      <Menu.Label>Evidence pack</Menu.Label>
      <Menu.Item
        component="a"
        href={caseEvidenceUrl(detail.id, 'pdf')}
        download
        leftSection={<IconFileCertificate size={16} />}
      >
        Evidence pack (PDF)
      </Menu.Item>
      <Menu.Item
        component="a"
        href={caseEvidenceUrl(detail.id, 'json')}
        download
        leftSection={<IconFileCode size={16} />}
      >
        Evidence bundle (JSON, verifiable)
      </Menu.Item>
    </>
  );
}
