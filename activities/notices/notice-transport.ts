/**
 * How a rendered Notice of Action leaves the system (R-DENIAL-NOA: "the notice and its delivery
 * are kept"). The transport is chosen by configuration (ECM_NOTICE_TRANSPORT); the activity
 * records what it answered.
 */
import type { PlanPolicies } from '../../src/core/plan-policies';

/** A letter ready to send. `text` is PHI (the member's name and address): never log it. */
export interface NoticeLetter {
  readonly noticeId: string;
  readonly plan: string;
  readonly text: string;
}

/** A way to send letters. Must be idempotent per notice ID: sending the same notice twice sends it once. */
export interface NoticeTransport {
  /** Recorded with the notice, e.g. `letter-file`. */
  readonly name: string;
  /** Sends the letter; answers a PHI-free reference to what it made. Throws {@link NoticeDeliveryError} when it cannot. */
  deliver(letter: NoticeLetter): Promise<{ readonly reference: string }>;
}

/** A transport's refusal, with a machine-readable code that is kept with the notice (never PHI). */
export class NoticeDeliveryError extends Error {
  override readonly name = 'NoticeDeliveryError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the notice activity needs: the plans' templates and, unless notices wait for an outside mailing integration, a transport. */
export interface NoticeDelivery {
  readonly plans: PlanPolicies;
  /** Absent (`ECM_NOTICE_TRANSPORT=outbox`): notices stay `pending` for an outside integration to send. */
  readonly transport?: NoticeTransport;
}
