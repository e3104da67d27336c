import type { MetadataEntry } from '@backoffice/contracts';
import { describe, expect, it } from 'vitest';
import { buildMetadataRequest, type DraftRow, draftFrom } from './metadataDraft';

const stored: MetadataEntry[] = [
  { key: 'ticket', value: 'TCK-1', updatedBy: { id: 'u', name: 'U' }, updatedAt: '2026-03-02T10:00:00.000Z' },
  { key: 'source', value: 'web', updatedBy: { id: 'u', name: 'U' }, updatedAt: '2026-03-02T10:00:00.000Z' },
];
const row = (patch: Partial<DraftRow>): DraftRow => ({
  rowId: `new:${Math.random()}`,
  originalKey: null,
  key: '',
  value: '',
  removed: false,
  ...patch,
});

describe('metadata editor draft', () => {
  it('sends nothing when nothing changed', () => {
    expect(buildMetadataRequest(draftFrom(stored), stored)).toEqual({ ok: true, request: null });
  });

  it('sends edits, additions, removals, and a rename as remove + set', () => {
    const rows = draftFrom(stored);
    rows[0]!.value = 'TCK-2';
    rows[1]!.key = 'channel';
    rows.push(row({ key: 'risk.note', value: 'ok' }));
    const result = buildMetadataRequest(rows, stored);
    expect(result).toEqual({
      ok: true,
      request: {
        entries: [
          { key: 'ticket', value: 'TCK-2' },
          { key: 'source', value: null },
          { key: 'channel', value: 'web' },
          { key: 'risk.note', value: 'ok' },
        ],
      },
    });
    const removed = draftFrom(stored);
    removed[1]!.removed = true;
    expect(buildMetadataRequest(removed, stored)).toEqual({
      ok: true,
      request: { entries: [{ key: 'source', value: null }] },
    });
  });

  it('rejects keys the contract refuses and duplicate keys, per row', () => {
    const bad = row({ rowId: 'bad', key: 'bad key!', value: 'x' });
    const empty = row({ rowId: 'empty', key: '  ', value: 'x' });
    const result = buildMetadataRequest([...draftFrom(stored), bad, empty], stored);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rowErrors.bad).toBe('Letters, digits, dot, dash and underscore only.');
      expect(result.rowErrors.empty).toBe('Enter a key.');
    }
    const duplicate = row({ rowId: 'dup', key: 'ticket', value: 'again' });
    const dupResult = buildMetadataRequest([...draftFrom(stored), duplicate], stored);
    expect(dupResult).toEqual({
      ok: false,
      rowErrors: { dup: 'The key “ticket” is used twice.' },
      formError: null,
    });
  });
});
