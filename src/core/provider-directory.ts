/**
 * The provider directory: who each ECM provider organisation is to a plan (name, NPI, TIN, phone,
 * type) and its Lead Care Managers' contact details. The monthly files (RTF, OTF, Staffing and
 * Capacity, Guide §6.4, §11, §12) and claim lines (Guide §14) name providers and Lead Care Managers
 * by these; the journey itself knows only their opaque IDs. Configured in ECM_PLANS_FILE
 * (`providers` beside `plans` and `feeds`).
 */
import { z } from 'zod';

/** NPI check digit (CMS NPI standard): Luhn over the ten digits prefixed by the card issuer 80840. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    let d = digits[i]!;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(200);
const phone = z.string().trim().regex(/^\+?[0-9 ().-]{7,20}$/, 'a phone number');

/** A Lead Care Manager's contact, as the RTF names them. */
export const leadCareManagerEntrySchema = z.strictObject({ name, phone: phone.optional(), email: z.email().optional() });

/** One provider organisation. */
export const providerEntrySchema = z.strictObject({
  name,
  npi: z.string().refine(isValidNpi, 'a 10-digit NPI with a valid check digit'),
  /** The federal Tax Identification Number (EIN), nine digits. */
  tin: z.string().regex(/^\d{9}$/, 'nine digits'),
  phone: phone.optional(),
  /** The provider type as the plan's OTF names it (e.g. "CBO", "FQHC", "County BH"). */
  providerType: z.string().trim().min(1).max(64).optional(),
  /** Lead Care Managers by the careManagerId the API uses. */
  leadCareManagers: z.record(id, leadCareManagerEntrySchema).default({}),
});

export const providerDirectorySchema = z.record(id, providerEntrySchema);

export type LeadCareManagerEntry = z.infer<typeof leadCareManagerEntrySchema>;
export type ProviderEntry = z.infer<typeof providerEntrySchema>;
/** Providers by the providerId the API uses. */
export type ProviderDirectory = Readonly<Record<string, ProviderEntry>>;

/** A provider's entry, if the directory has one. */
export function providerEntry(directory: ProviderDirectory, providerId: string): ProviderEntry | undefined {
  return Object.hasOwn(directory, providerId) ? directory[providerId] : undefined;
}

/** A Lead Care Manager's entry under their provider, if the directory has one. */
export function leadCareManagerEntry(directory: ProviderDirectory, providerId: string, careManagerId: string): LeadCareManagerEntry | undefined {
  const provider = providerEntry(directory, providerId);
  return provider && Object.hasOwn(provider.leadCareManagers, careManagerId) ? provider.leadCareManagers[careManagerId] : undefined;
}
