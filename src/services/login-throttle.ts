import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { SecurityRepository } from '../store/repositories/security.repository.js';

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** ASVS 2.2.1: per account, few tries; per address, more (shared NAT in government offices). */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: SecurityRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again, or 0. */
  async lockedFor(key: string): Promise<number> {
    const f = await this.repo.failure(this.db, key);
    if (!f?.lockedUntil) return 0;
    return Math.max(0, Date.parse(f.lockedUntil) - this.now());
  }

  async fail(key: string, rule: ThrottleRule): Promise<void> {
    const now = this.now();
    const f = await this.repo.failure(this.db, key);
    const fresh = !f || now - Date.parse(f.windowStart) > rule.windowMs;
    const count = fresh ? 1 : f.count + 1;
    const windowStart = fresh ? new Date(now).toISOString() : f.windowStart;
    const lockedUntil = count >= rule.maxFailures ? new Date(now + rule.lockMs).toISOString() : null;
    await this.repo.saveFailure(this.db, { key, count: lockedUntil ? 0 : count, windowStart, lockedUntil });
  }

  async succeed(key: string): Promise<void> {
    await this.repo.clearFailure(this.db, key);
  }
}
