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

export const CLAIMS_SUCCESS = {
  submitClaims: { description: 'The batch is marked submitted; the month’s R-CLAIMS-60D clock as it now stands.', headers: standardHeaders, content: { 'application/json': { schema: submission } } },
  listClaimsMonths: { description: 'The month’s member-months under R-PAY-6U.', headers: standardHeaders, content: { 'application/json': { schema: claimsMonths } } },
  getClaimLines: {
    description: 'Claim lines (or the invoice, or the non-payable member-months) as CSV, header row first; columns in README “Getting paid”.',
    headers: z.object({ 'X-Request-Id': requestIdHeader, 'Content-Disposition': z.string().meta({ example: 'attachment; filename=CLAIMS_1234567893_2031-01.csv' }) }),
    content: { 'text/csv': { schema: { type: 'string' } } },
  },
} as const satisfies Record<string, ZodOpenApiResponseObject>;
