import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Enough for many Ditto server instances each holding a token; older tokens are dropped first above it. */
const MAX_LIVE_TOKENS = 1000;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Access tokens we issue to Ditto, kept in memory and only as SHA-256 hashes (a heap dump signs no one in).
 * Memory rather than a table on purpose: a token is a cache of a credential check, Ditto fetches a new one
 * whenever ours stops working (it refreshes on 401), so a restart costs one extra token call and no migration.
 */
export class DittoTokenStore {
  private readonly expiryByHash = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  issue(): { accessToken: string; expiresIn: number } {
    this.sweep();
    while (this.expiryByHash.size >= MAX_LIVE_TOKENS) {
      const oldest = this.expiryByHash.keys().next().value;
      if (oldest === undefined) break;
      this.expiryByHash.delete(oldest);
    }
    const accessToken = randomBytes(32).toString('base64url');
    this.expiryByHash.set(sha256(accessToken).toString('hex'), this.now() + this.ttlSeconds * 1000);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** A hash lookup needs no constant-time compare: the attacker never learns anything about the stored hash. */
  isValid(accessToken: string): boolean {
    const hash = sha256(accessToken).toString('hex');
    const expiresAt = this.expiryByHash.get(hash);
    if (expiresAt === undefined) return false;
    if (expiresAt <= this.now()) {
      this.expiryByHash.delete(hash);
      return false;
    }
    return true;
  }

  get size(): number {
    return this.expiryByHash.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [hash, expiresAt] of this.expiryByHash) if (expiresAt <= now) this.expiryByHash.delete(hash);
  }
}

/**
 * Compares a presented secret with the configured one in constant time. Both sides are hashed first so
 * that neither a length difference nor an early mismatch shows in the timing.
 */
export function secretsMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

export function clientCredentialsMatch(
  presented: { clientId: string; clientSecret: string },
  expected: { clientId: string; clientSecret: string },
): boolean {
  // Both compared every time: stopping at a wrong id would tell which half was wrong.
  const idOk = secretsMatch(presented.clientId, expected.clientId);
  const secretOk = secretsMatch(presented.clientSecret, expected.clientSecret);
  return idOk && secretOk;
}
