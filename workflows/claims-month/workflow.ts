/**
 * R-CLAIMS-60D (Guide §14): one provider service month's claims clock. Opened by the month's first
 * service, due at the end of the local day 60 days after the month's last day, named in the
 * Temporal UI by rule and due instant like every deadline. A submission dated at or before the
 * due instant meets it, however late it is documented (ECM-RULES §1: documentedLate, the alarm
 * withdrawn); the timer firing first records the breach and escalates it to the provider, and the
 * month keeps waiting for its late submission.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { breach, fulfil, judgeDeadlinesByActTime, type Deadline } from '../../src/core/domain/deadline';
import { claimsMonthDeadline } from '../../src/core/billing/claims-clock';
import { checkClaimsSubmission } from '../../src/core/billing/claims-submission';
import {
  claimsMonthOpenedSignal,
  claimsMonthStateQuery,
  submitClaimsUpdate,
  type ClaimsMonthInput,
  type ClaimsMonthState,
  type ClaimsSubmissionInput,
} from '../../src/contracts/claims-month';
import { careRecord } from '../shared/care-record';
import { untilDue, untilInstant } from '../shared/deadline-clock';
import { refusal } from '../shared/refusal';
import { claimsMonthAttributePublisher } from './search-attributes';

/** The claims-month workflow. */
export async function claimsMonth(input: ClaimsMonthInput): Promise<ClaimsMonthState> {
  const tz = input.policy.calendar.timeZone;
  let state: ClaimsMonthState = { plan: input.plan, providerId: input.providerId, month: input.month, deadline: claimsMonthDeadline(input.policy, input.month), batches: [] };
  const publish = claimsMonthAttributePublisher();
  const month = { plan: input.plan, providerId: input.providerId, month: input.month };

  async function settle(deadline: Deadline, event: string): Promise<void> {
    const judged = judgeDeadlinesByActTime([state.deadline], [deadline], Date.now(), tz);
    state = { ...state, deadline: judged.deadlines[0]! };
    publish(state);
    await careRecord.recordClaimsMonth({ ...month, event, deadline: state.deadline });
    // ECM-RULES §1: a submission dated on time, documented after the alarm, withdraws the escalation.
    if (judged.withdrawn.length) await careRecord.withdrawClaimsEscalation({ ...month, deadline: state.deadline });
  }

  setHandler(claimsMonthStateQuery, () => state);
  // The first service starts the workflow; later ones find it running and change nothing.
  setHandler(claimsMonthOpenedSignal, () => undefined);
  setHandler(
    submitClaimsUpdate,
    async (submission: ClaimsSubmissionInput) => {
      if (state.batches.some((b) => b.batchId === submission.batchId)) return state;
      state = { ...state, batches: [...state.batches, { batchId: submission.batchId, submittedAt: submission.submittedAt, members: submission.memberIds.length }] };
      await settle(fulfil(state.deadline, Date.parse(submission.submittedAt), tz), `submitted:${submission.batchId}`);
      return state;
    },
    {
      validator: (submission: ClaimsSubmissionInput) => {
        try {
          checkClaimsSubmission(input.month, submission.submittedAt, Date.now(), tz);
        } catch (err) {
          refusal(err);
        }
      },
    },
  );

  publish(state);
  await careRecord.recordClaimsMonth({ ...month, event: 'opened', deadline: state.deadline });
  const fired = await untilDue(() => state.deadline, tz);
  if (fired) {
    await settle(breach(fired), 'breached');
    await careRecord.escalateClaimsBreach({ ...month, deadline: state.deadline });
    // A breach never silently ends the month: it waits for the late submission.
    await condition(() => state.deadline.fulfilledAt !== undefined);
  } else {
    // Met: further batches of the month are taken until the due instant, then the clock closes.
    await untilInstant(state.deadline.dueAt, () => false, `R-CLAIMS-60D window closes ${state.deadline.dueAt.slice(0, 10)}`);
  }
  await condition(allHandlersFinished);
  return state;
}
