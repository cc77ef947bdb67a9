import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Attempts count in fixed windows of 15 minutes from a key's first attempt: long enough to make
 * guessing slow, short enough that a locked-out owner waits a coffee break, not a day.
 */
export const THROTTLE_WINDOW_SECONDS = 15 * 60;

/**
 * Per window. An attacker on one address gets 10 guesses at an account, and its refused attempts
 * count toward nothing else; the account as a whole refuses only after 100 from all addresses, so
 * that locking its owner out takes ten addresses or more, and guessing stays at 100 tries a window.
 * Successful sign-ins are refunded, so they never count. One address trying many accounts (one
 * password tried on everyone) stops at 100, which an office behind one address does not reach by
 * mistyping. The current-password check of a signed-in user: 10.
 */
export const LIMITS = { accountAddress: 10, account: 100, address: 100, passwordCheck: 10 } as const;

export const ATTEMPTS_TABLE = 'login_attempts';

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface Throttle {
  /** Reserves a sign-in attempt before the password is checked: refused when a limit is reached. */
  reserveSignIn(emailKey: string, address: string): Promise<Reservation>;
  /** The right password: this address starts again for this account, and the attempt is refunded. */
  signInSucceeded(emailKey: string, address: string): Promise<void>;
  reservePasswordCheck(userId: number): Promise<Reservation>;
  passwordCheckSucceeded(userId: number): Promise<void>;
}

/**
 * rate-limiter-flexible's RateLimiterPostgres on the app's own Knex pool: each call reserves its
 * attempt and reads the count in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), so
 * that parallel attempts on any number of instances are counted before any password is checked.
 * It takes a connection from the pool for that one statement and gives it back at once: on the
 * embedded database's single connection nothing waits for a password hash. The table comes from a
 * migration (tableCreated), and the maintenance job prunes it (no timer of the library's own).
 */
export function createThrottle(db: Knex): Throttle {
  const limiter = (keyPrefix: string, points: number) => new RateLimiterPostgres({
    storeClient: db, storeType: 'knex', tableName: ATTEMPTS_TABLE, tableCreated: true, clearExpiredByTimeout: false,
    keyPrefix, points, duration: THROTTLE_WINDOW_SECONDS,
  });
  const byAddress = limiter('address', LIMITS.address);
  const byAccountAddress = limiter('account_address', LIMITS.accountAddress);
  const byAccount = limiter('account', LIMITS.account);
  const byUser = limiter('password_check', LIMITS.passwordCheck);

  return {
    async reserveSignIn(emailKey, address) {
      // One after the other: an attempt refused for its address does not count toward the account,
      // or an attacker on one address could use up the account's limit and lock its owner out.
      for (const [stage, key] of [[byAddress, digest(address)], [byAccountAddress, digest(emailKey, address)], [byAccount, digest(emailKey)]] as const) {
        const reservation = await reserve(stage, key);
        if (!reservation.ok) return reservation;
      }
      return { ok: true };
    },
    async signInSucceeded(emailKey, address) {
      await Promise.all([byAccountAddress.delete(digest(emailKey, address)), byAccount.reward(digest(emailKey)), byAddress.reward(digest(address))]);
    },
    reservePasswordCheck: (userId) => reserve(byUser, String(userId)),
    async passwordCheckSucceeded(userId) {
      await byUser.delete(String(userId));
    },
  };
}

async function reserve(limiter: RateLimiterPostgres, key: string): Promise<Reservation> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err; // the database failed: not a refusal
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
  }
}

/**
 * Keys of a fixed, small size whatever was typed (an e-mail field or a forwarded address can be
 * long), and no e-mail address in clear in a table of failures.
 */
function digest(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
