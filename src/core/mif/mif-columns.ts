/**
 * Which column of a plan's Member Information File holds what. Plans publish their own templates,
 * so the header names come from the plan's `mif` block in ECM_PLANS_FILE; a plan that sets none
 * gets {@link DEFAULT_MIF_COLUMNS}, the column names of the public MIF templates.
 */
import { z } from 'zod';

/** The facts the import reads from a row. */
export const MIF_FIELDS = [
  'cin', 'familyName', 'givenName', 'dateOfBirth', 'providerId', 'authorizationDate', 'assignmentDate', 'eligibility', 'populationsOfFocus', 'phone', 'address',
] as const;
export type MifField = (typeof MIF_FIELDS)[number];

/** Fields a row must have a value for; the others may be absent or blank. */
export const REQUIRED_MIF_FIELDS: readonly MifField[] = ['cin', 'familyName', 'givenName', 'dateOfBirth', 'providerId', 'authorizationDate', 'assignmentDate'];

/** The default header of each field. */
export const DEFAULT_MIF_COLUMNS: Readonly<Record<MifField, string>> = {
  cin: 'Member CIN',
  familyName: 'Member Last Name',
  givenName: 'Member First Name',
  dateOfBirth: 'Member Date of Birth',
  providerId: 'ECM Provider ID',
  authorizationDate: 'ECM Authorization Date',
  assignmentDate: 'ECM Assignment Date',
  eligibility: 'ECM Eligibility Indicator',
  populationsOfFocus: 'Populations of Focus',
  phone: 'Member Phone',
  address: 'Member Address',
};

/** The plan's `mif` block: header names that differ from the default, and the values meaning "no longer eligible". */
export const mifMappingSchema = z.strictObject({
  columns: z.partialRecord(z.enum(MIF_FIELDS), z.string().trim().min(1).max(128)).optional(),
  /** Eligibility-indicator values that mean the member is no longer eligible (compared case-insensitively). */
  ineligibleValues: z.array(z.string().trim().min(1).max(32)).min(1).optional(),
});
export type MifMapping = z.infer<typeof mifMappingSchema>;

/** A plan's mapping with the defaults filled in. */
export interface ResolvedMifMapping {
  readonly columns: Readonly<Record<MifField, string>>;
  readonly ineligibleValues: readonly string[];
}

const DEFAULT_INELIGIBLE = ['N', 'NO', 'INELIGIBLE', '0'];

export function resolveMifMapping(mapping: MifMapping | undefined): ResolvedMifMapping {
  return {
    columns: { ...DEFAULT_MIF_COLUMNS, ...(mapping?.columns ?? {}) },
    ineligibleValues: (mapping?.ineligibleValues ?? DEFAULT_INELIGIBLE).map((v) => v.toUpperCase()),
  };
}
