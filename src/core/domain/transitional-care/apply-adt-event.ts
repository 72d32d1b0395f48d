import { fulfil } from '../deadline';
import type { EpisodeAdtEvent, EpisodeState, VisitState } from './episode-state';
import { isAdmission, TCS_TASKS } from './episode-state';
import { cancelDeadlinesOf, cancelDeadlinesWhere, inPlanTime, openNextDeadline, outstandingDeadlines, withDeadlines } from '../deadline-holder';
import type { PlanPolicy } from '../plan-policy';

/** What a new episode starts from. */
export interface EpisodeStart {
  readonly memberId: string;
  readonly episodeKey: string;
  readonly parentWorkflowId: string;
  readonly policy: PlanPolicy;
}

/** An empty episode; the first ADT event fills it. */
export function newEpisode(start: EpisodeStart): EpisodeState {
  return {
    schemaVersion: 1,
    ...start,
    status: 'inpatient',
    visits: [],
    deadlines: [],
    tasks: TCS_TASKS.map((task) => ({ task, status: 'pending' as const })),
    processedMessageKeys: [],
  };
}

const MESSAGES_REMEMBERED = 500;

function withVisit(state: EpisodeState, visit: VisitState): EpisodeState {
  const exists = state.visits.some((v) => v.visitKey === visit.visitKey);
  return { ...state, visits: exists ? state.visits.map((v) => (v.visitKey === visit.visitKey ? visit : v)) : [...state.visits, visit] };
}

/** R-TCS-24H: contact made since this instant (during the stay) needs no second clock. */
function contactedSince(state: EpisodeState, sinceMs: number): boolean {
  return state.lastContactAt !== undefined && Date.parse(state.lastContactAt) >= sinceMs;
}

/** A discharge: R-TCS-24H again (unless met during the stay), R-TCS-7D, and the 30-day minimum (R-TCS-30D). */
function discharge(state: EpisodeState, visit: VisitState, dischargeMs: number, notifiedMs: number): EpisodeState {
  const admittedMs = visit.admittedAt ? Date.parse(visit.admittedAt) : dischargeMs;
  let next = withVisit(state, { ...visit, dischargedAt: inPlanTime(state, dischargeMs) });
  next = { ...next, status: 'discharged' };
  return withDeadlines(
    next,
    ...(contactedSince(state, admittedMs) ? [] : [openNextDeadline(next, 'R-TCS-24H', notifiedMs)]),
    openNextDeadline(next, 'R-TCS-7D', dischargeMs),
    openNextDeadline(next, 'R-TCS-30D', dischargeMs),
  );
}

/**
 * Applies one ADT event. A redelivered message changes nothing. Admissions start R-TCS-24H; a
 * readmission after discharge extends the episode and restarts R-TCS-7D / R-TCS-30D at the new
 * discharge; A11 and A13 undo what they cancel; a discharge that arrives before its admission
 * still makes the right episode (the admission time comes with the discharge).
 */
export function applyAdtEvent(state: EpisodeState, event: EpisodeAdtEvent): EpisodeState {
  if (state.processedMessageKeys.includes(event.messageKey) || state.status === 'completed' || state.status === 'cancelled') return state;
  let next: EpisodeState = { ...state, processedMessageKeys: [...state.processedMessageKeys, event.messageKey].slice(-MESSAGES_REMEMBERED) };
  const notifiedMs = Date.parse(event.notifiedAt);
  const known = next.visits.find((v) => v.visitKey === event.visitKey);
  const visit: VisitState = known ?? { visitKey: event.visitKey, facilityId: event.facilityId, patientClass: event.patientClass };
  const admitAt = event.admitAt ? inPlanTime(next, Date.parse(event.admitAt)) : undefined;

  if (isAdmission(event)) {
    if (visit.dischargedAt) {
      // The admission of a visit already discharged came late: record it, no clock.
      return withVisit(next, { ...visit, ...(admitAt ? { admittedAt: admitAt } : {}) });
    }
    const readmission = next.status === 'discharged';
    if (readmission) next = cancelDeadlinesOf(next, ['R-TCS-7D', 'R-TCS-30D'], notifiedMs, 'readmitted');
    next = withVisit(next, { ...visit, admittedAt: admitAt ?? inPlanTime(next, notifiedMs), patientClass: event.patientClass, cancelled: false });
    return withDeadlines({ ...next, status: 'inpatient' }, openNextDeadline(next, 'R-TCS-24H', notifiedMs));
  }

  switch (event.eventType) {
    case 'A03': {
      if (visit.dischargedAt) return next;
      // Where the member went (home, SNF, …) shapes the follow-up, so the discharge's disposition is kept.
      const withAdmission = { ...visit, admittedAt: visit.admittedAt ?? admitAt ?? inPlanTime(next, notifiedMs), ...(event.disposition ? { disposition: event.disposition } : {}) };
      return discharge(next, withAdmission, event.dischargeAt ? Date.parse(event.dischargeAt) : notifiedMs, notifiedMs);
    }
    case 'A02':
      return withVisit(next, { ...visit, facilityId: event.facilityId });
    case 'A08':
      return withVisit(next, {
        ...visit,
        ...(admitAt ? { admittedAt: admitAt } : {}),
        ...(event.disposition ? { disposition: event.disposition } : {}),
      });
    case 'A11': {
      next = withVisit(next, { ...visit, cancelled: true });
      if (next.visits.every((v) => v.cancelled)) {
        next = cancelDeadlinesOf(next, ['R-TCS-24H', 'R-TCS-7D', 'R-TCS-30D'], notifiedMs, 'admission cancelled (A11)');
        return { ...next, status: 'cancelled', closedAt: inPlanTime(next, notifiedMs) };
      }
      // A cancelled readmission never happened: the earlier discharge's clocks stand again.
      // The contact clock the cancelled admission started goes with it.
      const admittedMs = Date.parse(visit.admittedAt ?? event.notifiedAt);
      next = cancelDeadlinesWhere(next, (d) => d.rule === 'R-TCS-24H' && Date.parse(d.startedAt) >= admittedMs, notifiedMs, 'admission cancelled (A11)');
      const restored = next.deadlines.map((d) => {
        if (d.status !== 'cancelled' || d.cancelReason !== 'readmitted') return d;
        const { cancelledAt: _c, cancelReason: _r, ...open } = d;
        return { ...open, status: 'open' as const };
      });
      const last = next.visits.filter((v) => !v.cancelled).at(-1);
      return { ...next, deadlines: restored, status: last?.dischargedAt ? 'discharged' : 'inpatient' };
    }
    case 'A13': {
      if (!visit.dischargedAt) return next;
      const dischargedMs = Date.parse(visit.dischargedAt);
      const { dischargedAt: _undone, ...stillInpatient } = visit;
      next = cancelDeadlinesOf(withVisit(next, stillInpatient), ['R-TCS-7D', 'R-TCS-30D'], notifiedMs, 'discharge cancelled (A13)');
      // The contact clock that discharge started goes with it.
      next = cancelDeadlinesWhere(next, (d) => d.rule === 'R-TCS-24H' && Date.parse(d.startedAt) >= dischargedMs, notifiedMs, 'discharge cancelled (A13)');
      return { ...next, status: 'inpatient' };
    }
    default:
      return next;
  }
}

/** R-TCS-24H is met by the contact; all its open clocks are. */
export function meetContactClocks(state: EpisodeState, atMs: number): EpisodeState {
  const tz = state.policy.calendar.timeZone;
  return withDeadlines({ ...state, lastContactAt: inPlanTime(state, atMs) }, ...outstandingDeadlines(state, 'R-TCS-24H').map((d) => fulfil(d, atMs, tz)));
}
