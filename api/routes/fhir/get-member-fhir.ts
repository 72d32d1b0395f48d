/**
 * `GET /v1/members/:memberId/fhir`: the member's ECM record as a FHIR R4 Bundle (README "FHIR R4
 * export"). The access guard has let only the member's plan and assigned provider through and
 * audited the read; the Patient (PHI) comes only on `?include=patient`, and that read is audited
 * on its own, under {@link PATIENT_READ_ACTION}, before the demographics are read.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { memberBundle } from '../../../src/core/fhir/member-bundle';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { memberIdParam, parseQuery } from '../../validation';
import { readMemberDemographics, readMemberRecord } from './member-record-query';

/** Only `include=patient`; any other parameter is refused (400). */
export const memberFhirQuery = z.strictObject({
  include: z.literal('patient').optional().meta({ description: 'Add the member’s Patient resource (name, birth date, CIN, contact: PHI; audited).' }),
});

/** The audit action of the Patient's PHI read, beside the route's own `exportMemberFhir` row. */
export const PATIENT_READ_ACTION = 'exportMemberFhir:patient';

export const FHIR_CONTENT_TYPE = 'application/fhir+json';

export function getMemberFhir({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    const query = parseQuery(memberFhirQuery, req);
    const record = await readMemberRecord(pool, memberId);
    if (!record) throw new ApiError(ApiErrorCode.MemberNotFound, `no journey exists for member ${memberId}`);
    let demographics;
    if (query.include === 'patient') {
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal: callerOf(res), memberIds: [memberId], action: PATIENT_READ_ACTION, outcome: 'allowed' });
      demographics = await readMemberDemographics(pool, memberId);
    }
    res.type(FHIR_CONTENT_TYPE).send(JSON.stringify(memberBundle(record, new Date().toISOString(), demographics)));
  };
}
