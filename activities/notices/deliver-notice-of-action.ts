/**
 * R-DENIAL-NOA: the retrying delivery of one Notice of Action, for a workflow to run apart from
 * the action that recorded it. `sendNoticeOfAction` already tries once, inline, and records a
 * failure without throwing (the journey's update must not wait on the mail). This activity
 * throws while the notice is not sent, so Temporal's retry policy keeps trying until the
 * transport takes it; each try is counted on the notice. A notice already sent, or one left for
 * an outside integration (outbox), answers at once.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import { deliverNotice } from './deliver-notice';
import { noticeIdOf } from './notice-id';
import type { NoticeDelivery } from './notice-transport';

/** Which notice: the same keys the workflow gave `sendNoticeOfAction`. */
export interface NoticeToDeliver {
  readonly referralKey: string;
  readonly noticeKey: string;
}

/** Delivers the notice, or throws (retryably) so that Temporal tries again. */
export async function deliverNoticeOfAction(pool: Pool, log: Logger, delivery: NoticeDelivery, notice: NoticeToDeliver): Promise<void> {
  const noticeId = noticeIdOf(notice.referralKey, notice.noticeKey);
  const outcome = await deliverNotice(pool, log, delivery, noticeId);
  if (outcome === 'failed') {
    // The message names the notice by its opaque ID only: Temporal keeps failures unencrypted.
    throw ApplicationFailure.retryable(`notice ${noticeId} not delivered yet`, 'NoticeNotDelivered');
  }
}
