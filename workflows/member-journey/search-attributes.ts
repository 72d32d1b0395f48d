/** The journey's search attributes: what ops filter on in the Temporal Web UI, never PHI. */
import { isOverdue } from '../../src/core/domain/deadline';
import { hasOverdueDeadline, nextOpenDeadline, type JourneyState } from '../../src/core/domain/journey-state';
import { EcmAuthorizationLapsed, EcmInTransitionalCare, EcmNextDeadline, EcmNextRule, EcmOverdue, EcmProvider, EcmStage } from '../../src/contracts/search-attributes';
import { searchAttributePublisher } from '../shared/search-attribute-publisher';

/** What the attributes show of a journey. */
interface JourneySnapshot {
  readonly stage: string;
  readonly provider: string | null;
  readonly nextDeadline: string | null;
  /** Only in runs with the due-soon patch: older histories' upserts carry no such key. */
  readonly nextRule?: string | null;
  readonly overdue: boolean;
  readonly inTransitionalCare: boolean;
  readonly authorizationLapsed?: boolean;
}

/**
 * The snapshot of a state; R-AUTH-LAPSE's flag only where the run judges by act time (only those
 * have its clock), `EcmNextRule` only where it runs the due-soon patch.
 */
export function journeySnapshotOf(state: JourneyState, actTime: boolean, nextRule: boolean): JourneySnapshot {
  const next = nextOpenDeadline(state);
  return {
    stage: state.stage,
    provider: state.assignment?.providerId ?? null,
    nextDeadline: next?.dueAt ?? null,
    ...(nextRule ? { nextRule: next?.rule ?? null } : {}),
    overdue: hasOverdueDeadline(state),
    inTransitionalCare: (state.episodes ?? []).some((e) => e.status === 'open'),
    ...(actTime ? { authorizationLapsed: state.deadlines.some((d) => d.rule === 'R-AUTH-LAPSE' && isOverdue(d)) } : {}),
  };
}

/** A publisher for one journey run: writes only when the snapshot changed. */
export function journeyAttributePublisher(): (snapshot: JourneySnapshot) => void {
  return searchAttributePublisher<JourneySnapshot>(
    (s) => [
      { key: EcmStage, value: s.stage },
      { key: EcmProvider, value: s.provider },
      { key: EcmNextDeadline, value: s.nextDeadline ? new Date(s.nextDeadline) : null },
      ...(s.nextRule !== undefined ? [{ key: EcmNextRule, value: s.nextRule }] : []),
      { key: EcmOverdue, value: s.overdue },
      { key: EcmInTransitionalCare, value: s.inTransitionalCare },
      ...(s.authorizationLapsed !== undefined ? [{ key: EcmAuthorizationLapsed, value: s.authorizationLapsed }] : []),
    ],
    { onChangeOnly: true },
  );
}
