/**
 * One HL7 v2 ADT message taken in, whichever transport carried it (`POST /v1/adt/hl7` or the MLLP
 * listener): an accepted parse goes through the one ADT intake (adt-intake.ts: stored, matched to
 * the journey, exactly once) and only then is its ACK made, so an AA always means the event is
 * durably in the care record. R-TCS-24H: the receipt instant starts the outreach clock.
 */
import { randomUUID } from 'node:crypto';
import { ackForResult, type Hl7AdtResult } from '../../src/core/adt';
import { type AdtIntakeDependencies, takeInAdtEvent } from './adt-intake';

/** How this receiver names itself in an ACK whose message left MSH-5/MSH-6 empty. */
const RECEIVER = { application: 'ECM-BACKBONE', facility: 'ECM' } as const;

/** The ACK of one message, after its event (if any) is durably taken in. `plan` is the feed's plan. */
export async function takeInHl7Message(deps: AdtIntakeDependencies, result: Hl7AdtResult, plan: string, receivedMs: number): Promise<string> {
  let acknowledged: Hl7AdtResult = result;
  if (result.ackCode === 'AA') {
    const { event } = result;
    if (!event.memberIdentifiers.cin) {
      acknowledged = { ackCode: 'AE', header: result.header, issues: [{ code: 101, segment: 'PID', position: 3, message: 'PID-3 carries no Medi-Cal CIN' }] };
    } else {
      await takeInAdtEvent(
        deps,
        {
          messageId: event.messageId,
          eventType: event.eventType,
          // A feed's own plan (MLLP) or the caller's (HTTP): the same one parseHl7Adt was given.
          plan: event.plan ?? plan,
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
        { ...(result.admitTimeSource ? { admitTimeSource: result.admitTimeSource } : {}), ...(result.feed ? { feed: result.feed } : {}) },
      );
    }
  }
  return ackForResult(acknowledged, { controlId: randomUUID().replace(/-/g, '').slice(0, 20), at: receivedMs, ...RECEIVER });
}
