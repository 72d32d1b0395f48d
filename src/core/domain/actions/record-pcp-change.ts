import type { JourneyState } from '../journey-state';
import { AUTHORIZED_STAGES, answer, checkTimestamp, inPlanTime, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { PLAN } from '../../roles';
import { journeyAction } from './journey-action';

/** The member's primary care provider (or participating provider group) changed. */
export interface PcpChangeInput extends ActionEnvelope {
  readonly pcpId: string;
  readonly providerGroup?: string;
  readonly at: string;
}

/** Refuses a PCP change that does not fit. */
export function checkPcpChange(state: JourneyState, input: PcpChangeInput, nowMs: number): void {
  requireStage(state, AUTHORIZED_STAGES, 'Recording a PCP change');
  checkTimestamp(state, input.at, nowMs);
}

/** R-PCP-CHANGE: the change is recorded and ECM goes on: no stage changes, nothing is discontinued. */
export function recordPcpChange(state: JourneyState, input: PcpChangeInput, nowMs: number): Transition {
  checkPcpChange(state, input, nowMs);
  const at = inPlanTime(state, Date.parse(input.at));
  const pcp = { pcpId: input.pcpId, since: at, ...(input.providerGroup ? { providerGroup: input.providerGroup } : {}) };
  return answer({ ...state, primaryCareProvider: pcp }, 'pcp-change', at);
}

/** R-PCP-CHANGE. */
export const recordPcpChangeAction = journeyAction({
  name: 'recordPcpChange',
  eventKind: 'pcp-change',
  stages: AUTHORIZED_STAGES,
  check: checkPcpChange,
  apply: recordPcpChange,
  route: {
    path: 'pcp-change',
    summary: 'The member’s primary care provider changed',
    roles: PLAN,
    rules: ['R-PCP-CHANGE'],
    body: (k) => k.z.strictObject({ pcpId: k.text({ max: 64 }), providerGroup: k.text({ max: 64 }).optional(), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
