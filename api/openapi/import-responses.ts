/** Success answers of issue 12's routes (MIF, members import, reconciliation items), for the OpenAPI document. */
import { z } from 'zod';
import type { ImportOperationId } from '../routes/imports/routes';
import { memberIdSchema } from './response-schemas';

const accepted = z.object({ importId: z.string(), kind: z.enum(['mif', 'members']), totalRows: z.number().int(), links: z.object({ report: z.string() }) });

const report = z.object({
  importId: z.string(), kind: z.enum(['mif', 'members']), plan: z.string(), status: z.enum(['running', 'completed']),
  totalRows: z.number().int(), processed: z.number().int(),
  created: z.number().int(), reconciled: z.number().int(), unchanged: z.number().int(), rejected: z.number().int(),
  missing: z.number().int().meta({ description: 'Members with an open journey at one of the file’s providers whom no line named: each got a reconciliation item.' }),
  rejectedRows: z.array(z.object({ line: z.number().int(), reason: z.string() })).meta({ description: 'Every refused line and why (never a value from the file).' }),
  createdAt: z.string(), completedAt: z.string().nullable(),
  progress: z.object({ processed: z.number().int(), run: z.number().int() }).optional().meta({ description: 'While running: the workflow’s own count.' }),
});

const items = z.object({
  items: z.array(z.object({
    itemId: z.string(), plan: z.string(), providerId: z.string(), memberId: memberIdSchema, reason: z.enum(['no_longer_eligible', 'missing_from_mif']),
    importId: z.string(), openedAt: z.string(), resolvedAt: z.string().nullable(), resolution: z.enum(['discontinued', 'corrected']).nullable(),
  })),
});

export const IMPORT_SUCCESS: Record<ImportOperationId, { readonly description: string; readonly schema: z.ZodType }> = {
  importMif: { description: 'The file was kept and its import started (the same file again: the same import).', schema: accepted },
  getMifImport: { description: 'The import’s report.', schema: report },
  importMembers: { description: 'The file was kept and its import started (the same file again: the same import).', schema: accepted },
  getMemberImport: { description: 'The import’s report.', schema: report },
  listReconciliationItems: { description: 'The reconciliation items the caller may see, open first.', schema: items },
};
