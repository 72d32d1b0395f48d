/**
 * The journey at a glance in the Temporal UI (issue 14 §4): the workflow page's current details
 * (`setCurrentDetails`, read through the SDK's metadata query as the UI does) say the stage, the
 * Lead Care Manager, the open deadlines with their due instants in the plan's zone and the
 * breached ones, without PHI; `EcmNextRule` names the rule of the earliest open deadline.
 */
import { describe, expect, it } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { actAt, assignedJourney, deadlineReaches, eventually, iso, searchAttributesOf, useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';

const ACCEPTED = '2030-11-13T09:00:00.000-08:00';
const LCM_DUE = '2030-11-16T09:00:00.000-08:00';

describe('the journey at a glance', () => {
  const { sys } = useJourneySystem();
  const detailsOf = async (memberId: string): Promise<string> => {
    const metadata = await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    return metadata.currentDetails ?? '';
  };

  it('R-LCM-72H: current details and EcmNextRule follow the journey: the open deadline with its due instant, then breached; no PHI', async () => {
    const memberId = await assignedJourney(sys(), ACCEPTED, ACCEPTED);
    expect((await actAt(sys(), memberId, '/assignment/response', ACCEPTED, { response: 'accepted', at: ACCEPTED })).status).toBe(200);
    await eventually(async () => {
      const details = await detailsOf(memberId);
      expect(details).toContain('**Stage:** ASSIGNED');
      expect(details).toContain('**Lead Care Manager:** not named');
      expect(details).toContain('- **R-LCM-72H** due 2030-11-16T09:00-08:00 (due soon from 2030-11-15T09:00-08:00), provider');
    });
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmNextRule).toEqual(['R-LCM-72H']));

    await sys().skipTo(Date.parse(LCM_DUE) + 60_000);
    await deadlineReaches(sys(), memberId, 'R-LCM-72H', 'breached');
    await eventually(async () => expect(await detailsOf(memberId)).toContain('**Breached, awaiting the late act**\n\n- **R-LCM-72H** was due 2030-11-16T09:00-08:00, provider'));

    const at = iso(Date.parse(LCM_DUE) + 120_000);
    expect((await actAt(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-0042', at })).status).toBe(200);
    const details = await eventually(async () => {
      const d = await detailsOf(memberId);
      expect(d).toContain('**Lead Care Manager:** LCM-0042');
      expect(d).toContain('- **R-OUTREACH-30D** due ');
      return d;
    });
    expect(details).toContain('**Stage:** OUTREACH');
    const member = referralBody(ACCEPTED).member as { cin: string; name: { given: string; family: string }; dateOfBirth: string };
    for (const phi of [member.cin, member.name.given, member.name.family, member.dateOfBirth]) expect(details).not.toContain(phi);
  });
});
