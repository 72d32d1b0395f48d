/**
 * Per-organisation rate limiting: a token bucket per organisation, refilled continuously at the
 * configured rate per minute, with a burst of one minute's worth. An organisation over its rate
 * gets 429 with `Retry-After` (seconds until a request would pass); other organisations are not
 * slowed by it. In memory, per API process: behind N replicas the effective rate is N times this.
 */
import type { RequestHandler } from 'express';
import { callerOf } from './auth/caller';
import { ApiError, ApiErrorCode } from './problem';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets idle this long are full again, so they are forgotten. */
const IDLE_MS = 5 * 60_000;

/** The middleware; `now` is injectable for tests of the arithmetic. */
export function rateLimitPerOrganisation(perMinute: number, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let lastSweep = now();
  return (_req, res, next) => {
    const t = now();
    if (t - lastSweep > IDLE_MS) {
      for (const [org, b] of buckets) if (t - b.updatedMs > IDLE_MS) buckets.delete(org);
      lastSweep = t;
    }
    const org = callerOf(res).organisation;
    const bucket = buckets.get(org) ?? { tokens: perMinute, updatedMs: t };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.updatedMs) * perMs);
    bucket.updatedMs = t;
    buckets.set(org, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      throw new ApiError(ApiErrorCode.RateLimited, `your organisation is over ${perMinute} requests per minute; retry after ${retryAfter} s`);
    }
    bucket.tokens -= 1;
    next();
  };
}
