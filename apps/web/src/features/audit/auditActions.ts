import { AUDIT_ACTIONS, type AuditAction } from '@backoffice/contracts';
import { humanizeCode } from '../../components/format';

const GROUP_LABELS: Record<string, string> = {
  auth: 'Sign-in',
  user: 'Staff accounts',
  case: 'Cases',
  kryptogo: 'KryptoGO',
  workflow: 'Didit workflows',
  settings: 'Settings',
  audit: 'Audit log',
  system: 'System',
};

/** The audit filter's choices: exactly the actions the API writes (the typed list in the contracts). */
export function auditActionOptions(): { group: string; items: { value: AuditAction; label: string }[] }[] {
  const groups = new Map<string, { value: AuditAction; label: string }[]>();
  for (const action of AUDIT_ACTIONS) {
    const prefix = action.slice(0, action.indexOf('.'));
    const group = GROUP_LABELS[prefix] ?? humanizeCode(prefix);
    groups.set(group, [...(groups.get(group) ?? []), { value: action, label: humanizeCode(action) }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}
