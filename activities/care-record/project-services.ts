/**
 * ECM services, one row per 'service' event and per outreach attempt's time (R-PAY-6U), from which
 * the claims lists and claim lines are read. The service month is the event's local date in the
 * plan's zone: the journey stamps `occurredAt` in that zone, so its first ten characters are it.
 */
import type { PoolClient } from 'pg';
import { IN_PERSON_METHODS, type OutreachMethod } from '../../src/core/domain/outreach-attempt';
import { actedAt, numberField, stringField } from './project-detail';
import type { JourneyEventRecord } from './types';

interface ServiceRow {
  readonly minutes: number;
  readonly service: string;
  readonly inPerson: boolean;
  readonly providedBy?: string;
  readonly placeOfService?: string;
}

async function insertService(client: PoolClient, event: JourneyEventRecord, row: ServiceRow): Promise<void> {
  const providerId = event.journey?.assignment?.providerId;
  const plan = event.journey?.plan;
  if (!providerId || !plan) return;
  const date = event.occurredAt.slice(0, 10);
  await client.query(
    `INSERT INTO ecm_services (referral_key, event_key, member_id, plan, provider_id, at, service_date, service_month, minutes, service, in_person, provided_by, place_of_service)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (referral_key, event_key) DO NOTHING`,
    [event.referralKey, event.eventKey, event.memberId, plan, providerId, actedAt(event), date, date.slice(0, 7), row.minutes, row.service, row.inPerson, row.providedBy ?? null, row.placeOfService ?? null],
  );
}

/** Writes `ecm_services` for a 'service' event; a retry or redelivery adds nothing. */
export async function projectService(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const minutes = numberField(event.detail, 'minutes');
  const service = stringField(event.detail, 'service');
  const inPerson = event.detail['inPerson'];
  if (minutes === undefined || !service || typeof inPerson !== 'boolean') return;
  const providedBy = stringField(event.detail, 'providedBy');
  const placeOfService = stringField(event.detail, 'placeOfService');
  await insertService(client, event, { minutes, service, inPerson, ...(providedBy ? { providedBy } : {}), ...(placeOfService ? { placeOfService } : {}) });
}

/** R-PAY-6U: an outreach attempt's minutes are outreach time, in person when its method was. */
export async function projectOutreachTime(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const minutes = numberField(event.detail, 'minutes');
  const method = stringField(event.detail, 'method');
  if (minutes === undefined || !method) return;
  const actor = stringField(event.detail, 'actor');
  await insertService(client, event, { minutes, service: 'outreach', inPerson: IN_PERSON_METHODS.includes(method as OutreachMethod), ...(actor ? { providedBy: actor } : {}) });
}
