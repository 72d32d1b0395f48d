/**
 * The access matrix's states and calls for issue 12's routes (the MIF, the members import, their
 * reports, reconciliation items), kept beside access-matrix.test.ts.
 */
import { expect } from 'vitest';
import type { Principal } from '../../src/infra/auth/principal';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, type TestSystem } from '../support/test-system';
import { csvLine, memberRow, mifFile } from '../imports/mif-fixtures';

export interface ImportTarget {
  readonly memberId?: string;
  readonly importId?: string;
}

/** A one-row MIF naming a new member of the provider, dated today. */
function oneRowMif(providerId: string, at: string): string {
  const day = at.slice(0, 10);
  return mifFile([csvLine(memberRow(uniqueCin(), providerId, day, day))]);
}

/** A one-member JSON Lines file: the referral only. */
function oneMemberFile(at: string): string {
  return `${JSON.stringify({ referral: referralBody(at), acts: [] })}\n`;
}

async function upload(sys: TestSystem, principal: Principal, path: string, type: string, text: string): Promise<string> {
  const res = await fetch(`${sys.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': type, ...(await bearer(principal)) }, body: text });
  const body = (await res.json()) as { importId: string };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.importId;
}

export function importStates(PLAN: Principal, PROVIDER: Principal) {
  return {
    /** An import of the own plan's MIF. */
    mifImport: async (sys: TestSystem): Promise<ImportTarget> => ({ importId: await upload(sys, PLAN, '/v1/mif?batchSize=10', 'text/csv', oneRowMif(PROVIDER.organisation, new Date(await sys.now()).toISOString())) }),
    /** An import of the own plan's members file. */
    memberImport: async (sys: TestSystem): Promise<ImportTarget> => ({ importId: await upload(sys, PLAN, '/v1/imports/members?batchSize=10', 'application/x-ndjson', oneMemberFile(new Date(await sys.now()).toISOString())) }),
  };
}

const NO_IMPORT = `imp_${'0'.repeat(32)}`;

export const IMPORT_FIXTURES = {
  importMif: { from: 'none', call: (_t, at) => ({ path: '/v1/mif?batchSize=10', file: { type: 'text/csv', text: oneRowMif('PROV-ACME', at) } }) },
  getMifImport: { from: 'mifImport', call: (t) => ({ path: `/v1/mif/${t.importId ?? NO_IMPORT}` }) },
  importMembers: { from: 'none', call: (_t, at) => ({ path: '/v1/imports/members?batchSize=10', file: { type: 'application/x-ndjson', text: oneMemberFile(at) } }) },
  getMemberImport: { from: 'memberImport', call: (t) => ({ path: `/v1/imports/members/${t.importId ?? NO_IMPORT}` }) },
  listReconciliationItems: { from: 'none', call: () => ({ path: '/v1/reconciliation-items' }) },
} as const satisfies Record<string, { readonly from: string; readonly call: (t: ImportTarget, at: string) => { readonly path: string; readonly file?: { readonly type: string; readonly text: string } } }>;
