import { describe, expect, it } from 'vitest';
import { ADT_EVENT_TYPES, isAdmission, TCS_TASKS } from './episode-state';

describe('episode state', () => {
  it('R-TCS-24H: A01 and A06 admit; A04 admits only as an emergency visit (class E); nothing else does', () => {
    const admits = ADT_EVENT_TYPES.flatMap((eventType) => ['I', 'E', 'O'].filter((patientClass) => isAdmission({ eventType, patientClass })).map((c) => `${eventType}/${c}`));
    expect(admits).toEqual(['A01/I', 'A01/E', 'A01/O', 'A04/E', 'A06/I', 'A06/E', 'A06/O']);
  });

  it('R-TCS-TASKS: the Guide’s transitional-care tasks, in its order', () => {
    expect(TCS_TASKS).toEqual([
      'facility_and_member_contacted',
      'discharge_risk_assessment',
      'discharge_summary_shared',
      'medication_reconciliation',
      'closed_loop_referrals',
      'transportation',
      'post_discharge_follow_up',
      'pcp_connection',
    ]);
  });
});
