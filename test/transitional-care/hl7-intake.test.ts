import { describe, expect, it } from 'vitest';
import { inOutreach } from '../support/journey-driver';
import { eventually, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, caller } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';

/** An A01 as a hospital's interface engine sends it: MSH, EVN, PID (with PHI), PV1; segments end in CR. */
function a01(cin: string, controlId: string, visit: string, pv1Extra = ''): string {
  return [
    `MSH|^~\\&|EPIC|GOODSAM^1234567890^NPI|ECMHUB|LACARE|20301117080500-0800||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
    'EVN|A01|20301117080000-0800',
    `PID|1||E7654321^^^GSMC^MR~${cin}^^^MEDI-CAL^MA||QUINTERO^ROSALIND^M||19610417|F|||1234 W SUNSET BLVD^^LOS ANGELES^CA^90026||^PRN^PH^^^213^5550142`,
    `PV1|1|I|4W^412^A^GOODSAM||||1234^ATTENDING^ALICE|||MED||||1|||||${visit}${pv1Extra}|||||||||||||||||||||||||20301117074500-0800`,
  ].join('\r');
}

describe('HL7 v2 ADT intake', () => {
  const { sys, db } = useJourneySystem();

  async function post(body: string, plan = 'LA-CARE') {
    const res = await fetch(`${sys().baseUrl}/v1/adt/hl7?plan=${plan}`, { method: 'POST', headers: { 'content-type': 'x-application/hl7-v2+er7', ...(await bearer(caller('plan', plan))) }, body });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  it('R-TCS-24H: a real A01 is acknowledged AA and starts the episode; a redelivery is AA with one effect', async () => {
    const cin = uniqueCin();
    const memberId = await inOutreach(sys(), AT, `LCM-${cin}`, { member: { ...(referralBody(AT).member as object), cin } });
    await sys().skipTo(Date.parse('2030-11-17T08:06:00-08:00'));
    const res = await post(a01(cin, 'CTRL-0001', 'VN-7788'));
    expect(res.status).toBe(200);
    expect(res.type).toContain('x-application/hl7-v2+er7');
    const [msh, msa] = res.text.split('\r');
    expect(msh).toMatch(/^MSH\|\^~\\&\|ECMHUB\|LACARE\|EPIC\|GOODSAM/);
    expect(msh).toContain('|ACK^A01^ACK|');
    expect(msa).toBe('MSA|AA|CTRL-0001');
    await eventually(async () => {
      const state = await stateOf(sys(), memberId);
      expect(state.transitions?.[0]?.deadlines?.map((d: { rule: string }) => d.rule)).toEqual(['R-TCS-24H']);
    });
    const again = await post(a01(cin, 'CTRL-0001', 'VN-7788'));
    expect(again.text.split('\r')[1]).toBe('MSA|AA|CTRL-0001');
    const rows = await db().pool.query(`SELECT format, status FROM adt_messages WHERE member_id = $1`, [memberId]);
    expect(rows.rows).toEqual([{ format: 'hl7v2', status: 'delivered' }]);
    // Neither the ACK nor the stored reason repeats the patient's name or birth date.
    expect(res.text + again.text).not.toMatch(/QUINTERO|ROSALIND|19610417/);
  });

  it('answers AE with MSA and ERR for a message missing its visit number, and AR for an event it does not take', async () => {
    const cin = uniqueCin();
    const bad = a01(cin, 'CTRL-0002', '');
    const unsupported = a01(cin, 'CTRL-0003', 'VN-1').replace('ADT^A01^ADT_A01', 'ADT^A99^ADT_A01').replace('EVN|A01', 'EVN|A99');
    const res = await post(`${bad}\r\n${unsupported}`);
    expect(res.status).toBe(200);
    const acks = res.text.split('\n');
    expect(acks).toHaveLength(2);
    const [first, second] = acks.map((ack) => ack.split('\r'));
    expect(first![1]).toMatch(/^MSA\|AE\|CTRL-0002\|.*PV1-19/);
    expect(first!.some((segment) => segment.startsWith('ERR|'))).toBe(true);
    expect(second![1]).toMatch(/^MSA\|AR\|CTRL-0003/);
    const rows = await db().pool.query(`SELECT count(*)::int AS n FROM adt_messages WHERE control_id IN ('CTRL-0002', 'CTRL-0003')`);
    expect(rows.rows[0].n).toBe(0);
  });

  it('accepts (AA) an event for a member with no journey and keeps it unmatched; the plan is the token’s, and a foreign ?plan= is refused', async () => {
    const cin = uniqueCin();
    await sys().skipTo(Date.parse('2030-11-17T08:06:00-08:00'));
    const res = await post(a01(cin, 'CTRL-0004', 'VN-9'));
    expect(res.text.split('\r')[1]).toBe('MSA|AA|CTRL-0004');
    const list = await sys().request('GET', '/v1/adt/unmatched');
    expect(list.body.unmatched).toContainEqual(expect.objectContaining({ messageId: 'CTRL-0004', cin, format: 'hl7v2' }));
    const noPlan = await fetch(`${sys().baseUrl}/v1/adt/hl7`, { method: 'POST', headers: await bearer(caller('plan', 'LA-CARE')), body: a01(cin, 'CTRL-0005', 'VN-9') });
    expect(noPlan.status).toBe(200);
    expect((await noPlan.text()).split('\r')[1]).toBe('MSA|AA|CTRL-0005');
    const stored = await db().pool.query(`SELECT plan FROM adt_messages WHERE control_id = 'CTRL-0005'`);
    expect(stored.rows).toEqual([{ plan: 'LA-CARE' }]);
    const foreign = await fetch(`${sys().baseUrl}/v1/adt/hl7?plan=HEALTH-NET`, { method: 'POST', headers: await bearer(caller('plan', 'LA-CARE')), body: a01(cin, 'CTRL-0006', 'VN-9') });
    expect(foreign.status).toBe(403);
  });
});
