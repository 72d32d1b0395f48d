/**
 * A hospital feed over MLLP into the real system (time-skipping Temporal, PostgreSQL, the intake of
 * `POST /v1/adt/hl7`), sent with a real HL7 client library (@medplum/hl7's Hl7Client) and, for what
 * no well-behaved client sends, a raw socket.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { afterEach, describe, expect, it } from 'vitest';
import { mllpAdtHandler } from '../../api/adt/mllp-adt-handler';
import { createJourneyGateway } from '../../api/journey-gateway';
import type { Hl7Feeds } from '../../src/core/plan-policies';
import { createLogger } from '../../src/infra/logger';
import { mllpFrame } from '../../src/infra/mllp/mllp-framer';
import { type MllpServer, type MllpServerOptions, startMllpServer } from '../../src/infra/mllp/mllp-server';
import { inOutreach } from '../support/journey-driver';
import { eventually, stateOf, useJourneySystem } from '../support/journey-test';
import { connectRaw, msaOf } from '../support/mllp-raw';
import { referralBody, uniqueCin } from '../support/referrals';
import { makeTestCertificates } from '../support/test-certificates';
import { bearer, caller, TASK_QUEUE, TEST_MEMBER_ID_KEY, type TestSystem } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';
const OID = '2.16.840.1.113883.3.7777';
const FEEDS: Hl7Feeds = {
  'goodsam-adt': {
    plan: 'LA-CARE',
    sendingFacilities: ['GOODSAM'],
    identifierRules: { cinRules: [{ assigningAuthority: OID, identifierType: 'PI' }] },
    admitTime: 'evn-2',
  },
  'stmary-adt': { plan: 'LA-CARE', sendingFacilities: ['STMARY'] },
  'valley-adt': { plan: 'LA-CARE', sendingFacilities: ['VALLEY'], clientCertificateNames: ['valley-engine'] },
};

interface Spec {
  readonly event?: 'A01' | 'A03';
  readonly facility?: string;
  readonly cinCx?: (cin: string) => string;
  readonly admitAt?: string;
  readonly dischargeAt?: string;
}

/** An ADT message as Good Samaritan's engine sends it, PHI included. */
function adt(cin: string, controlId: string, visit: string, spec: Spec = {}): string {
  const event = spec.event ?? 'A01';
  const cx = (spec.cinCx ?? ((c) => `${c}^^^MEDI-CAL^MA`))(cin);
  const pv1 = [`PV1|1|I|4W^412^A^GOODSAM||||1234^ATTENDING^ALICE|||MED||||1|||||${visit}`, ...Array<string>(16).fill(''), '01', ...Array<string>(7).fill(''), spec.admitAt ?? '20301117074500-0800', spec.dischargeAt ?? ''];
  return [
    `MSH|^~\\&|EPIC|${spec.facility ?? 'GOODSAM'}^1234567890^NPI|ECMHUB|LACARE|20301117080500-0800||ADT^${event}^ADT_A01|${controlId}|P|2.5.1`,
    `EVN|${event}|20301117080000-0800`,
    `PID|1||E7654321^^^GSMC^MR~${cx}||QUINTERO^ROSALIND^M||19610417|F|||1234 W SUNSET BLVD^^LOS ANGELES^CA^90026`,
    pv1.join('|'),
  ].join('\r');
}

describe('HL7 ADT over MLLP', () => {
  const { sys, db } = useJourneySystem({ feeds: FEEDS });
  const logLines: string[] = [];
  let listener: MllpServer | undefined;
  const clients: Hl7Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await listener?.close();
    listener = undefined;
  });

  async function listen(system: TestSystem, port = 0, tls?: MllpServerOptions['tls']): Promise<number> {
    const handler = mllpAdtHandler({
      pool: system.pool,
      journeys: createJourneyGateway(system.client, TASK_QUEUE),
      memberIdKey: TEST_MEMBER_ID_KEY,
      feeds: FEEDS,
      log: createLogger('info', { write: (line: string) => void logLines.push(line) }),
      clock: () => system.now(),
    });
    listener = await startMllpServer({ port, host: '127.0.0.1', ...(tls ? { tls } : {}) }, handler);
    return listener.port;
  }
  function client(port: number): Hl7Client {
    const c = new Hl7Client({ host: '127.0.0.1', port });
    clients.push(c);
    return c;
  }
  async function send(c: Hl7Client, text: string): Promise<[string, string]> {
    return msaOf((await c.sendAndWait(Hl7Message.parse(text), { timeoutMs: 30_000 })).toString());
  }
  async function member(): Promise<{ cin: string; memberId: string }> {
    const cin = uniqueCin();
    const memberId = await inOutreach(sys(), AT, `LCM-${cin}`, { member: { ...(referralBody(AT).member as object), cin } });
    await sys().skipTo(Date.parse('2030-11-17T08:06:00-08:00'));
    return { cin, memberId };
  }

  it('R-TCS-24H R-TCS-7D: an A01 then an A03 on one connection make a discharged transitional-care episode', async () => {
    const { cin, memberId } = await member();
    const c = client(await listen(sys()));
    expect(await send(c, adt(cin, 'GS-0001', 'VN-100'))).toEqual(['AA', 'GS-0001']);
    // The AA came after durable intake: the row is there the moment the ACK is.
    const rows = await db().pool.query(`SELECT status, event->>'feed' AS feed FROM adt_messages WHERE control_id = 'GS-0001'`);
    expect(rows.rows).toEqual([{ status: 'delivered', feed: 'goodsam-adt' }]);
    expect(await send(c, adt(cin, 'GS-0002', 'VN-100', { event: 'A03', dischargeAt: '20301118100000-0800' }))).toEqual(['AA', 'GS-0002']);
    const episode = await eventually(async () => {
      const state = await stateOf(sys(), memberId);
      expect(state.transitions?.[0]?.status).toBe('discharged');
      return state.transitions[0];
    });
    expect(episode.deadlines.map((d: { rule: string }) => d.rule)).toEqual(expect.arrayContaining(['R-TCS-24H', 'R-TCS-7D', 'R-TCS-30D']));
    const audit = await db().pool.query(`SELECT actor_id, outcome FROM audit_events WHERE action = 'receiveAdtMllp' AND actor_id = 'mllp:goodsam-adt'`);
    expect(audit.rows.length).toBeGreaterThanOrEqual(2);
    expect(logLines.join('\n')).not.toMatch(/QUINTERO|ROSALIND|19610417|SUNSET/);
  });

  it('a resent control ID is answered AA again and takes effect once', async () => {
    const { cin, memberId } = await member();
    const c = client(await listen(sys()));
    expect(await send(c, adt(cin, 'GS-0100', 'VN-200'))).toEqual(['AA', 'GS-0100']);
    expect(await send(c, adt(cin, 'GS-0100', 'VN-200'))).toEqual(['AA', 'GS-0100']);
    const rows = await db().pool.query(`SELECT status FROM adt_messages WHERE member_id = $1`, [memberId]);
    expect(rows.rows).toEqual([{ status: 'delivered' }]);
    await eventually(async () => expect((await stateOf(sys(), memberId)).episodes).toHaveLength(1));
  });

  it('answers messages written back to back in one write, in order; a connection dropped mid-frame loses only its frame', async () => {
    const { cin } = await member();
    const port = await listen(sys());
    const raw = await connectRaw(port);
    await raw.write(Buffer.concat(['GS-0200', 'GS-0201', 'GS-0202'].map((id, n) => mllpFrame(adt(cin, id, `VN-3${n}`)))));
    expect((await raw.waitForAnswers(3)).map(msaOf)).toEqual([['AA', 'GS-0200'], ['AA', 'GS-0201'], ['AA', 'GS-0202']]);
    await raw.write(mllpFrame(adt(cin, 'GS-0203', 'VN-33')).subarray(0, 60));
    raw.destroy();
    expect(await send(client(port), adt(cin, 'GS-0204', 'VN-34'))).toEqual(['AA', 'GS-0204']);
    const rows = await db().pool.query(`SELECT control_id FROM adt_messages WHERE control_id LIKE 'GS-02%' ORDER BY control_id`);
    expect(rows.rows.map((r) => r.control_id)).toEqual(['GS-0200', 'GS-0201', 'GS-0202', 'GS-0204']);
  });

  it('refuses (AR) a sending facility on no feed, and another feed’s facility on a connection already bound', async () => {
    const { cin } = await member();
    const port = await listen(sys());
    const deniedBefore = await db().pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'receiveAdtMllp' AND outcome = 'denied'`);
    expect(await send(client(port), adt(cin, 'XX-0001', 'VN-40', { facility: 'UNKNOWN' }))).toEqual(['AR', 'XX-0001']);
    const bound = client(port);
    expect(await send(bound, adt(cin, 'GS-0300', 'VN-41'))).toEqual(['AA', 'GS-0300']);
    expect(await send(bound, adt(cin, 'SM-0001', 'VN-42', { facility: 'STMARY' }))).toEqual(['AR', 'SM-0001']);
    // St Mary's own connection is taken.
    expect(await send(client(port), adt(cin, 'SM-0002', 'VN-43', { facility: 'STMARY' }))).toEqual(['AA', 'SM-0002']);
    const rows = await db().pool.query(`SELECT control_id FROM adt_messages WHERE control_id IN ('XX-0001', 'SM-0001')`);
    expect(rows.rows).toEqual([]);
    const denied = await db().pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'receiveAdtMllp' AND outcome = 'denied'`);
    expect(denied.rows[0].n - deniedBefore.rows[0].n).toBe(2);
  });

  it('a listener restart between messages: the message before is kept, the one after is taken on a new connection', async () => {
    const { cin, memberId } = await member();
    const port = await listen(sys());
    expect(await send(client(port), adt(cin, 'GS-0400', 'VN-50'))).toEqual(['AA', 'GS-0400']);
    for (const c of clients.splice(0)) await c.close();
    await listener!.close();
    await listen(sys(), port);
    expect(await send(client(port), adt(cin, 'GS-0401', 'VN-50', { event: 'A03', dischargeAt: '20301118100000-0800' }))).toEqual(['AA', 'GS-0401']);
    await eventually(async () => expect((await stateOf(sys(), memberId)).transitions?.[0]?.status).toBe('discharged'));
  });

  it('a CIN under an OID authority (type PI) is taken by the feed’s rule; the default feed refuses the same message', async () => {
    const { cin, memberId } = await member();
    const oid = (c: string) => `${c}^^^&${OID}&ISO^PI`;
    expect(await send(client(await listen(sys())), adt(cin, 'GS-0500', 'VN-60', { cinCx: oid }))).toEqual(['AA', 'GS-0500']);
    await eventually(async () => expect((await stateOf(sys(), memberId)).transitions?.[0]?.deadlines?.[0]?.rule).toBe('R-TCS-24H'));
    // HEALTH-NET configures no feed: the default rules see no CIN in it.
    const res = await fetch(`${sys().baseUrl}/v1/adt/hl7`, { method: 'POST', headers: await bearer(caller('plan', 'HEALTH-NET')), body: adt(cin, 'GS-0501', 'VN-61', { cinCx: oid }) });
    const [, msa] = (await res.text()).split('\r');
    expect(msa).toBe('MSA|AE|GS-0501|PID-3 carries no Medi-Cal CIN');
  });

  it('R-TCS-24H: an A01 without PV1-44 is dated from EVN-2 on a feed that says so, recorded; the default feed answers AE', async () => {
    const { cin } = await member();
    const noAdmit = adt(cin, 'GS-0600', 'VN-70', { admitAt: '' });
    expect(await send(client(await listen(sys())), noAdmit)).toEqual(['AA', 'GS-0600']);
    const rows = await db().pool.query(`SELECT event->>'admitAt' AS "admitAt", event->>'admitTimeSource' AS source FROM adt_messages WHERE control_id = 'GS-0600'`);
    expect(rows.rows).toEqual([{ admitAt: '2030-11-17T08:00:00.000-08:00', source: 'EVN-2' }]);
    const res = await fetch(`${sys().baseUrl}/v1/adt/hl7`, { method: 'POST', headers: await bearer(caller('plan', 'HEALTH-NET')), body: noAdmit.replace('GS-0600', 'GS-0601') });
    expect((await res.text()).split('\r')[1]).toBe('MSA|AE|GS-0601|PV1-44 admit date/time (or EVN-6) is required for an admission');
  });

  it('over TLS, a feed that names its senders’ certificates takes only those: another certificate cannot write its MSH-4', async () => {
    const { cin } = await member();
    const certificates = makeTestCertificates(['valley-engine', 'rogue-engine']);
    const port = await listen(sys(), 0, { ...certificates.server, ca: certificates.ca });
    const answersOf = async (cn: string, text: string) => {
      const peer = await connectRaw(port, { ca: certificates.ca, ...certificates.clients[cn]!, servername: 'localhost' });
      try {
        await peer.write(mllpFrame(text));
        return (await peer.waitForAnswers(1)).map(msaOf);
      } finally {
        peer.destroy();
      }
    };
    expect(await answersOf('rogue-engine', adt(cin, 'VA-0001', 'VN-80', { facility: 'VALLEY' }))).toEqual([['AR', 'VA-0001']]);
    expect(await answersOf('valley-engine', adt(cin, 'VA-0002', 'VN-81', { facility: 'VALLEY' }))).toEqual([['AA', 'VA-0002']]);
    const rows = await db().pool.query(`SELECT control_id, event->>'feed' AS feed FROM adt_messages WHERE control_id LIKE 'VA-%'`);
    expect(rows.rows).toEqual([{ control_id: 'VA-0002', feed: 'valley-adt' }]);
  });
});
