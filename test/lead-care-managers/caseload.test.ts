import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASELOAD_LIMIT, cancelCaseloadReservation, caseloadOf, releaseCaseloadSlot, reserveCaseloadSlot } from '../../src/lead-care-managers/caseload';
import { createPool } from '../../src/db/pool';
import { createTestDatabase, type TestDatabase } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';
let db: TestDatabase;
let run = 0;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

function reservation(careManagerId: string, member: number, plan = 'LA-CARE') {
  return { reservationKey: `${careManagerId}:${member}:${run}`, memberId: `mbr_${run}_${member}`, careManagerId, plan, providerId: 'PROV-ACME', at: AT };
}

describe('Lead Care Manager caseloads', () => {
  it('R-CASELOAD-50: fifty members fit, counted across plans; the 51st is refused', async () => {
    run += 1;
    for (let i = 0; i < CASELOAD_LIMIT; i++) {
      expect(await reserveCaseloadSlot(db.pool, reservation('LCM-A', i, i % 2 ? 'HEALTH-NET' : 'LA-CARE'))).toMatchObject({ ok: true, caseload: i + 1 });
    }
    expect(await reserveCaseloadSlot(db.pool, reservation('LCM-A', 50, 'CALOPTIMA'))).toEqual({ ok: false, reason: 'caseload_full', caseload: 50, limit: 50 });
    await releaseCaseloadSlot(db.pool, { memberId: `mbr_${run}_7`, careManagerId: 'LCM-A', at: AT, reason: 'graduated' });
    expect(await reserveCaseloadSlot(db.pool, reservation('LCM-A', 50, 'CALOPTIMA'))).toMatchObject({ ok: true, caseload: 50 });
    expect(await caseloadOf(db.pool, 'LCM-A')).toBe(50);
  });

  it('R-CASELOAD-50: eighty concurrent assignments to one Lead Care Manager leave exactly fifty, on every one of five runs', async () => {
    // A pool wide enough that the eighty transactions really do overlap.
    const wide = createPool(db.url, { max: 20 });
    for (let round = 0; round < 5; round++) {
      run += 1;
      const outcomes = await Promise.all(Array.from({ length: 80 }, (_, i) => reserveCaseloadSlot(wide, reservation(`LCM-RACE-${run}`, i, ['LA-CARE', 'HEALTH-NET', 'CALOPTIMA'][i % 3]))));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(50);
      expect(outcomes.filter((o) => !o.ok)).toHaveLength(30);
      expect(await caseloadOf(db.pool, `LCM-RACE-${run}`)).toBe(50);
    }
    await wide.end();
  });

  it('R-ONE-LCM: naming another Lead Care Manager replaces the first, and concurrent namings leave exactly one active', async () => {
    run += 1;
    const first = reservation('LCM-B', 1);
    await reserveCaseloadSlot(db.pool, first);
    const second = { ...first, careManagerId: 'LCM-C', reservationKey: `swap:${run}` };
    expect(await reserveCaseloadSlot(db.pool, second)).toMatchObject({ ok: true, replacedCareManagerId: 'LCM-B' });
    expect([await caseloadOf(db.pool, 'LCM-B'), await caseloadOf(db.pool, 'LCM-C')]).toEqual([0, 1]);
    // A refused naming gives the slot back and restores the member's previous Lead Care Manager.
    await cancelCaseloadReservation(db.pool, second.reservationKey);
    expect([await caseloadOf(db.pool, 'LCM-B'), await caseloadOf(db.pool, 'LCM-C')]).toEqual([1, 0]);

    const member = reservation('LCM-D', 2);
    await Promise.all(['LCM-D', 'LCM-E', 'LCM-F', 'LCM-G'].map((lcm, i) => reserveCaseloadSlot(db.pool, { ...member, careManagerId: lcm, reservationKey: `race:${run}:${i}` })));
    const active = await db.pool.query('SELECT count(*)::int AS n FROM lead_care_manager_assignments WHERE member_id = $1 AND released_at IS NULL', [member.memberId]);
    expect(active.rows[0].n).toBe(1);
  });

  it('R-CASELOAD-50: the same reservation delivered twice holds one slot', async () => {
    run += 1;
    const r = reservation('LCM-H', 1);
    await reserveCaseloadSlot(db.pool, r);
    expect(await reserveCaseloadSlot(db.pool, r)).toMatchObject({ ok: true, caseload: 1 });
    const rows = await db.pool.query('SELECT count(*)::int AS n FROM lead_care_manager_assignments WHERE reservation_key = $1', [r.reservationKey]);
    expect(rows.rows[0].n).toBe(1);
  });
});
