/** The claims routes' answers (issue 13). */
import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { requestIdHeader, standardHeaders } from './headers';

const deadline = z.looseObject({ key: z.string(), rule: z.literal('R-CLAIMS-60D'), status: z.enum(['open', 'met', 'breached', 'cancelled']), dueAt: z.string(), fulfilledAt: z.string().optional(), documentedLate: z.boolean().optional() });

const submission = z
  .object({
    plan: z.string(), providerId: z.string(), month: z.string(), batchId: z.string(),
    claimIds: z.array(z.string()).meta({ description: 'One claim per member-month (`clm_` + a hash: no member named), for the plan’s adjudication.' }),
    deadline,
    batches: z.array(z.object({ batchId: z.string(), submittedAt: z.string(), members: z.number().int() })),
  })
  .meta({ id: 'ClaimsSubmission' });

const memberMonth = z.object({
  memberId: z.string(), units: z.number().int(), outreachUnits: z.number().int(), outreachUnitsNotAuthorized: z.number().int(),
  serviceDates: z.array(z.string()), reasons: z.array(z.object({ code: z.literal('fewer_than_6_units'), message: z.string() })),
});
const claimsMonths = z.object({ plan: z.string().nullable(), providerId: z.string(), month: z.string(), payable: z.array(memberMonth), notPayable: z.array(memberMonth) }).meta({ id: 'ClaimsMonths' });

const adjudication = z.object({ claimId: z.string(), status: z.enum(['paid', 'denied']), receivedAt: z.string(), paidAt: z.string().nullable(), clean: z.boolean() }).meta({ id: 'ClaimAdjudication' });
const timeliness = z
  .object({
    providerId: z.string(), plan: z.string().nullable(), from: z.string(), to: z.string(),
    targets: z.object({ within30Days: z.number(), within90Days: z.number() }),
    cleanClaims: z.number().int(), paidWithin30Days: z.number().int(), paidWithin90Days: z.number().int(),
    shareWithin30Days: z.number().nullable(), shareWithin90Days: z.number().nullable(), meetsTarget30: z.boolean().nullable(), meetsTarget90: z.boolean().nullable(),
  })
  .meta({ id: 'ClaimsTimeliness', description: 'R-PAY-TIMELY (Guide §15): 90% of clean claims paid within 30 days of receipt, 99% within 90.' });

export const CLAIMS_SUCCESS = {
  adjudicateClaim: { description: 'The claim’s adjudication as recorded.', headers: standardHeaders, content: { 'application/json': { schema: adjudication } } },
  getClaimsTimeliness: { description: 'The R-PAY-TIMELY figures.', headers: standardHeaders, content: { 'application/json': { schema: timeliness } } },
  submitClaims: { description: 'The batch is marked submitted; the month’s R-CLAIMS-60D clock as it now stands.', headers: standardHeaders, content: { 'application/json': { schema: submission } } },
  listClaimsMonths: { description: 'The month’s member-months under R-PAY-6U.', headers: standardHeaders, content: { 'application/json': { schema: claimsMonths } } },
  getClaimLines: {
    description: 'Claim lines (or the invoice, or the non-payable member-months) as CSV, header row first; columns in README “Getting paid”.',
    headers: z.object({ 'X-Request-Id': requestIdHeader, 'Content-Disposition': z.string().meta({ example: 'attachment; filename=CLAIMS_1234567893_2031-01.csv' }) }),
    content: { 'text/csv': { schema: { type: 'string' } } },
  },
} as const satisfies Record<string, ZodOpenApiResponseObject>;
