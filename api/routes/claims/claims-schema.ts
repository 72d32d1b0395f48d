/** The claims routes' request schemas (issue 13). Strict: an unknown field or parameter is refused. */
import { z } from 'zod';
import { safeString, text } from '../../text';
import { dateSchema, instantSchema } from '../../timestamp';
import { MEMBER_ID_PATTERN, ORGANISATION_CODE_PATTERN } from '../../../src/infra/identity';
import { SERVICE_MONTH_PATTERN } from '../../../src/core/billing/claims-clock';

const organisation = () => safeString().regex(ORGANISATION_CODE_PATTERN);
const month = () => safeString().regex(SERVICE_MONTH_PATTERN, 'a service month as YYYY-MM (1900–2099)');

/** R-CLAIMS-60D: a batch of a provider-month's claims, marked submitted (the caller's timestamp, ECM-RULES §1). */
export const claimsSubmissionBody = z.strictObject({
  plan: organisation(),
  month: month(),
  /** The member-months the batch covers, by opaque member ID. */
  memberIds: z.array(safeString().regex(MEMBER_ID_PATTERN)).min(1).max(1000),
  submittedAt: instantSchema,
  batchId: text({ max: 64 }).regex(/^[A-Za-z0-9_.:-]+$/),
});
export type ClaimsSubmissionBody = z.infer<typeof claimsSubmissionBody>;

/** A provider's month: R-PAY-6U member-months. */
export const claimsMonthQuery = z.strictObject({
  provider: organisation(),
  month: month(),
  /** A plan's token: its own plan, the default. */
  plan: organisation().optional(),
});

/** A provider's month as claim lines (CSV): claims, or the DHCS invoice; the payable months, or the others with their reasons. */
export const claimLinesQuery = claimsMonthQuery.extend({
  format: z.enum(['claims', 'invoice']).optional(),
  months: z.enum(['payable', 'not-payable']).optional(),
});

/**
 * R-PAY-TIMELY: the plan's answer to a claim. Paid: when received (its date stamp) and paid (the
 * payment's date). Denied: when received and why; a denied claim may still have been clean
 * (counted, unpaid, in R-PAY-TIMELY), by default it was not.
 */
export const adjudicationBody = z
  .strictObject({
    outcome: z.enum(['paid', 'denied']),
    receivedAt: instantSchema,
    paidAt: instantSchema.optional(),
    denialReason: text({ max: 500 }).optional(),
    clean: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    const paid = b.outcome === 'paid';
    if (paid && b.paidAt === undefined) ctx.addIssue({ code: 'custom', path: ['paidAt'], message: 'a paid claim needs paidAt' });
    if (!paid && b.denialReason === undefined) ctx.addIssue({ code: 'custom', path: ['denialReason'], message: 'a denied claim needs denialReason' });
    if (!paid && b.paidAt !== undefined) ctx.addIssue({ code: 'custom', path: ['paidAt'], message: 'a denied claim has no paidAt' });
    if (paid && (b.denialReason !== undefined || b.clean !== undefined)) ctx.addIssue({ code: 'custom', path: [b.clean !== undefined ? 'clean' : 'denialReason'], message: 'only a denied claim has denialReason or clean' });
  });
export type AdjudicationBody = z.infer<typeof adjudicationBody>;

/** R-PAY-TIMELY: a provider's clean claims received from one local date to another (plan zone, inclusive). */
export const timelinessQuery = z.strictObject({
  provider: organisation(),
  from: dateSchema,
  to: dateSchema,
  plan: organisation().optional(),
});
