/**
 * Property: whatever text field of a referral carries a control character (other than tab, CR, LF)
 * or an unpaired surrogate, the API answers 400 invalid_body naming that field, and no journey
 * starts: neither Temporal nor the care record ever hears of the member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkflowNotFoundError } from '@temporalio/client';
import { deriveMemberId } from '../../src/infra/identity';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { referralBody } from '../support/referrals';
import { createTestDatabase, startTestSystem, TEST_MEMBER_ID_KEY, type TestDatabase, type TestSystem } from '../support/test-system';

/** The referral's text fields, by path. (`plan` is checked too, but as a foreign plan: 403 before validation.) */
const TEXT_FIELDS = [
  ['referralId'],
  ['providerId'],
  ['member', 'cin'],
  ['member', 'name', 'given'],
  ['member', 'name', 'family'],
  ['member', 'language'],
  ['member', 'contact', 'phone'],
  ['member', 'contact', 'email'],
  ['member', 'contact', 'address'],
] as const;

const code = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
/** U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F–U+009F, or half of a surrogate pair. */
const unsafeCharacter = fc.oneof(code(0x00, 0x08), code(0x0b, 0x0c), code(0x0e, 0x1f), code(0x7f, 0x9f), code(0xd800, 0xdbff), code(0xdc00, 0xdfff));
const plain = fc.string({ unit: fc.constantFrom(...'abcXYZ0189 -.@'), maxLength: 8 });
const unsafeText = fc.tuple(plain, unsafeCharacter, plain).map(([before, bad, after]) => `${before}${bad}${after}`);

function withField(body: Record<string, any>, path: readonly string[], value: string): Record<string, any> {
  const copy = structuredClone(body);
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] ??= {};
  at[path.at(-1)!] = value;
  return copy;
}

let db: TestDatabase;
let sys: TestSystem;

beforeAll(async () => {
  db = await createTestDatabase();
  sys = await startTestSystem(db);
});

afterAll(async () => {
  await sys?.close();
  await db?.close();
});

describe('referral text fields (property)', () => {
  it('a control character or lone surrogate in any text field is 400 invalid_body naming it, and no workflow starts', async () => {
    const receivedAt = new Date(await sys.now()).toISOString();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_FIELDS), unsafeText, async (path, value) => {
        const body = withField(referralBody(receivedAt), path, value);
        const res = await sys.request('POST', '/v1/referrals', body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.code).toBe('invalid_body');
        expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path.join('.')]);
        const memberId = deriveMemberId(TEST_MEMBER_ID_KEY, body.plan, body.member.cin.trim());
        expect((await sys.request('GET', `/v1/members/${memberId}`)).status).toBe(404);
        await expect(sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      }),
      { numRuns: 60 },
    );
    // Nothing reached the care record either.
    const { rows } = await db.pool.query('SELECT (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM member_journeys)::int AS journeys');
    expect(rows[0]).toEqual({ referrals: 0, journeys: 0 });
  });
});
