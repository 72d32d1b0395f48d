/**
 * The member's ECM record as a FHIR R4 Bundle of type `collection`: a set of resources gathered
 * for export, with no Composition to attest them as a clinical document (`document`) and no
 * instruction to a server (`transaction`). Every resource names the member only as
 * `Patient/<member id>`; the Patient itself, the one resource with PHI, only when asked for.
 */
import type { Bundle, FhirResource } from 'fhir/r4';
import { carePlan, carePlanGoals } from './care-plan';
import { noticeCommunication } from './communication';
import { consents } from './consent';
import { ecmEpisode, EPISODE_STATUS_OF_STAGE, transitionalCareEpisode, visitEncounter } from './episodes';
import type { MemberDemographics, MemberRecord } from './member-record';
import { memberPatient } from './patient';
import { deadlineTask, transitionalCareTask } from './tasks';

/** Builds the Bundle; `timestamp` is when it was assembled. */
export function memberBundle(record: MemberRecord, timestamp: string, demographics?: MemberDemographics): Bundle<FhirResource> {
  const { memberId } = record;
  const enrolled = ecmEpisode(record);
  const planCurrent = EPISODE_STATUS_OF_STAGE[record.journey.stage] !== 'finished' && EPISODE_STATUS_OF_STAGE[record.journey.stage] !== 'cancelled';
  const resources: FhirResource[] = [
    ...(demographics ? [memberPatient(memberId, demographics)] : []),
    enrolled,
    ...record.episodes.map((e) => transitionalCareEpisode(memberId, e)),
    ...record.episodes.flatMap((e) => e.visits.map((v) => visitEncounter(memberId, e, v))),
    ...(record.carePlan ? [carePlan(memberId, record.carePlan, planCurrent), ...carePlanGoals(memberId, record.carePlan, planCurrent)] : []),
    ...record.deadlines.map((d) => deadlineTask(memberId, d, record.episodes)),
    ...record.episodes.flatMap((e) => e.tasks.map((t) => transitionalCareTask(memberId, e, t))),
    ...consents(memberId, record.consents),
    ...record.notices.map((n) => noticeCommunication(memberId, n)),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: resources.map((resource) => ({ resource })),
  } satisfies Bundle<FhirResource>;
}
