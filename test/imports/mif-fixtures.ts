/**
 * MIF files for the import tests, generated: rows in the default column set, with the dates the
 * tests choose, and helpers to send a file and wait for its report.
 */
import { expect, vi } from 'vitest';
import { DEFAULT_MIF_COLUMNS, type MifField } from '../../src/core/mif/mif-columns';
import { bearer, caller, type TestSystem } from '../support/test-system';

export const PLAN = caller('plan', 'LA-CARE');

export type MifCells = Partial<Record<MifField, string>>;

/** A CSV row from cells (missing ones blank); values are plain (no commas or quotes). */
export function csvLine(cells: MifCells): string {
  return (Object.keys(DEFAULT_MIF_COLUMNS) as MifField[]).map((f) => cells[f] ?? '').join(',');
}

export function mifFile(rows: readonly string[]): string {
  return `${Object.values(DEFAULT_MIF_COLUMNS).join(',')}\n${rows.join('\n')}\n`;
}

/** A good row for a new member. */
export function memberRow(cin: string, providerId: string, authorized: string, assigned: string, over: MifCells = {}): MifCells {
  return { cin, familyName: 'Okafor', givenName: 'Chidi', dateOfBirth: '07/04/1975', providerId, authorizationDate: authorized, assignmentDate: assigned, eligibility: 'Y', populationsOfFocus: '1a;2', ...over };
}

/** `MM/DD/YYYY` of a `YYYY-MM-DD`. */
export function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

export async function postMif(sys: TestSystem, csv: string, batchSize: number, batchesPerRun?: number): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sys.baseUrl}/v1/mif?batchSize=${batchSize}${batchesPerRun ? `&batchesPerRun=${batchesPerRun}` : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...(await bearer(PLAN)) }, body: csv });
  return { status: res.status, body: await res.json() };
}

export async function reportOf(sys: TestSystem, path: string): Promise<any> {
  const res = await sys.request('GET', path, undefined, await bearer(PLAN));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Waits (real time, polling) until the import is complete; imports of a thousand rows take a while on a loaded machine. */
export async function completedReport(sys: TestSystem, path: string, timeout = 170_000): Promise<any> {
  return vi.waitFor(async () => {
    const report = await reportOf(sys, path);
    expect(report.status).toBe('completed');
    return report;
  }, { timeout, interval: 500 });
}
