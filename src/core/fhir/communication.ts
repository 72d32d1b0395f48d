/**
 * R-DENIAL-NOA: each Notice of Action as a Communication: its type and reason, when it was decided
 * and sent, and whether the transport took it. Never the letter, which carries name and address.
 */
import type { Communication } from 'fhir/r4';
import * as cs from './code-systems';
import type { RecordNotice } from './member-record';
import { ECM_EPISODE_ID, fhirId, patientRef, ref } from './references';

/** Pending → `preparation`, sent → `completed`, failed → `not-done` (with the delivery error code). */
const STATUS: Readonly<Record<RecordNotice['deliveryStatus'], Communication['status']>> = {
  pending: 'preparation',
  sent: 'completed',
  failed: 'not-done',
};

export function noticeCommunication(memberId: string, notice: RecordNotice): Communication {
  return {
    resourceType: 'Communication',
    id: fhirId(notice.noticeId),
    identifier: [{ system: cs.NOTICE_ID, value: notice.noticeId }],
    status: STATUS[notice.deliveryStatus],
    ...(notice.deliveryStatus === 'failed' && notice.deliveryError ? { statusReason: { coding: [{ system: 'urn:ecm:delivery-error', code: notice.deliveryError }] } } : {}),
    category: [{ coding: [{ system: cs.ECM_CATEGORY, code: 'notice-of-action', display: 'Notice of Action' }] }],
    subject: patientRef(memberId),
    topic: { coding: [{ system: cs.NOTICE_TYPE, code: notice.type }] },
    about: [ref('EpisodeOfCare', ECM_EPISODE_ID)],
    ...(notice.sentAt ? { sent: notice.sentAt } : {}),
    // Recipients are roles (member, referring provider, …), not people.
    recipient: notice.recipients.map((r) => ({ display: r })),
    reasonCode: [{ text: notice.reason }],
    payload: [{ contentString: `Notice of Action (${notice.type}) decided ${notice.decidedAt}` }],
  };
}
