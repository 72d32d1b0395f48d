import type { AppConfig } from '../src/infra/config';
import type { Logger } from '../src/infra/logger';
import type { Pool } from 'pg';
import type { CodecRouteOptions } from './routes/codec';
import type { JourneyGateway } from './journey-gateway';
import type { TokenVerifier } from '../src/infra/auth/token-verifier';
import type { LeadCareManagerReservation, ReservationOutcome } from '../src/infra/caseload';
import type { WebhookRetry } from '../src/contracts/webhook-delivery';

/** What routes are built from; tests inject the same things, pointing at real servers. */
export interface RouteDependencies {
  readonly journeys: JourneyGateway;
  readonly config: Pick<AppConfig, 'memberIdKey' | 'plans'> & Partial<Pick<AppConfig, 'feeds' | 'providers'>>;
  readonly log: Logger;
  /** Wall-clock milliseconds; the API uses it only to refuse referrals dated in the future. */
  readonly clock: () => Promise<number>;
  /** The codec server's settings; without them `/codec` is not served. */
  readonly codec?: CodecRouteOptions;
  /** Verifies the bearer token of every `/v1` request. */
  readonly verifyToken: TokenVerifier;
  /** Requests per minute per organisation. */
  readonly rateLimitPerMinute: number;
  /** Where rate limits are counted: `postgres` (default, shared by every replica, via `pool`) or `memory` (this process only). */
  readonly rateLimitStore?: AppConfig['rateLimitStore'];
  /** Failed authentications per minute per client IP before it is answered 429 (default 60). */
  readonly authFailuresPerMinute?: number;
  /** Counts journeys started (set by createApp). */
  readonly onJourneyStarted?: (plan: string) => void;
  /** The care record: access checks, lists, audit, ADT intake. */
  readonly pool: Pool;
  /** Lead Care Manager caseloads in the care record (R-CASELOAD-50, R-ONE-LCM). */
  readonly caseloads: {
    reserve(reservation: LeadCareManagerReservation): Promise<ReservationOutcome>;
    cancel(reservationKey: string): Promise<void>;
  };
  /**
   * Issue 14 webhooks: the delivery workflows' task queue (default: the journeys'), their retry,
   * and whether plain-http loopback URLs may be subscribed (development only; https otherwise).
   */
  readonly webhooks?: { readonly taskQueue?: string; readonly retry?: WebhookRetry; readonly allowLoopbackHttp?: boolean };
}
