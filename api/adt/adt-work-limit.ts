/**
 * Bounded work per ADT request: one request may carry at most {@link MAX_ADT_MESSAGES_PER_REQUEST}
 * messages (more is 413 `too_many_messages`), and each message counts against the organisation's
 * rate limit like a request of its own. Both are checked before any message is taken in, so a
 * refused request changes nothing.
 */
import type { Response } from 'express';
import { ApiError, ApiErrorCode } from '../problem';
import { chargeWork } from '../rate-limit';

/**
 * Each message is a database write and a Temporal round trip: 100 keep one request to seconds
 * (4,000 in one body held the API for most of a minute).
 */
export const MAX_ADT_MESSAGES_PER_REQUEST = 100;

/** Refuses more than the cap (413), then charges `messages` against the caller's rate (429). */
export async function boundAdtWork(res: Response, messages: number): Promise<void> {
  if (messages > MAX_ADT_MESSAGES_PER_REQUEST) {
    throw new ApiError(ApiErrorCode.TooManyMessages, `a request may carry at most ${MAX_ADT_MESSAGES_PER_REQUEST} ADT messages; this one carries ${messages}: split it`, {
      limit: MAX_ADT_MESSAGES_PER_REQUEST,
    });
  }
  await chargeWork(res, messages);
}
