import { describe, expect, it } from 'vitest';
import { isValidNpi, leadCareManagerEntry, providerDirectorySchema, providerEntry } from './provider-directory';

describe('the provider directory', () => {
  it('an NPI is ten digits whose check digit holds (Luhn over 80840 + NPI)', () => {
    // CMS's worked example: 123456789 with check digit 3.
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678931')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });

  it('refuses a bad NPI, a TIN that is not nine digits and unknown fields, by path', () => {
    const parsed = providerDirectorySchema.safeParse({ 'prov-1': { name: 'Hope CBO', npi: '1234567890', tin: '12-3456789', extra: 1 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['prov-1', 'prov-1.npi', 'prov-1.tin'].sort());
  });

  it('finds a provider and its Lead Care Manager, and nothing under an inherited name', () => {
    const directory = providerDirectorySchema.parse({ 'prov-1': { name: 'Hope CBO', npi: '1234567893', tin: '123456789', leadCareManagers: { 'lcm-7': { name: 'Dana Park', email: 'dana@hope.example' } } } });
    expect(providerEntry(directory, 'prov-1')?.tin).toBe('123456789');
    expect(leadCareManagerEntry(directory, 'prov-1', 'lcm-7')?.name).toBe('Dana Park');
    expect(leadCareManagerEntry(directory, 'prov-1', 'lcm-8')).toBeUndefined();
    expect(providerEntry(directory, 'toString')).toBeUndefined();
    expect(providerEntry(directory, 'prov-2')).toBeUndefined();
  });
});
