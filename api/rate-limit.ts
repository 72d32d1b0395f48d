/**
 * Rate limits, as token buckets refilled continuously at a rate per minute, with a burst of one
 * minute's worth. Over its rate a caller gets 429 with `Retry-After` (seconds until it would pass);
 * other callers are not slowed by it. In memory, per API process: behind N replicas the effective
 * rate is N times this.
 *
 * - Per organisation, for authenticated `/v1` requests. A request costs one unit, and one that
 *   carries a batch of ADT messages costs one per message ({@link chargeWork}), so a batch cannot
 *   buy the work of many requests for the price of one.
 * - Per client IP, for failed authentications ({@link FailureLimit}), so nobody without a token can
 *   make the API verify guesses without bound.
 */
import type { RequestHandler, Response } from 'express';
import { callerOf } from './auth/caller';
import { ApiError, ApiErrorCode } from './problem';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets idle this long are full again, so they are forgotten. */
const IDLE_MS = 5 * 60_000;

/** What a bucket said to a request for `units`. */
type Take = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** Token buckets by key; `now` is injectable for tests of the arithmetic. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private lastSweep: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
    this.lastSweep = now();
  }

  /** Takes `units` from `key`'s bucket if it holds them all; takes nothing otherwise. */
  take(key: string, units = 1): Take {
    const t = this.now();
    if (t - this.lastSweep > IDLE_MS) {
      for (const [k, b] of this.buckets) if (t - b.updatedMs > IDLE_MS) this.buckets.delete(k);
      this.lastSweep = t;
    }
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedMs: t };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (t - bucket.updatedMs) * this.perMs);
    bucket.updatedMs = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens < units) {
      // More than a minute's worth can never pass at once; a minute is then the honest answer.
      const missing = Math.min(units, this.perMinute) - bucket.tokens;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.perMs / 1000)) };
    }
    bucket.tokens -= units;
    return { ok: true };
  }

  /** Gives back units taken for work that was then refused. */
  give(key: string, units: number): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.perMinute, bucket.tokens + units);
  }
}

type Charge = (units: number) => void;

/** The per-organisation middleware: each request costs one unit of its organisation's bucket. */
export function rateLimitPerOrganisation(perMinute: number, now: () => number = Date.now): RequestHandler {
  const buckets = new TokenBuckets(perMinute, now);
  return (_req, res, next) => {
    const org = callerOf(res).organisation;
    const refuse = (retryAfterSeconds: number, what: string): never => {
      res.setHeader('Retry-After', String(retryAfterSeconds));
      throw new ApiError(ApiErrorCode.RateLimited, `your organisation is over ${perMinute} ${what} per minute; retry after ${retryAfterSeconds} s`);
    };
    const taken = buckets.take(org);
    if (!taken.ok) refuse(taken.retryAfterSeconds, 'requests');
    // A handler charges the rest of its work here (see chargeWork).
    const charge: Charge = (units) => {
      const more = buckets.take(org, units);
      if (!more.ok) {
        // Refused as a whole, like any request over the rate: it costs nothing.
        buckets.give(org, 1);
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
export function chargeWork(res: Response, units: number): void {
  const charge = res.locals.chargeRateLimit as Charge | undefined;
  if (charge && units > 1) charge(units - 1);
}

/**
 * Failed authentications per client IP. Each 401 costs the IP one unit; once it has none left, a
 * failing request from it is answered 429 instead. A valid token is still verified and passes, so
 * a caller sharing an address with someone guessing is not locked out.
 */
export class FailureLimit {
  private readonly buckets: TokenBuckets;

  constructor(
    readonly perMinute: number,
    now: () => number = Date.now,
  ) {
    this.buckets = new TokenBuckets(perMinute, now);
  }

  /** Records one failure of `ip`; throws 429 once the IP is over its failures per minute. */
  fail(ip: string, res: Response): void {
    const taken = this.buckets.take(ip);
    if (taken.ok) return;
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    throw new ApiError(ApiErrorCode.RateLimited, `too many failed authentications from your address; retry after ${taken.retryAfterSeconds} s`);
  }
}
