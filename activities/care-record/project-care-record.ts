/**
 * The care record's relational detail, written in the event's own transaction so the record never
 * holds an event without its facts or facts without their event. This file only dispatches: the
 * event's kind picks the event-keyed tables (one row per accepted action), the snapshots feed the
 * current-fact tables (guarded by sequence). See migrations/1795421400000_care-record-detail.sql.
 */
import type { PoolClient } from 'pg';
import { projectAssessment, projectAssessmentDelay } from './project-assessments';
import { projectLeadCareManagerNaming, projectProviderAssignments } from './project-assignments';
import { projectAuthorization } from './project-authorizations';
import { projectCarePlanRevision } from './project-care-plans';
import { projectCommunityReferrals } from './project-community-referrals';
import { projectOptIn, projectOptOut } from './project-consents';
import { projectOutreachAttempt } from './project-outreach';
import { projectEpisode } from './project-transitional-care';
import { projectOutreachTime, projectService } from './project-services';
import type { JourneyEventRecord } from './types';
import type { CareRecordProjection } from '../../src/core/domain/actions/journey-action';
import { journeyActionOfEventKind } from '../../src/core/domain/actions/journey-actions';

type EventProjection = (client: PoolClient, event: JourneyEventRecord) => Promise<void>;

/** The event-keyed table writers, by the projection a journey action names (src/core/domain/actions). */
const EVENT_PROJECTIONS: Readonly<Record<CareRecordProjection, EventProjection>> = {
  'lead-care-manager-naming': projectLeadCareManagerNaming,
  'outreach-attempt': async (client, event) => {
    await projectOutreachAttempt(client, event);
    await projectOutreachTime(client, event);
  },
  'opt-in': projectOptIn,
  'opt-out': projectOptOut,
  'assessment-delay': projectAssessmentDelay,
  'care-plan-revision': projectCarePlanRevision,
  service: projectService,
  'community-referral': projectCommunityReferrals,
};

/**
 * Writes an event's facts into the care record's relational tables (authorizations, assignments,
 * outreach attempts, consents, assessments, care plans, transitional care), inside the event's
 * transaction. Each write is keyed by the event key or a natural key, so a retry adds no row; an
 * event without snapshots (a history written before them) fills the event-keyed tables only.
 */
export async function projectCareRecord(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const projection = journeyActionOfEventKind(event.kind)?.projection;
  if (projection) await EVENT_PROJECTIONS[projection](client, event);
  if (event.journey) {
    await projectAuthorization(client, event, event.journey);
    await projectProviderAssignments(client, event, event.journey);
    await projectAssessment(client, event, event.journey);
  }
  if (event.episode) await projectEpisode(client, event, event.episode);
}
