/** The monthly files' answers: CSV with the file's name in Content-Disposition. */
import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { requestIdHeader } from './headers';

function csvFile(what: string, example: string): ZodOpenApiResponseObject {
  return {
    description: `${what} as CSV (RFC 4180, header row first), columns from the plan’s template or the default README documents.`,
    headers: z.object({
      'X-Request-Id': requestIdHeader,
      'Content-Disposition': z.string().meta({ description: 'The file’s name by the plan’s convention.', example: `attachment; filename="${example}"` }),
    }),
    content: { 'text/csv': { schema: { type: 'string' } } },
  };
}

export const REPORT_SUCCESS = {
  getReturnTransmissionFile: csvFile('The Return Transmission File', 'RTF_1234567893_052031.csv'),
  getOutreachTrackerFile: csvFile('The Outreach Tracker File', 'OTF_1234567893_052031.csv'),
  getStaffingCapacityReport: csvFile('The Staffing and Capacity report', 'CAPACITY_1234567893_052031.csv'),
} as const;
