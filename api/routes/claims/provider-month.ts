/** A provider's month judged under R-PAY-6U from the care record, with its claim lines. */
import type { RouteDependencies } from '../../dependencies';
import { resolvePlanPolicy } from '../../../src/core/plan-policies';
import { billingPolicyOf } from '../../../src/core/domain/plan-policy';
import { claimLinesOf, judgeMemberMonths, type ClaimLine, type MemberMonth } from '../../../src/core/billing/member-months';
import { providerMonthOf } from '../../../src/infra/billing/provider-month';

/** The month's member-months and the claim lines of its payable ones. */
export interface JudgedProviderMonth {
  readonly memberMonths: readonly MemberMonth[];
  readonly lines: readonly ClaimLine[];
  readonly takesInvoices: boolean;
}

/** R-PAY-6U over the month's services, under the plan's rounding and coding table. */
export async function judgedProviderMonth(deps: RouteDependencies, plan: string, providerId: string, month: string): Promise<JudgedProviderMonth> {
  const billing = billingPolicyOf(resolvePlanPolicy(deps.config.plans, plan));
  if (!plan) return { memberMonths: [], lines: [], takesInvoices: billing.takesInvoices };
  const record = await providerMonthOf(deps.pool, plan, providerId, month);
  const memberMonths = judgeMemberMonths(providerId, record.services, record.periodsOf, billing);
  return { memberMonths, lines: claimLinesOf(memberMonths, record.services, record.periodsOf, billing), takesInvoices: billing.takesInvoices };
}
