import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASELOAD_LIMIT,
  activeLeadCareManagerOf,
  cancelReservation,
  caseloadOf,
  confirmLeadCareManager,
  pendingReservations,
  releaseLeadCareManager,
  reserveLeadCareManager,
  ReservationKeyConflictError,
  type LeadCareManagerReservation,
  type ReservationOutcome,
} from '../../src/infra/caseload';
import { createPool } from '../../src/infra/db/pool';
import { createTestDatabase, type TestDatabase } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';
const LATER = '2030-11-20T10:00:00.000-08:00';
const PLANS = ['LA-CARE', 'HEALTH-NET', 'CALOPTIMA'];
const ROUNDS = 10;

let db: TestDatabase;
/** Wide enough that dozens of transactions really overlap. */
let wide: Pool;
let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  wide = createPool(db.url, { max: 20 });
});
afterAll(async () => {
  await wide?.end();
  await db?.close();
});

/** Fresh names per test: all tests share one database. */
function scope(): { cm: (name: string) => string; member: (i: number) => string; key: (name: string) => string } {
  const s = ++seq;
  return { cm: (name) => `LCM-${name}-${s}`, member: (i) => `mbr_${s}_${i}`, key: (name) => `key:${s}:${name}` };
}

function naming(careManagerId: string, memberId: string, reservationKey: string, overrides: Partial<LeadCareManagerReservation> = {}): LeadCareManagerReservation {
  return { careManagerId, memberId, reservationKey, plan: 'LA-CARE', providerId: 'PROV-ACME', at: AT, ...overrides };
}

async function reserveAndConfirm(pool: Pool, r: LeadCareManagerReservation): Promise<ReservationOutcome> {
  const outcome = await reserveLeadCareManager(pool, r);
  if (outcome.ok) expect(await confirmLeadCareManager(pool, { reservationKey: r.reservationKey })).toMatchObject({ confirmed: true });
  return outcome;
}

/** Fills a Lead Care Manager with `n` confirmed members, cycling through the plans. */
async function fill(careManagerId: string, memberOf: (i: number) => string, keyOf: (name: string) => string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const outcome = await reserveAndConfirm(db.pool, naming(careManagerId, memberOf(i), keyOf(`fill-${i}`), { plan: PLANS[i % PLANS.length]! }));
    expect(outcome).toMatchObject({ ok: true, caseload: i + 1 });
  }
}

async function rowsOf(where: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const { rows } = await db.pool.query(`SELECT * FROM lead_care_manager_caseloads WHERE ${where} ORDER BY id`, params);
  return rows;
}
const openRowsOf = (careManagerId: string) => rowsOf('care_manager_id = $1 AND released_at IS NULL', [careManagerId]);
const activeRowsOfMember = (memberId: string) => rowsOf('member_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL', [memberId]);

describe('Lead Care Manager caseloads', () => {
  it('R-CASELOAD-50: the limit is 50', () => {
    expect(CASELOAD_LIMIT).toBe(50);
  });

  it('R-CASELOAD-50: fifty members fit, counted across three plans; the 51st is refused with caseload 50 and leaves no row', async () => {
    const { cm, member, key } = scope();
    await fill(cm('A'), member, key, 50);
    const plans = await db.pool.query('SELECT DISTINCT plan FROM lead_care_manager_caseloads WHERE care_manager_id = $1', [cm('A')]);
    expect(plans.rowCount).toBe(3);

    expect(await reserveLeadCareManager(db.pool, naming(cm('A'), member(50), key('51st'), { plan: 'CALOPTIMA' }))).toEqual({
      ok: false,
      reason: 'caseload_full',
      caseload: 50,
      limit: 50,
    });
    expect(await rowsOf('reservation_key = $1', [key('51st')])).toEqual([]);
    expect(await caseloadOf(db.pool, cm('A'))).toBe(50);
    // Another Lead Care Manager is not affected by A's caseload.
    expect(await reserveLeadCareManager(db.pool, naming(cm('B'), member(50), key('other')))).toEqual({ ok: true, caseload: 1 });
  });

  it('R-CASELOAD-50: releasing one member frees exactly one slot; releasing again frees nothing', async () => {
    const { cm, member, key } = scope();
    await fill(cm('A'), member, key, 50);
    expect(await releaseLeadCareManager(db.pool, { memberId: member(7), at: LATER, reason: 'graduated' })).toEqual({ released: true, careManagerId: cm('A') });
    expect(await releaseLeadCareManager(db.pool, { memberId: member(7), at: LATER, reason: 'graduated' })).toEqual({ released: false });
    expect(await caseloadOf(db.pool, cm('A'))).toBe(49);
    expect(await activeLeadCareManagerOf(db.pool, member(7))).toBeUndefined();

    expect(await reserveLeadCareManager(db.pool, naming(cm('A'), member(50), key('into-the-gap')))).toEqual({ ok: true, caseload: 50 });
    expect(await reserveLeadCareManager(db.pool, naming(cm('A'), member(51), key('one-too-many')))).toMatchObject({ ok: false, caseload: 50 });
    const [released] = await rowsOf('member_id = $1', [member(7)]);
    expect(released).toMatchObject({ release_reason: 'graduated', released_at: new Date(LATER) });
  });

  it(`R-CASELOAD-50: 80 concurrent reservations at one Lead Care Manager give exactly 50 slots, on each of ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { cm, member, key } = scope();
      const outcomes = await Promise.all(
        Array.from({ length: 80 }, (_, i) => reserveLeadCareManager(wide, naming(cm('RACE'), member(i), key(`${i}`), { plan: PLANS[i % PLANS.length]! }))),
      );
      const granted = outcomes.filter((o) => o.ok);
      const refused = outcomes.filter((o) => !o.ok);
      expect(granted).toHaveLength(50);
      expect(refused).toHaveLength(30);
      expect(refused.every((o) => !o.ok && o.reason === 'caseload_full' && o.caseload === 50 && o.limit === 50)).toBe(true);
      // The reservations ran one after another: each count 1..50 was handed out exactly once.
      expect(granted.map((o) => o.caseload).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await openRowsOf(cm('RACE'))).toHaveLength(50);

      // The journeys confirm all fifty at once: fifty active rows, caseload still 50.
      const keys = outcomes.flatMap((o, i) => (o.ok ? [key(`${i}`)] : []));
      const confirmed = await Promise.all(keys.map((reservationKey) => confirmLeadCareManager(wide, { reservationKey })));
      expect(confirmed.every((c) => c.confirmed)).toBe(true);
      expect(await rowsOf('care_manager_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL', [cm('RACE')])).toHaveLength(50);
      expect(await caseloadOf(db.pool, cm('RACE'))).toBe(50);
    }
  });

  it('R-CASELOAD-50: concurrent reservations, cancellations and releases never take a caseload past 50, on each of 5 rounds', async () => {
    for (let round = 0; round < 5; round++) {
      const { cm, member, key } = scope();
      // 40 confirmed members and 10 reservations in flight: full.
      for (let i = 0; i < 50; i++) {
        const r = naming(cm('MIX'), member(i), key(`held-${i}`));
        expect((i < 40 ? await reserveAndConfirm(wide, r) : await reserveLeadCareManager(wide, r)).ok).toBe(true);
      }
      let highest = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) highest = Math.max(highest, await caseloadOf(db.pool, cm('MIX')));
      })();
      const results = await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => cancelReservation(wide, { reservationKey: key(`held-${40 + i}`) })),
        ...Array.from({ length: 10 }, (_, i) => releaseLeadCareManager(wide, { memberId: member(i), at: LATER, reason: 'discontinued' })),
        ...Array.from({ length: 40 }, (_, i) => reserveLeadCareManager(wide, naming(cm('MIX'), member(100 + i), key(`new-${i}`)))),
      ]);
      sampling = false;
      await sampler;
      const granted = results.slice(20).filter((o) => (o as ReservationOutcome).ok).length;
      expect(highest).toBeLessThanOrEqual(50);
      expect(granted).toBeLessThanOrEqual(20);
      expect(await caseloadOf(db.pool, cm('MIX'))).toBe(30 + granted);
      expect(await openRowsOf(cm('MIX'))).toHaveLength(30 + granted);
    }
  });

  it('R-ONE-LCM: naming a second Lead Care Manager replaces the first once the journey confirms it; both counts are right at every step', async () => {
    const { cm, member, key } = scope();
    await reserveAndConfirm(db.pool, naming(cm('A'), member(1), key('first')));
    expect(await reserveLeadCareManager(db.pool, naming(cm('B'), member(1), key('second'), { at: LATER }))).toEqual({ ok: true, caseload: 1, replacedCareManagerId: cm('A') });
    // In flight: the new one holds a slot, the old one keeps the member until confirmation.
    expect([await caseloadOf(db.pool, cm('A')), await caseloadOf(db.pool, cm('B'))]).toEqual([1, 1]);
    expect(await activeLeadCareManagerOf(db.pool, member(1))).toMatchObject({ careManagerId: cm('A') });

    expect(await confirmLeadCareManager(db.pool, { reservationKey: key('second') })).toEqual({ confirmed: true, careManagerId: cm('B'), replacedCareManagerId: cm('A') });
    expect([await caseloadOf(db.pool, cm('A')), await caseloadOf(db.pool, cm('B'))]).toEqual([0, 1]);
    expect(await activeLeadCareManagerOf(db.pool, member(1))).toEqual({
      careManagerId: cm('B'),
      plan: 'LA-CARE',
      providerId: 'PROV-ACME',
      assignedAt: new Date(LATER).toISOString(),
      reservationKey: key('second'),
    });
    const [first] = await rowsOf('reservation_key = $1', [key('first')]);
    expect(first).toMatchObject({ release_reason: 'replaced', replaced_by_key: key('second'), released_at: new Date(LATER) });
    expect(await activeRowsOfMember(member(1))).toHaveLength(1);
  });

  it('R-ONE-LCM: concurrent namings of four Lead Care Managers for the same members leave exactly one active each, on each of 5 rounds', async () => {
    for (let round = 0; round < 5; round++) {
      const { cm, member, key } = scope();
      const members = Array.from({ length: 10 }, (_, m) => member(m));
      const lcms = ['D', 'E', 'F', 'G'].map(cm);
      // Half the members already have a Lead Care Manager that every naming replaces.
      for (const [m, memberId] of members.entries()) if (m % 2) await reserveAndConfirm(db.pool, naming(cm('OLD'), memberId, key(`old-${m}`)));
      const work = members.flatMap((memberId, m) => lcms.map((lcm) => ({ memberId, lcm, reservationKey: key(`${m}-${lcm}`) })));
      // Reserve all at once, then confirm all at once, as journeys accepting each naming would.
      const reserved = await Promise.all(work.map((w) => reserveLeadCareManager(wide, naming(w.lcm, w.memberId, w.reservationKey))));
      expect(reserved.every((o) => o.ok)).toBe(true);
      const confirmed = await Promise.all(work.map((w) => confirmLeadCareManager(wide, { reservationKey: w.reservationKey })));
      expect(confirmed.every((c) => c.confirmed)).toBe(true);
      for (const memberId of members) expect(await activeRowsOfMember(memberId)).toHaveLength(1);
      const counts = await Promise.all([...lcms, cm('OLD')].map((lcm) => caseloadOf(db.pool, lcm)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(members.length);
      expect(counts.at(-1)).toBe(0);
      // The same, but each naming reserved and confirmed as its own race.
      const raced = members.map((memberId) => `${memberId}-raced`);
      await Promise.all(raced.flatMap((memberId) => lcms.map((lcm) => reserveAndConfirm(wide, naming(lcm, memberId, key(`${memberId}-${lcm}`))))));
      for (const memberId of raced) expect(await activeRowsOfMember(memberId)).toHaveLength(1);
    }
  });

  it('R-ONE-LCM, R-CASELOAD-50: a cancelled change of Lead Care Manager restores the state before, and the old slot was never given away', async () => {
    const { cm, member, key } = scope();
    await fill(cm('A'), member, key, 50);
    const before = await rowsOf('care_manager_id = ANY($1)', [[cm('A'), cm('B')]]);

    expect(await reserveLeadCareManager(db.pool, naming(cm('B'), member(3), key('change'), { at: LATER }))).toEqual({ ok: true, caseload: 1, replacedCareManagerId: cm('A') });
    // Member 3 still holds A's slot while the change is in flight: A stays full.
    expect(await reserveLeadCareManager(db.pool, naming(cm('A'), member(99), key('squeeze')))).toMatchObject({ ok: false, caseload: 50 });

    // The journey refused the change.
    expect(await cancelReservation(db.pool, { reservationKey: key('change') })).toEqual({ outcome: 'cancelled' });
    expect(await cancelReservation(db.pool, { reservationKey: key('change') })).toEqual({ outcome: 'not_found' });
    expect([await caseloadOf(db.pool, cm('A')), await caseloadOf(db.pool, cm('B'))]).toEqual([50, 0]);
    expect(await activeLeadCareManagerOf(db.pool, member(3))).toMatchObject({ careManagerId: cm('A'), reservationKey: key('fill-3') });
    expect(await rowsOf('care_manager_id = ANY($1)', [[cm('A'), cm('B')]])).toEqual(before);
    // Confirming a cancelled reservation finds nothing.
    expect(await confirmLeadCareManager(db.pool, { reservationKey: key('change') })).toEqual({ confirmed: false, reason: 'not_found' });
  });

  it('R-CASELOAD-50: the same reservation key twice, even at once, holds one slot and gives the same answer', async () => {
    const { cm, member, key } = scope();
    await reserveAndConfirm(db.pool, naming(cm('A'), member(0), key('zero')));
    await reserveAndConfirm(db.pool, naming(cm('B'), member(1), key('b')));
    const r = naming(cm('A'), member(1), key('one'));
    const first = await reserveLeadCareManager(db.pool, r);
    expect(first).toEqual({ ok: true, caseload: 2, replacedCareManagerId: cm('B') });
    // Later changes do not alter the replayed answer.
    await releaseLeadCareManager(db.pool, { memberId: member(0), at: LATER, reason: 'discontinued' });
    expect(await reserveLeadCareManager(db.pool, r)).toEqual(first);
    const duplicates = await Promise.all(Array.from({ length: 10 }, () => reserveLeadCareManager(wide, naming(cm('A'), member(2), key('two')))));
    expect(new Set(duplicates.map((d) => JSON.stringify(d))).size).toBe(1);
    expect(await rowsOf('reservation_key = ANY($1)', [[key('one'), key('two')]])).toHaveLength(2);
    expect(await caseloadOf(db.pool, cm('A'))).toBe(2);

    // Confirming and cancelling are idempotent too; a confirmed reservation is not cancelled.
    const confirmed = await confirmLeadCareManager(db.pool, { reservationKey: key('one') });
    expect(confirmed).toEqual({ confirmed: true, careManagerId: cm('A'), replacedCareManagerId: cm('B') });
    expect(await confirmLeadCareManager(db.pool, { reservationKey: key('one') })).toEqual(confirmed);
    expect(await cancelReservation(db.pool, { reservationKey: key('one') })).toEqual({ outcome: 'confirmed' });
    expect(await activeLeadCareManagerOf(db.pool, member(1))).toMatchObject({ careManagerId: cm('A') });
  });

  it('R-CASELOAD-50: a reservation key reused for another naming is an error, not an answer', async () => {
    const { cm, member, key } = scope();
    await reserveLeadCareManager(db.pool, naming(cm('A'), member(1), key('k')));
    await expect(reserveLeadCareManager(db.pool, naming(cm('B'), member(1), key('k')))).rejects.toBeInstanceOf(ReservationKeyConflictError);
    await expect(reserveLeadCareManager(db.pool, naming(cm('A'), member(2), key('k')))).rejects.toBeInstanceOf(ReservationKeyConflictError);
    await expect(reserveLeadCareManager(db.pool, naming(cm('A'), member(1), key('k'), { at: LATER }))).rejects.toBeInstanceOf(ReservationKeyConflictError);
    // Reused at the same moment under two different locks: one wins, the other is told.
    const raced = await Promise.allSettled([cm('C'), cm('D')].map((lcm) => reserveLeadCareManager(wide, naming(lcm, member(3), key('raced')))));
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(raced.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(ReservationKeyConflictError) });
    expect(await rowsOf('reservation_key = $1', [key('raced')])).toHaveLength(1);
  });

  it('R-CASELOAD-50: a refused reservation stores nothing, so its retry after a slot frees up succeeds', async () => {
    const { cm, member, key } = scope();
    await fill(cm('A'), member, key, 50);
    const late = naming(cm('A'), member(50), key('late'));
    expect(await reserveLeadCareManager(db.pool, late)).toMatchObject({ ok: false, caseload: 50 });
    await releaseLeadCareManager(db.pool, { memberId: member(0), at: LATER, reason: 'discontinued' });
    expect(await reserveLeadCareManager(db.pool, late)).toEqual({ ok: true, caseload: 50 });
  });

  it('R-ONE-LCM, R-CASELOAD-50: naming the Lead Care Manager a member already has takes no second slot, even when full', async () => {
    const { cm, member, key } = scope();
    await fill(cm('A'), member, key, 50);
    expect(await reserveLeadCareManager(db.pool, naming(cm('A'), member(4), key('again')))).toEqual({ ok: true, caseload: 50 });
    expect(await caseloadOf(db.pool, cm('A'))).toBe(50);
    // Refused by the journey: cancelling it leaves the member's assignment alone.
    expect(await cancelReservation(db.pool, { reservationKey: key('again') })).toEqual({ outcome: 'cancelled' });
    expect(await activeLeadCareManagerOf(db.pool, member(4))).toMatchObject({ careManagerId: cm('A'), reservationKey: key('fill-4') });
    // Accepted by the journey: still one active row and one slot.
    await reserveLeadCareManager(db.pool, naming(cm('A'), member(4), key('again-2'), { at: LATER }));
    expect(await confirmLeadCareManager(db.pool, { reservationKey: key('again-2') })).toEqual({ confirmed: true, careManagerId: cm('A') });
    expect(await activeRowsOfMember(member(4))).toHaveLength(1);
    expect(await caseloadOf(db.pool, cm('A'))).toBe(50);
  });

  it('R-ONE-LCM: a release naming another Lead Care Manager or reservation than the active one is a no-op', async () => {
    const { cm, member, key } = scope();
    await reserveAndConfirm(db.pool, naming(cm('A'), member(1), key('a')));
    expect(await releaseLeadCareManager(db.pool, { memberId: member(1), careManagerId: cm('B'), at: LATER, reason: 'provider changed' })).toEqual({ released: false });
    expect(await releaseLeadCareManager(db.pool, { memberId: member(1), reservationKey: key('other'), at: LATER, reason: 'provider changed' })).toEqual({ released: false });
    expect(await caseloadOf(db.pool, cm('A'))).toBe(1);
    expect(await releaseLeadCareManager(db.pool, { memberId: member(1), careManagerId: cm('A'), reservationKey: key('a'), at: LATER, reason: 'provider changed' })).toEqual({
      released: true,
      careManagerId: cm('A'),
    });
    expect(await caseloadOf(db.pool, cm('A'))).toBe(0);
  });

  it('R-CASELOAD-50: reservations left pending (e.g. by a crash before the naming) are listed for reconciliation', async () => {
    const { cm, member, key } = scope();
    await reserveLeadCareManager(db.pool, naming(cm('A'), member(1), key('stuck')));
    await reserveAndConfirm(db.pool, naming(cm('A'), member(2), key('done')));
    const pending = await pendingReservations(db.pool, { reservedBefore: new Date(Date.now() + 60_000).toISOString() });
    expect(pending.filter((p) => p.careManagerId === cm('A'))).toEqual([{ reservationKey: key('stuck'), careManagerId: cm('A'), memberId: member(1), reservedAt: expect.any(String) }]);
  });

  it('rejects malformed requests before touching the database', async () => {
    const { cm, member, key } = scope();
    await expect(reserveLeadCareManager(db.pool, naming(cm('A'), member(1), key('x'), { at: 'tomorrow' }))).rejects.toThrow(RangeError);
    await expect(reserveLeadCareManager(db.pool, naming(cm('A'), member(1), key('x'), { limit: 0 }))).rejects.toThrow(RangeError);
    await expect(reserveLeadCareManager(db.pool, naming(' ', member(1), key('x')))).rejects.toThrow(TypeError);
    await expect(releaseLeadCareManager(db.pool, { memberId: member(1), at: AT, reason: '' })).rejects.toThrow(TypeError);
    expect(await caseloadOf(db.pool, cm('A'))).toBe(0);
  });
});
