import { type MetadataEntry, SetMetadataRequest } from '@backoffice/contracts';

export interface DraftRow {
  /** Stable id for React; not sent. */
  rowId: string;
  /** The key as stored, null for a new row. */
  originalKey: string | null;
  key: string;
  value: string;
  removed: boolean;
}

export function draftFrom(entries: MetadataEntry[]): DraftRow[] {
  return entries.map((entry) => ({
    rowId: `k:${entry.key}`,
    originalKey: entry.key,
    key: entry.key,
    value: entry.value,
    removed: false,
  }));
}

export type DraftResult =
  | { ok: true; request: SetMetadataRequest | null }
  | { ok: false; rowErrors: Record<string, string>; formError: string | null };

/**
 * Turns the edited rows into a `SetMetadataRequest` (renames become remove + set), validated with the
 * contract schema plus the rules it cannot see: no duplicate keys. `request` is null when nothing changed.
 */
export function buildMetadataRequest(rows: DraftRow[], stored: MetadataEntry[]): DraftResult {
  const storedByKey = new Map(stored.map((entry) => [entry.key, entry.value]));
  const rowErrors: Record<string, string> = {};
  const seen = new Map<string, string>();
  const entries: SetMetadataRequest['entries'] = [];

  for (const row of rows) {
    const key = row.key.trim();
    if (row.removed) {
      if (row.originalKey !== null) entries.push({ key: row.originalKey, value: null });
      continue;
    }
    if (seen.has(key)) {
      rowErrors[row.rowId] = `The key “${key}” is used twice.`;
      continue;
    }
    seen.set(key, row.rowId);
    if (row.originalKey !== null && row.originalKey !== key)
      entries.push({ key: row.originalKey, value: null });
    if (row.originalKey !== key || storedByKey.get(key) !== row.value)
      entries.push({ key, value: row.value });
  }
  // A key removed in one row and reused in another is a set, not a removal.
  const finalEntries = entries.filter(
    (entry, index) =>
      !(
        entry.value === null &&
        entries.some((other, j) => j !== index && other.key === entry.key && other.value !== null)
      ),
  );
  if (Object.keys(rowErrors).length > 0) return { ok: false, rowErrors, formError: null };
  if (finalEntries.length === 0) return { ok: true, request: null };

  const parsed = SetMetadataRequest.safeParse({ entries: finalEntries });
  if (parsed.success) return { ok: true, request: parsed.data };
  let formError: string | null = null;
  for (const issue of parsed.error.issues) {
    const [field, index, prop] = issue.path;
    if (field === 'entries' && typeof index === 'number') {
      const entry = finalEntries[index];
      const row = rows.find((candidate) => !candidate.removed && candidate.key.trim() === entry?.key);
      const message =
        prop === 'key' && issue.code === 'too_small'
          ? 'Enter a key.'
          : prop === 'key' && issue.code === 'too_big'
            ? 'Keys are at most 64 characters.'
            : prop === 'value'
              ? 'Values are at most 1,000 characters.'
              : issue.message;
      if (row) rowErrors[row.rowId] ??= message;
      else formError = message;
    } else {
      formError = field === 'entries' ? 'At most 50 changes can be saved at once.' : issue.message;
    }
  }
  return { ok: false, rowErrors, formError };
}
