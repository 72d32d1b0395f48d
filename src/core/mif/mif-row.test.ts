import { describe, expect, it } from 'vitest';
import { DEFAULT_MIF_COLUMNS, resolveMifMapping } from './mif-columns';
import { parseMifDate } from './mif-date';
import { missingColumns, readMifRow } from './mif-row';

const mapping = resolveMifMapping(undefined);
const header = Object.values(DEFAULT_MIF_COLUMNS);
const good = { cin: '91234567A', familyName: 'Rivera', givenName: 'Ana', dateOfBirth: '04/12/1980', providerId: 'PROV-ACME', authorizationDate: '11/02/2026', assignmentDate: '2026-11-03', eligibility: 'Y', populationsOfFocus: '1a;3', phone: '', address: '' };
const row = (over: Partial<typeof good> = {}) => Object.values({ ...good, ...over });

describe('MIF dates', () => {
  it('reads MM/DD/YYYY and ISO, and refuses days that do not exist or absurd years', () => {
    expect(parseMifDate('02/28/2026')).toBe('2026-02-28');
    expect(parseMifDate('2026-02-28')).toBe('2026-02-28');
    expect(parseMifDate('02/30/2026')).toBeUndefined();
    expect(parseMifDate('2026-13-01')).toBeUndefined();
    expect(parseMifDate('01/01/1899')).toBeUndefined();
    expect(parseMifDate('01/01/2101')).toBeUndefined();
    expect(parseMifDate('2/3/2026')).toBeUndefined();
  });
});

describe('a MIF row', () => {
  it('reads a good row with the default columns', () => {
    const r = readMifRow(header, row(), mapping, '2026-12-01');
    expect(r).toMatchObject({ ok: true, row: { cin: '91234567A', dateOfBirth: '1980-04-12', authorizationDate: '2026-11-02', assignmentDate: '2026-11-03', eligible: true, populationsOfFocus: ['1a', '3'] } });
  });

  it('reads the ineligible flag (R-DISCONTINUE)', () => {
    expect(readMifRow(header, row({ eligibility: 'n' }), mapping, '2026-12-01')).toMatchObject({ ok: true, row: { eligible: false } });
  });

  it('refuses a bad row with a reason naming the column, never the value', () => {
    const reasons = [
      readMifRow(header, row({ cin: 'X1' }), mapping, '2026-12-01'),
      readMifRow(header, row({ assignmentDate: '13/45/2026' }), mapping, '2026-12-01'),
      readMifRow(header, row({ assignmentDate: '12/02/2026' }), mapping, '2026-12-01'),
      readMifRow(header, row({ assignmentDate: '11/01/2026' }), mapping, '2026-12-01'),
      readMifRow(header, row({ familyName: '' }), mapping, '2026-12-01'),
      readMifRow(header, row().slice(1), mapping, '2026-12-01'),
    ].map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons).toEqual([
      'Member CIN: not a Medi-Cal CIN (8 to 14 letters and digits)',
      'ECM Assignment Date: not a date (MM/DD/YYYY or YYYY-MM-DD)',
      'ECM Assignment Date: in the future',
      'ECM Assignment Date: before the authorization',
      'Member Last Name: missing',
      `expected ${header.length} columns, found ${header.length - 1}`,
    ]);
    expect(reasons.join(' ')).not.toContain('Rivera');
  });

  it('follows a plan’s own column names', () => {
    const custom = resolveMifMapping({ columns: { cin: 'CIN' }, ineligibleValues: ['TERM'] });
    const h = header.map((name) => (name === DEFAULT_MIF_COLUMNS.cin ? 'CIN' : name));
    expect(missingColumns(header, custom)).toEqual(['CIN']);
    expect(readMifRow(h, row({ eligibility: 'term' }), custom, '2026-12-01')).toMatchObject({ ok: true, row: { eligible: false } });
  });
});
