import { AUDIT_ACTIONS } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';
import { auditActionOptions } from './auditActions';
import { parseAuditSearch, toApiSearch, toAuditParams } from './auditSearchParams';

describe('audit filters in the URL', () => {
  it('round-trips every filter through the URL', () => {
    const search = {
      actorId: 'user-1',
      action: 'case.action_requested',
      caseId: '41',
      provider: 'didit',
      from: '2026-03-01',
      to: '2026-03-02',
    };
    const params = toAuditParams(search);
    expect(params.toString()).toBe(
      'actorId=user-1&action=case.action_requested&caseId=41&provider=didit&from=2026-03-01&to=2026-03-02',
    );
    expect(parseAuditSearch(params)).toEqual(search);
  });

  it('drops invalid values from hand-edited links and orders a reversed date range', () => {
    const parsed = parseAuditSearch(
      new URLSearchParams('caseId=abc&provider=nope&from=2026-03-05&to=2026-03-01&action=%20&limit=5'),
    );
    expect(parsed).toEqual({ from: '2026-03-01', to: '2026-03-05' });
  });

  it('keeps only an action from the typed list, and offers every one of them in the filter', () => {
    expect(parseAuditSearch(new URLSearchParams('action=case.approved'))).toEqual({});
    expect(parseAuditSearch(new URLSearchParams('action=case.flagged'))).toEqual({ action: 'case.flagged' });
    const offered = auditActionOptions().flatMap((group) => group.items.map((item) => item.value));
    expect(offered.toSorted()).toEqual([...AUDIT_ACTIONS].toSorted());
    expect(auditActionOptions().find((group) => group.group === 'Cases')?.items[0]).toEqual({
      value: 'case.created',
      label: 'Case created',
    });
  });

  it('sends whole local days to the API (the "to" day is included)', () => {
    const api = toApiSearch({ from: '2026-03-01', to: '2026-03-01' });
    expect(new Date(api.from!).getTime()).toBe(new Date('2026-03-01T00:00:00').getTime());
    expect(new Date(api.to!).getTime()).toBe(new Date('2026-03-01T23:59:59.999').getTime());
  });
});
