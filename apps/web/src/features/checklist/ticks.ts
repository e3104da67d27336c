import type { ReviewItem } from '@backoffice/contracts';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

/*
 * Ticks before the decision live in this browser tab (session storage, per case): they are the reviewer's
 * working notes until the decision carries them to the server, which stores them with the action. A tick
 * never leaves the tab on its own, so closing it loses only unsent ticks, like an unsent note.
 */

const storageKey = (caseId: number) => `review-checklist:${caseId}`;
const listeners = new Set<() => void>();

function read(caseId: number): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey(caseId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
  } catch {
    return [];
  }
}

// One array per stored string, so useSyncExternalStore sees the same snapshot until something changes.
const snapshots = new Map<number, { raw: string | null; keys: string[] }>();
function snapshot(caseId: number): string[] {
  const raw = sessionStorage.getItem(storageKey(caseId));
  const cached = snapshots.get(caseId);
  if (cached && cached.raw === raw) return cached.keys;
  const keys = read(caseId);
  snapshots.set(caseId, { raw, keys });
  return keys;
}

function write(caseId: number, keys: readonly string[]): void {
  try {
    if (keys.length === 0) sessionStorage.removeItem(storageKey(caseId));
    else sessionStorage.setItem(storageKey(caseId), JSON.stringify(keys));
  } catch {
    // Storage full or blocked: the ticks still travel with this page's decision through the snapshot.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The keys ticked on this case that are still on its checklist (an item gone since is dropped). */
export function tickedKeys(caseId: number, items: readonly ReviewItem[]): string[] {
  const known = new Set(items.map((item) => item.key));
  return snapshot(caseId).filter((key) => known.has(key));
}

/** After a decision took the ticks, the next decision on this case starts from a clean list. */
export function clearTicks(caseId: number): void {
  write(caseId, []);
}

export function useReviewTicks(caseId: number, items: readonly ReviewItem[]) {
  const stored = useSyncExternalStore(subscribe, () => snapshot(caseId));
  const ticked = useMemo(() => {
    const known = new Set(items.map((item) => item.key));
    return new Set(stored.filter((key) => known.has(key)));
  }, [stored, items]);
  const toggle = useCallback(
    (key: string, checked: boolean) => {
      const next = new Set(snapshot(caseId));
      if (checked) next.add(key);
      else next.delete(key);
      write(caseId, [...next]);
    },
    [caseId],
  );
  return { ticked, toggle };
}
