/**
 * `POST /v1/adt/hl7?plan=…`: raw HL7 v2 ADT messages, one or more per body, as a hospital or an HIE
 * sends them. Each message is answered with an HL7 ACK: AA accepted (a member with no open journey
 * is still accepted, and kept for reconciliation), AE a bad message with the error in MSA/ERR, AR
 * a message we do not take (unsupported event or version). The plan names whose members the feed
 * carries, since MSH-4 names the hospital, not the plan. At most 100 messages per request, each
 * counted against the plan's rate limit (see ../adt/adt-work-limit.ts).
 */
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { ackForResult, parseHl7Adt, type Hl7AdtResult } from '../../src/core/adt';
import type { RouteDependencies } from '../dependencies';
import { takeInAdtEvent } from '../adt/adt-intake';
import { boundAdtWork } from '../adt/adt-work-limit';
import { ApiError, ApiErrorCode } from '../problem';
import { parseQuery } from '../validation';
import { safeString } from '../text';
import { z } from 'zod';

/** The query: the plan whose feed this is, and nothing else. */
export const adtHl7Query = z.strictObject({
  plan: safeString()
    .regex(ORGANISATION_CODE_PATTERN, 'the plan whose feed this is must be named: ?plan=<plan code>')
    .meta({ description: 'The plan whose members the feed carries (a plan caller: its own).' }),
});

/** Answers the ACKs, one per message, in order. */
export function postAdtHl7(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const { plan } = parseQuery(adtHl7Query, req);
    const body = typeof req.body === 'string' ? req.body : '';
    if (!body.trim()) throw new ApiError(ApiErrorCode.InvalidBody, 'the body must be HL7 v2 text', { errors: [{ path: '(body)', message: 'empty' }] });
    const results = parseHl7Adt(body, { plan });
    // Every message counts, those answered AE or AR too: each is work the sender asked for.
    boundAdtWork(res, results.length);
    const receivedMs = await deps.clock();
    const acks: string[] = [];
    for (const result of results) {
      let acknowledged: Hl7AdtResult = result;
      if (result.ackCode === 'AA') {
        const { event } = result;
        if (!event.memberIdentifiers.cin) {
          acknowledged = {
            ackCode: 'AE',
            header: result.header,
            issues: [{ code: 101, segment: 'PID', position: 3, message: 'PID-3 carries no Medi-Cal CIN' }],
          };
        } else {
          await takeInAdtEvent(
            { pool: deps.pool, journeys: deps.journeys, memberIdKey: deps.config.memberIdKey },
            {
              messageId: event.messageId,
              eventType: event.eventType,
              plan,
              member: { cin: event.memberIdentifiers.cin },
              facility: { id: event.facility.id },
              visitId: event.visitId,
              patientClass: event.patientClass,
              ...(event.admitAt ? { admitAt: event.admitAt } : {}),
              ...(event.dischargeAt ? { dischargeAt: event.dischargeAt } : {}),
              ...(event.dischargeDisposition ? { dischargeDisposition: event.dischargeDisposition } : {}),
            },
            'hl7v2',
            receivedMs,
          );
        }
      }
      acks.push(ackForResult(acknowledged, { controlId: randomUUID().replace(/-/g, '').slice(0, 20), at: receivedMs, application: 'ECM-BACKBONE', facility: 'ECM' }));
    }
    res.status(200).type('x-application/hl7-v2+er7').send(acks.join('\n'));
  };
}
