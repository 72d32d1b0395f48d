/** A claims month's search attributes: plan, provider, the R-CLAIMS-60D due instant while open, overdue. */
import { isOverdue } from '../../src/core/domain/deadline';
import type { ClaimsMonthState } from '../../src/contracts/claims-month';
import { EcmNextDeadline, EcmOverdue, EcmPlan, EcmProvider } from '../../src/contracts/search-attributes';
import { searchAttributePublisher } from '../shared/search-attribute-publisher';

/** Writes when the month's attributes change. */
export function claimsMonthAttributePublisher(): (state: ClaimsMonthState) => void {
  const publish = searchAttributePublisher(
    (s: { plan: string; providerId: string; dueAt: string | null; overdue: boolean }) => [
      { key: EcmPlan, value: s.plan },
      { key: EcmProvider, value: s.providerId },
      { key: EcmOverdue, value: s.overdue },
      { key: EcmNextDeadline, value: s.dueAt ? new Date(s.dueAt) : null },
    ],
    { onChangeOnly: true },
  );
  return (state) => publish({ plan: state.plan, providerId: state.providerId, dueAt: state.deadline.status === 'open' ? state.deadline.dueAt : null, overdue: isOverdue(state.deadline) });
}
