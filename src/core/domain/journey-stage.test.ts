import { describe, expect, it } from 'vitest';
import { AUTHORIZED_STAGES, ENROLLED_STAGES, isTerminalStage, JOURNEY_STAGES, PROVIDER_STAGES, TERMINAL_STAGES } from './journey-stage';
import * as actionSupport from './actions/action-support';
import { PROVIDER_STAGES as PROVIDER_CHANGE_STAGES } from './actions/request-provider-change';

/** The open stages from `first` on, in the order the journey moves through them. */
function openFrom(first: string): readonly string[] {
  const open = JOURNEY_STAGES.filter((s) => !isTerminalStage(s));
  return open.slice(open.indexOf(first as (typeof open)[number]));
}

describe('journey stage sets (ECM-RULES §5)', () => {
  it('every stage is either open or terminal; REFERRED and the authorized stages are the open ones', () => {
    expect(new Set([...TERMINAL_STAGES, 'REFERRED', ...AUTHORIZED_STAGES])).toEqual(new Set(JOURNEY_STAGES));
    expect(AUTHORIZED_STAGES.some((s) => isTerminalStage(s))).toBe(false);
    expect(isTerminalStage('REFERRED')).toBe(false);
  });

  it('the open stages from authorization, from assignment and from enrolment nest, each to the end of the open journey', () => {
    expect(AUTHORIZED_STAGES).toEqual(openFrom('AUTHORIZED'));
    expect(PROVIDER_STAGES).toEqual(openFrom('ASSIGNED'));
    expect(ENROLLED_STAGES).toEqual(openFrom('ENROLLED'));
  });

  it('the actions read the same sets', () => {
    expect(actionSupport.AUTHORIZED_STAGES).toBe(AUTHORIZED_STAGES);
    expect(actionSupport.ENROLLED_STAGES).toBe(ENROLLED_STAGES);
    expect(PROVIDER_CHANGE_STAGES).toBe(PROVIDER_STAGES);
  });
});
