/**
 * Which cases this tab changed a moment ago. The open case announces a newer version of itself
 * ("This case was just updated") so a reviewer notices someone else's change; the reviewer's own
 * claim, comment or decision must not announce itself. An action can bump the version more than
 * once (the request, then the provider's answer through the outbox), so a change is remembered for a
 * short window rather than for one version.
 */
const OWN_CHANGE_WINDOW_MS = 15_000;

const changedAt = new Map<number, number>();

export function noteOwnChange(caseId: number, now = Date.now()): void {
  changedAt.set(caseId, now);
}

export function isOwnRecentChange(caseId: number, now = Date.now()): boolean {
  const at = changedAt.get(caseId);
  if (at === undefined) return false;
  if (now - at > OWN_CHANGE_WINDOW_MS) {
    changedAt.delete(caseId);
    return false;
  }
  return true;
}
