/**
 * One row of a Member Information File, read against the plan's column mapping. A row that cannot
 * be read is refused with a reason that names the column and what is wrong with it, never the
 * value (which is member data): the import report quotes reasons to the plan and to logs.
 */
import { POPULATION_OF_FOCUS_CODES, type PopulationOfFocusCode } from '../eligibility';
import type { LocalDate } from '../calendar';
import { REQUIRED_MIF_FIELDS, type MifField, type ResolvedMifMapping } from './mif-columns';
import { parseMifDate } from './mif-date';

/** What a row says about one member. */
export interface MifRow {
  readonly cin: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: LocalDate;
  readonly providerId: string;
  readonly authorizationDate: LocalDate;
  readonly assignmentDate: LocalDate;
  /** False when the eligibility indicator says the member is no longer eligible (R-DISCONTINUE). */
  readonly eligible: boolean;
  readonly populationsOfFocus: readonly PopulationOfFocusCode[];
  readonly phone?: string;
  readonly address?: string;
}

export type MifRowReading = { readonly ok: true; readonly row: MifRow } | { readonly ok: false; readonly reason: string };

const CIN = /^[0-9A-Za-z]{8,14}$/;
const PROVIDER_ID = /^[A-Za-z0-9_.-]{1,64}$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The header's missing columns (required fields only), by their names in the file. */
export function missingColumns(header: readonly string[], mapping: ResolvedMifMapping): string[] {
  const present = new Set(header.map((h) => h.trim()));
  return REQUIRED_MIF_FIELDS.map((f) => mapping.columns[f]).filter((name) => !present.has(name));
}

/** Reads one row; `today` (the plan's local date) bounds the file's dates. */
export function readMifRow(header: readonly string[], values: readonly string[], mapping: ResolvedMifMapping, today: LocalDate): MifRowReading {
  if (values.length !== header.length) return refuse(`expected ${header.length} columns, found ${values.length}`);
  const byName = new Map(header.map((h, i) => [h.trim(), values[i]!.trim()]));
  const cell = (field: MifField): string => byName.get(mapping.columns[field]) ?? '';
  for (const field of REQUIRED_MIF_FIELDS) if (!cell(field)) return refuse(`${mapping.columns[field]}: missing`);
  for (const value of values) if (CONTROL.test(value)) return refuse('a cell holds control characters');
  if (!CIN.test(cell('cin'))) return refuse(`${mapping.columns.cin}: not a Medi-Cal CIN (8 to 14 letters and digits)`);
  if (!PROVIDER_ID.test(cell('providerId'))) return refuse(`${mapping.columns.providerId}: not a provider ID`);
  for (const field of ['givenName', 'familyName'] as const) if (cell(field).length > 200) return refuse(`${mapping.columns[field]}: longer than 200 characters`);
  const dates: Partial<Record<'dateOfBirth' | 'authorizationDate' | 'assignmentDate', LocalDate>> = {};
  for (const field of ['dateOfBirth', 'authorizationDate', 'assignmentDate'] as const) {
    const date = parseMifDate(cell(field));
    if (!date) return refuse(`${mapping.columns[field]}: not a date (MM/DD/YYYY or YYYY-MM-DD)`);
    if (date > today) return refuse(`${mapping.columns[field]}: in the future`);
    dates[field] = date;
  }
  const { dateOfBirth, authorizationDate, assignmentDate } = dates as Required<typeof dates>;
  if (dateOfBirth > authorizationDate) return refuse(`${mapping.columns.dateOfBirth}: after the authorization`);
  if (assignmentDate < authorizationDate) return refuse(`${mapping.columns.assignmentDate}: before the authorization`);
  const pof = cell('populationsOfFocus').split(/[;,\s]+/).filter(Boolean);
  if (pof.length === 0) return refuse(`${mapping.columns.populationsOfFocus}: missing`);
  const unknown = pof.filter((code) => !(POPULATION_OF_FOCUS_CODES as readonly string[]).includes(code));
  if (unknown.length) return refuse(`${mapping.columns.populationsOfFocus}: unknown code`);
  const phone = cell('phone');
  const address = cell('address');
  return {
    ok: true,
    row: {
      cin: cell('cin').toUpperCase(),
      givenName: cell('givenName'),
      familyName: cell('familyName'),
      dateOfBirth,
      providerId: cell('providerId'),
      authorizationDate,
      assignmentDate,
      eligible: !mapping.ineligibleValues.includes(cell('eligibility').toUpperCase()),
      populationsOfFocus: [...new Set(pof)] as PopulationOfFocusCode[],
      ...(phone ? { phone: phone.slice(0, 32) } : {}),
      ...(address ? { address: address.slice(0, 500) } : {}),
    },
  };
}

function refuse(reason: string): MifRowReading {
  return { ok: false, reason };
}
