/**
 * Nothing derived from PHI goes into a log line: an unexpected error is logged by its class and
 * codes, never its message, because a PostgreSQL message quotes the value it refused. Here a real
 * PostgreSQL error quotes a member's CIN, and neither the log nor the answer may hold it.
 */
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueCin } from '../support/referrals';
import { createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';

describe('error logging holds no PHI', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The care record refuses ADT messages by casting the CIN to a date: PostgreSQL's message
    // then reads `invalid input syntax for type date: "<the CIN>"`, as a real data error would.
    // As the schema's owner: the app's own role may not create triggers.
    const owner = new Pool({ connectionString: db.ownerUrl, max: 1 });
    await owner.query(`
      CREATE FUNCTION refuse_adt_by_cin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM (NEW.event->'member'->>'cin')::date; RETURN NEW; END $$;
      CREATE TRIGGER refuse_adt_by_cin BEFORE INSERT ON adt_messages FOR EACH ROW EXECUTE FUNCTION refuse_adt_by_cin();`);
    await owner.end();
    sys = await startTestSystem(db);
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  it('a PostgreSQL error quoting a CIN is logged by class and SQLSTATE only, and answered 500 without it', async () => {
    const cin = uniqueCin();
    const event = { messageId: `MSG-LOG-${cin}`, eventType: 'A01', plan: 'LA-CARE', member: { cin }, facility: { id: 'HOSP-1' }, visitId: 'V-LOG-1', patientClass: 'I', admitAt: new Date(await sys.now()).toISOString() };
    const res = await sys.request('POST', '/v1/adt', { events: [event] });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('internal_error');
    expect(JSON.stringify(res.body)).not.toContain(cin);
    const failed = sys.logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request failed');
    expect(failed).toHaveLength(1);
    // 22007 invalid_datetime_format, from node-postgres's DatabaseError.
    expect(failed[0].err).toMatchObject({ class: 'DatabaseError', code: '22007' });
    expect(sys.logLines.join('\n')).not.toContain(cin);
  });
});
