/**
 * Rate limits, as a window of one minute per key holding a minute's worth of units. Over its rate
 * a caller gets 429 with `Retry-After` (seconds until its window ends); other callers are not
 * slowed by it.
 *
 * Issue 16 §5: the windows live in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres over the
 * care record's pool, table `rate_limits`), so N API replicas enforce one limit, not N times it.
 * `ECM_RATE_LIMIT_STORE=memory` keeps them in the process instead: one replica only (a single
 * `npm start`), where it saves a round trip per request.
 *
 * - Per organisation, for authenticated `/v1` requests. A request costs one unit, and one that
 *   carries a batch of ADT messages costs one per message ({@link chargeWork}), so a batch cannot
 *   buy the work of many requests for the price of one.
 * - Per client IP, for failed authentications ({@link FailureLimit}), so nobody without a token can
 *   make the API verify guesses without bound.
 */
import type { RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { callerOf } from './auth/caller';
import { ApiError, ApiErrorCode } from './problem';

/** Where the windows are kept: shared by every replica (`postgres`), or per process (`memory`). */
export type RateLimitStore = 'postgres' | 'memory';

/** The store of a set of limits: PostgreSQL needs the care record's pool. */
export type RateLimitStoreOf = { readonly kind: 'postgres'; readonly pool: Pool } | { readonly kind: 'memory' };

/** The table of migration 1795422900000_shared-rate-limits. */
const TABLE = 'rate_limits';
const WINDOW_SECONDS = 60;

/** What a limit said to a request for `units`. */
type Take = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** One limit (`name` keeps its keys apart from other limits' in the shared table). */
export class SharedLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly name: string,
    readonly perMinute: number,
    store: RateLimitStoreOf,
  ) {
    const options = { keyPrefix: name, points: perMinute, duration: WINDOW_SECONDS };
    this.limiter = store.kind === 'postgres'
      // The table is made by a migration: the app role may not create tables.
      ? new RateLimiterPostgres({ ...options, storeClient: store.pool, tableName: TABLE, tableCreated: true })
      : new RateLimiterMemory(options);
  }

  /**
   * Takes `units` from `key`'s window if it holds them all; takes nothing otherwise. The store
   * counts a refused take too, so it is given back: a refusal must not use up the caller's rate.
   */
  async take(key: string, units = 1): Promise<Take> {
    try {
      await this.limiter.consume(key, units);
      return { ok: true };
    } catch (refusal) {
      // Anything but the limiter's answer is the store failing (PostgreSQL down): the request fails.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      await this.limiter.reward(key, units);
      // More than a minute's worth can never pass at once; a minute is then the honest answer.
      const waitMs = units > this.perMinute ? WINDOW_SECONDS * 1000 : refusal.msBeforeNext;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
  }

  /** Gives back units taken for work that was then refused. */
  async give(key: string, units: number): Promise<void> {
    await this.limiter.reward(key, units);
  }
}

type Charge = (units: number) => Promise<void>;

/** The per-organisation middleware: each request costs one unit of its organisation's window. */
export function rateLimitPerOrganisation(perMinute: number, store: RateLimitStoreOf): RequestHandler {
  const limit = new SharedLimit('org', perMinute, store);
  return async (_req, res, next) => {
    const org = callerOf(res).organisation;
    const refuse = (retryAfterSeconds: number, what: string): never => {
      res.setHeader('Retry-After', String(retryAfterSeconds));
      throw new ApiError(ApiErrorCode.RateLimited, `your organisation is over ${perMinute} ${what} per minute; retry after ${retryAfterSeconds} s`);
    };
    const taken = await limit.take(org);
    if (!taken.ok) refuse(taken.retryAfterSeconds, 'requests');
    // A handler charges the rest of its work here (see chargeWork).
    const charge: Charge = async (units) => {
      const more = await limit.take(org, units);
      if (!more.ok) {
        // Refused as a whole, like any request over the rate: it costs nothing.
        await limit.give(org, 1);
        refuse(more.retryAfterSeconds, 'requests or ADT messages');
      }
    };
    res.locals.chargeRateLimit = charge;
    next();
  };
}

/**
 * Charges a request that carries `units` pieces of work (ADT messages) against its organisation's
 * rate: `units` in all, the request's own unit included. Over the rate it throws 429 and takes
 * nothing, so the caller must refuse the whole request before doing any of it.
 */
export async function chargeWork(res: Response, units: number): Promise<void> {
  const charge = res.locals.chargeRateLimit as Charge | undefined;
  if (charge && units > 1) await charge(units - 1);
}

/**
 * Failed authentications per client IP. Each 401 costs the IP one unit; once it has none left, a
 * failing request from it is answered 429 instead. A valid token is still verified and passes, so
 * a caller sharing an address with someone guessing is not locked out.
 */
export class FailureLimit {
  private readonly limit: SharedLimit;

  constructor(
    readonly perMinute: number,
    store: RateLimitStoreOf,
  ) {
    this.limit = new SharedLimit('auth-failures', perMinute, store);
  }

  /** Records one failure of `ip`; throws 429 once the IP is over its failures per minute. */
  async fail(ip: string, res: Response): Promise<void> {
    const taken = await this.limit.take(ip);
    if (taken.ok) return;
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    throw new ApiError(ApiErrorCode.RateLimited, `too many failed authentications from your address; retry after ${taken.retryAfterSeconds} s`);
  }
}
