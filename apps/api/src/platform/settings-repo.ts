import { type Orm, settings } from '@backoffice/db';
import { preparedRowBy } from './prepared-repo';

// Settings are read on hot paths (a case entering review reads the SLA default): built once per connection.
const settingByKey = preparedRowBy(settings, settings.key, 'key');

/** A JSON value stored in `settings` under `key`, if there is a row. */
export function findSetting(db: Orm, key: string) {
  return settingByKey(db).get({ key });
}

/**
 * The setting under `key` read through `schema`; a missing or unreadable row falls back to `fallback`
 * (so a bad row written by hand never stops the policy from answering).
 */
export function readSetting<T>(
  db: Orm,
  key: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  fallback: T,
): T {
  const row = findSetting(db, key);
  if (!row) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Stores `value` as JSON under `key`, inserting the row or replacing what it held. */
export function writeSetting(tx: Orm, key: string, value: unknown, userId: string, now: number): void {
  const text = JSON.stringify(value);
  tx.insert(settings)
    .values({ key, value: text, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: text, updatedBy: userId, updatedAt: now } })
    .run();
}
