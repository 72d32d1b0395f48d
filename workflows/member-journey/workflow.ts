/**
 * One member's ECM journey, from referral to the end of ECM (ECM-RULES §5). Every action arrives as
 * an Update whose validator refuses what the rules forbid, so a refused action leaves no trace in
 * the history. Every deadline is a timer named after its rule; when it fires first the deadline is
 * breached, ops see it through `EcmOverdue`, the responsible party is escalated to, and the journey
 * keeps waiting for the late act.
 */
import { allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { episodeUpdated } from '../../src/core/domain/actions';
import { HANDLED_JOURNEY_ACTIONS } from '../../src/core/domain/actions/journey-actions';
import { isTerminalStage } from '../../src/core/domain/journey-stage';
import { viewOf } from '../../src/core/domain/journey-state';
import { episodeUpdateSignal } from '../../src/contracts/episode-signals';
import { journeyStateQuery, type MemberJourneyInput, type MemberJourneyOutcome } from '../../src/contracts/member-journey';
import { journeyEndedSignal } from '../../src/contracts/transitional-care';
import { MemberJourney, unlessRecorded } from './journey';
import { pruneForContinueAsNew } from './prune-state';

/** The member journey workflow. */
export async function memberJourney(input: MemberJourneyInput): Promise<MemberJourneyOutcome> {
  const journey = new MemberJourney(input);

  setHandler(journeyStateQuery, () => viewOf(journey.state));
  for (const action of HANDLED_JOURNEY_ACTIONS) journey.handle(action);
  // A transitional-care episode reports its risk band and its close (R-TCS-DRA, R-REASSESS).
  setHandler(episodeUpdateSignal, async (report) => {
    const eventKey = `episode:${report.episodeKey}:${report.closed ? 'closed' : `risk-${report.riskBand}`}`;
    await journey.commit(episodeUpdated(journey.state, report, Date.now()), eventKey, 'episode-update', { ...report }).catch(unlessRecorded);
  });

  // Clocks start before any I/O: a care-record outage must not delay a deadline.
  journey.arm();
  journey.publish();
  if (!input.carriedState && input.referralOnRecord && patched('intake-referral-on-record')) {
    // Issue 16 §1: the API wrote the referral row before it started this run, so only the opening
    // event is left: two workflow tasks and one activity per new journey instead of three and two.
    // (As a local activity it would be one task, but then the first refused Update after it
    // leaves a workflow task in the history, where a refusal must leave nothing.)
    await journey.recordOpeningDeadlines();
  } else if (!input.carriedState && input.referralRecord) {
    await journey.recordReferral(input);
    // Journeys started before this patch recorded their first deadlines only at the first act.
    if (patched('care-record-opening-deadlines')) await journey.recordOpeningDeadlines();
  }

  // Long life: a new run per authorization period, or sooner if Temporal suggests it, so no
  // single history grows without bound.
  await condition(() => isTerminalStage(journey.state.stage) || workflowInfo().continueAsNewSuggested || journey.state.continueAsNewRequested === true);
  await condition(allHandlersFinished);
  if (!isTerminalStage(journey.state.stage)) {
    // The referral record (PHI) stays behind: the care record already has it.
    return continueAsNew<typeof memberJourney>({ start: input.start, carriedState: pruneForContinueAsNew(journey.state) });
  }
  await journey.clocks.settled();
  // Transitional care ends with the journey.
  for (const episode of journey.state.episodes ?? []) {
    if (episode.status !== 'open') continue;
    try {
      await getExternalWorkflowHandle(episode.workflowId).signal(journeyEndedSignal, { at: new Date().toISOString() });
    } catch {
      // Already closed.
    }
  }
  return { memberId: journey.state.memberId, stage: journey.state.stage };
}
