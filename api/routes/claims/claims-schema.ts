/** The claims routes' request schemas (issue 13). Strict: an unknown field or parameter is refused. */
import { z } from 'zod';
import { safeString, text } from '../../text';
import { instantSchema } from '../../timestamp';
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
