/** The OpenAPI request bodies of the file uploads (issue 12). */
import type { ZodOpenApiOperationObject } from 'zod-openapi';

const MIF_EXAMPLE = 'Member CIN,Member Last Name,Member First Name,Member Date of Birth,ECM Provider ID,ECM Authorization Date,ECM Assignment Date,ECM Eligibility Indicator,Populations of Focus,Member Phone,Member Address\n91234567A,Rivera,Ana,04/12/1980,PROV-ACME,11/02/2026,11/03/2026,Y,1a;3,,\n';

export function fileRequestBody(operationId: string): ZodOpenApiOperationObject['requestBody'] {
  if (operationId === 'importMif') {
    return {
      required: true,
      description: 'The Member Information File: a header line, then one member per line, comma- or pipe-delimited; columns by the plan’s `mif` mapping (README: the default column set). Dates MM/DD/YYYY or YYYY-MM-DD. Up to 64 MB.',
      content: { 'text/csv': { schema: { type: 'string' }, example: MIF_EXAMPLE }, 'text/plain': { schema: { type: 'string' } } },
    };
  }
  return {
    required: true,
    description: 'JSON Lines, one member per line: `{"referral": <POST /v1/referrals body>, "acts": [{"action": "<operation ID>", "body": <that route’s body>}, ...]}`, acts in the order they happened. Up to 64 MB.',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  };
}
