/** R-CLAIMS-60D: what a claims submission's timestamp may be (ECM-RULES §1: the caller's, never in the future). */
import { startOfLocalDate } from '../calendar';
import { CLOCK_SKEW_ALLOWANCE_MS } from '../domain/actions/action-support';
import { JourneyErrorCode, JourneyRuleViolation } from '../domain/errors';

/** Refuses a submission dated in the future, or before its service month began (plan zone). */
export function checkClaimsSubmission(month: string, submittedAt: string, nowMs: number, timeZone: string): void {
  const atMs = Date.parse(submittedAt);
  if (Number.isNaN(atMs) || atMs > nowMs + CLOCK_SKEW_ALLOWANCE_MS) {
    throw new JourneyRuleViolation(JourneyErrorCode.TimestampInFuture, `the submission time ${submittedAt} is in the future`);
  }
  if (atMs < startOfLocalDate(`${month}-01`, timeZone)) {
    throw new JourneyRuleViolation(JourneyErrorCode.TimestampOutOfOrder, `the submission time ${submittedAt} is before the service month ${month} began`);
  }
}
