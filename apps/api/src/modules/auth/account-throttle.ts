import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Per-account sign-in backoff, so one account cannot be guessed from many addresses (the per-address
 * limit alone lets a botnet try 10 passwords per address).
 *
 * - The first FREE_FAILURES failures of an account cost nothing (typos). After that, each attempt must
 *   wait BASE × 2^(extra failures) since the last failure, capped at MAX, and an attempt inside the wait
 *   is refused before the password is checked, so waiting attempts teach an attacker nothing and do not
 *   lengthen the wait.
 * - It is keyed on the e-mail as typed (lower-cased), whether or not such an account exists, and answers
 *   the same for both: the throttle does not reveal which accounts exist.
 * - A browser that has signed in to that account before carries a device cookie (OWASP's "device
 *   cookies" scheme) and is not held back by the account's backoff, only by its own failures: an
 *   attacker elsewhere can slow down new devices but cannot lock the real user out of theirs.
 *
 * In memory, not in the database: the state is only worth minutes (the wait caps at MAX), a restart
 * costs at most one extra round of FREE_FAILURES guesses, and no write is needed per failure. The map is
 * bounded (LRU) so guesses at random e-mails cannot grow it; an account under attack is the most
 * recently used entry, so flooding other keys does not evict it.
 */
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_BACKOFF_BASE_MS = 15_000;
export const ACCOUNT_BACKOFF_MAX_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 24 * 3_600_000;
const MAX_TRACKED = 10_000;
export const DEVICE_COOKIE = 'bo_device';
export const DEVICE_COOKIE_MAX_AGE_S = 30 * 24 * 3600;

interface Failures {
  count: number;
  lastAt: number;
}

export class AccountThrottle {
  private readonly failures = new LRUCache<string, Failures>({ max: MAX_TRACKED });
  // Per process: after a restart old device cookies simply stop exempting, which only costs a wait.
  private readonly deviceKey = randomBytes(32);

  constructor(private readonly now: () => number) {}

  /** Milliseconds the next attempt for this key must still wait; 0 when it may go ahead. */
  waitMs(key: string): number {
    const entry = this.current(key);
    if (!entry || entry.count < ACCOUNT_FREE_FAILURES) return 0;
    const delay = Math.min(
      ACCOUNT_BACKOFF_BASE_MS * 2 ** (entry.count - ACCOUNT_FREE_FAILURES),
      ACCOUNT_BACKOFF_MAX_MS,
    );
    return Math.max(0, entry.lastAt + delay - this.now());
  }

  recordFailure(key: string): void {
    const entry = this.current(key);
    this.failures.set(key, { count: (entry?.count ?? 0) + 1, lastAt: this.now() });
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  /** A device cookie value for an account: `<expiry ms>.<HMAC>`; the e-mail itself is not in it. */
  issueDevice(account: string): string {
    const expires = this.now() + DEVICE_COOKIE_MAX_AGE_S * 1000;
    return `${expires}.${this.sign(account, expires)}`;
  }

  /** The throttle key of a valid, unexpired device cookie for this account, else null. */
  deviceFor(account: string, cookie: string | undefined): string | null {
    const match = cookie ? /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
    if (!match) return null;
    const expires = Number(match[1]);
    if (expires <= this.now()) return null;
    const expected = Buffer.from(this.sign(account, expires));
    const given = Buffer.from(match[2]!);
    if (!timingSafeEqual(expected, given)) return null;
    return `device:${match[2]}`;
  }

  private sign(account: string, expires: number): string {
    return createHmac('sha256', this.deviceKey).update(`${account}\n${expires}`).digest('base64url');
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.lastAt > FORGET_AFTER_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
