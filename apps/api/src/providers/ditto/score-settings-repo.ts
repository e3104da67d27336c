import type { DittoScoreSettings } from '@backoffice/contracts';
import { type Orm, settings } from '@backoffice/db';
import { eq } from 'drizzle-orm';
import { findSetting } from '../../platform/settings-repo';

/** Ditto's minimum scores live in `settings` under one key, as JSON. */
const KEY = 'ditto.min_scores';

export function readDittoScores(tx: Orm): DittoScoreSettings | null {
  const stored = findSetting(tx, KEY);
  return stored ? (JSON.parse(stored.value) as DittoScoreSettings) : null;
}

/** Writes the seed only when no value is stored yet; returns whether it did. */
export function insertDittoScoresIfMissing(tx: Orm, value: DittoScoreSettings, now: number): boolean {
  const result = tx
    .insert(settings)
    .values({ key: KEY, value: JSON.stringify(value), updatedBy: null, updatedAt: now })
    .onConflictDoNothing()
    .run();
  return result.changes > 0;
}

export function writeDittoScores(tx: Orm, value: DittoScoreSettings, userId: string, now: number): void {
  tx.update(settings)
    .set({ value: JSON.stringify(value), updatedBy: userId, updatedAt: now })
    .where(eq(settings.key, KEY))
    .run();
}
