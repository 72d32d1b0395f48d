import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState, TransitionalCareEpisode } from '../journey-state';
import { isAdmission, type EpisodeAdtEvent } from '../transitional-care/episode-state';
import { answer, inPlanTime, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { PROVIDER_STAGES } from './request-provider-change';
import { journeyAction } from './journey-action';

/** An ADT notification for this member, already matched to the journey by the API. */
export interface AdtEventInput extends ActionEnvelope {
  readonly event: EpisodeAdtEvent;
}

const ACTION = 'adt-event';

/** The child workflow ID of an episode; stable, and free of PHI (member ID and an opaque visit key). */
export function episodeWorkflowId(memberId: string, episodeKey: string): string {
  return `transitional-care-${memberId}-${episodeKey}`;
}

/** Transitional care runs beside any stage from ASSIGNED on (ECM-RULES §5). */
export function checkAdtEvent(state: JourneyState, input: AdtEventInput): void {
  requireStage(state, PROVIDER_STAGES, 'Transitional care');
  const event = withKnownVisitKey(state, input.event);
  const known = state.episodes?.some((e) => e.status === 'open' && e.visitKeys.includes(event.visitKey));
  if (!known && !isAdmission(event) && event.eventType !== 'A03') {
    throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, `an ${event.eventType} for a visit with no episode has nothing to update`);
  }
}

/**
 * Routes the event to its episode. A visit already in an episode goes there; an admission while
 * an episode is open is a readmission, which extends that episode rather than duplicating it;
 * anything else (an admission, or a discharge that arrived before its admission) opens a new one.
 */
export function recordAdtEvent(state: JourneyState, input: AdtEventInput): Transition {
  checkAdtEvent(state, input);
  const event = withKnownVisitKey(state, input.event);
  const at = inPlanTime(state, Date.parse(event.notifiedAt));
  const episodes = state.episodes ?? [];
  const open = episodes.find((e) => e.status === 'open');
  const byVisit = open?.visitKeys.includes(event.visitKey) ? open : undefined;
  const target = byVisit ?? (open && isAdmission(event) ? open : undefined);
  if (target) {
    const extended: TransitionalCareEpisode = target.visitKeys.includes(event.visitKey) ? target : { ...target, visitKeys: [...target.visitKeys, event.visitKey] };
    const next = { ...state, episodes: episodes.map((e) => (e.episodeKey === target.episodeKey ? extended : e)) };
    return answer(next, ACTION, at, [{ kind: 'transitional_care', start: false, workflowId: target.workflowId, episodeKey: target.episodeKey, event }]);
  }
  // A visit whose episode already closed (cancelled, say) and is admitted again opens a fresh episode.
  const earlier = episodes.filter((e) => e.visitKeys.includes(event.visitKey)).length;
  const episodeKey = earlier === 0 ? event.visitKey : `${event.visitKey}r${earlier + 1}`;
  const episode: TransitionalCareEpisode = {
    episodeKey,
    workflowId: episodeWorkflowId(state.memberId, episodeKey),
    visitKeys: [event.visitKey],
    status: 'open',
    openedAt: at,
  };
  return answer({ ...state, episodes: [...episodes, episode] }, ACTION, at, [
    { kind: 'transitional_care', start: true, workflowId: episode.workflowId, episodeKey: episode.episodeKey, event },
  ]);
}

/**
 * An episode opened before visit keys named the facility and the member knows its visit by the
 * legacy key; a later event of that visit keeps using it, so it reaches the same episode.
 */
function withKnownVisitKey(state: JourneyState, event: EpisodeAdtEvent): EpisodeAdtEvent {
  const { legacyVisitKey, ...rest } = event;
  if (!legacyVisitKey) return event;
  const legacy = state.episodes?.some((e) => e.visitKeys.includes(legacyVisitKey) && !e.visitKeys.includes(event.visitKey));
  return legacy ? { ...rest, visitKey: legacyVisitKey } : rest;
}

/** An ADT event for this member (from api/adt intake, no route of its own): starts or feeds a transitional-care episode. */
export const recordAdtEventAction = journeyAction({
  name: 'recordAdtEvent',
  eventKind: ACTION,
  stages: PROVIDER_STAGES,
  check: (state, input: AdtEventInput) => checkAdtEvent(state, input),
  apply: (state, input: AdtEventInput) => recordAdtEvent(state, input),
});
