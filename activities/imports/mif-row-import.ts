/**
 * One MIF row (issue 12 §1) against the member's journey:
 * - no open journey: a journey starts (source `mif`), authorized and assigned on the file's dates
 *   through the journey's own Updates, so R-DECLINE-1BD and R-LCM-72H run from the assignment;
 * - an open journey not yet authorized or assigned: the missing acts are sent;
 * - another provider: a reassignment by `assignProvider`, which the rules accept only as the
 *   change the member asked for (R-PROVIDER-CHANGE-30D); otherwise the row is refused with the rule's code;
 * - flagged ineligible: a reconciliation item for the provider (R-DISCONTINUE), never a discontinuation;
 * - eligible again with an open item: the plan's correction resolves it.
 * Every act's key names the import and the line, so a repeated batch repeats nothing.
 */
import { startOfLocalDate } from '../../src/core/calendar';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import type { MifRow } from '../../src/core/mif/mif-row';
import { deriveMemberId } from '../../src/infra/identity';
import { lineActed } from '../../src/infra/care-record/imports';
import { openReconciliationItem, resolveByCorrection } from '../../src/infra/care-record/reconciliation-items';
import { emitOrganisationEvent } from '../webhooks/emit-organisation-event';
import { act, runningJourney } from './journey-door';
import { importedReferralKey, startImportedJourney } from './imported-referral';
import type { ImportScope, RowResult } from './import-context';

const iso = (ms: number): string => new Date(ms).toISOString();

export async function importMifRow(scope: ImportScope, line: number, row: MifRow): Promise<RowResult> {
  const { deps, importId, plan, actor } = scope;
  const tz = resolvePlanPolicy(deps.plans, plan).calendar.timeZone;
  const memberId = deriveMemberId(deps.memberIdKey, plan, row.cin);
  // The file has dates, not instants: each act is taken at the start of its day in the plan's zone.
  const authorizedAt = iso(startOfLocalDate(row.authorizationDate, tz));
  const assignedAt = iso(startOfLocalDate(row.assignmentDate, tz));
  const keyPrefix = `mif:${importId}:${line}:`;
  const authorize = () => act(deps.door, memberId, 'decideAuthorization', 'authorization', { actionKey: `${keyPrefix}authorization`, actor, decision: 'approved', decidedAt: authorizedAt });
  const assign = () => act(deps.door, memberId, 'assignProvider', 'assignment', { actionKey: `${keyPrefix}assignment`, actor, providerId: row.providerId, assignedAt });

  let journey = await runningJourney(deps.door, memberId);
  const ownKey = importedReferralKey(scope, line);
  if (!journey || journey.referralKey === ownKey) {
    if (!journey && !row.eligible) return { outcome: 'rejected', reason: 'flagged no longer eligible, and the member has no open journey to reconcile' };
    if (!journey) {
      const contact = { ...(row.phone ? { phone: row.phone } : {}), ...(row.address ? { address: row.address } : {}) };
      const member = { cin: row.cin, name: { given: row.givenName, family: row.familyName }, dateOfBirth: row.dateOfBirth, ...(Object.keys(contact).length ? { contact } : {}) };
      await startImportedJourney(scope, { line, receivedAt: authorizedAt, source: 'mif', member, populationsOfFocus: row.populationsOfFocus });
    }
    // This line's own journey (perhaps started by an attempt before a restart): its acts, answered from memory if done.
    await authorize();
    await assign();
    return { outcome: 'created' };
  }

  const referralKey = journey.referralKey!;
  if (await lineActed(deps.pool, referralKey, keyPrefix)) {
    // An attempt before a restart acted already; finish what it began (repeats are answered from memory).
    journey = (await runningJourney(deps.door, memberId)) ?? journey;
  }
  const { state } = journey;
  if (!row.eligible) {
    const providerId = state.assignment?.providerId;
    if (!providerId) return { outcome: 'rejected', reason: 'flagged no longer eligible, and the journey has no provider to reconcile it' };
    const item = await openReconciliationItem(deps.pool, { plan, providerId, memberId, referralKey, reason: 'no_longer_eligible', importId });
    if (!item) return { outcome: 'unchanged' };
    await emitOrganisationEvent(deps, {
      type: 'reconciliation.opened',
      eventKey: `reconciliation.opened:${item.itemId}`,
      occurredAt: item.openedAt,
      organisations: [{ role: 'provider', organisation: providerId }, { role: 'plan', organisation: plan }],
      data: { itemId: item.itemId, memberId, providerId, reason: 'no_longer_eligible', rule: 'R-DISCONTINUE', importId },
    });
    return { outcome: 'reconciled' };
  }
  if (state.stage === 'REFERRED') await authorize();
  if (state.stage === 'REFERRED' || state.stage === 'AUTHORIZED' || state.assignment?.providerId !== row.providerId || (await lineActed(deps.pool, referralKey, keyPrefix))) {
    await assign();
    return { outcome: 'reconciled' };
  }
  return (await resolveByCorrection(deps.pool, referralKey, importId)) ? { outcome: 'reconciled' } : { outcome: 'unchanged' };
}
