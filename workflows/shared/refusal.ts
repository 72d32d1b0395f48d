import { ApplicationFailure } from '@temporalio/workflow';
import { JourneyRuleViolation } from '../../src/core/domain/errors';

/** Carries a domain refusal to the caller as a failure whose type is the machine-readable code. */
export function refusal(err: unknown): never {
  if (err instanceof JourneyRuleViolation) {
    throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
  }
  throw err;
}
