/** Referral bodies for tests: each gets a fresh CIN and referral ID so tests never share a member. */
let counter = 0;

/** Three random digits per test process, so runs and files differ; the counter never repeats within one. */
const processPrefix = String(Math.floor(Math.random() * 1_000)).padStart(3, '0');

/** A unique CIN-shaped identifier (8 digits + letter, like Medi-Cal's): never the same twice in a process. */
export function uniqueCin(): string {
  counter += 1;
  return `${processPrefix}${String(counter % 100_000).padStart(5, '0')}${'ABCDEFGHJK'[counter % 10]}`;
}

/** A routine community referral received at `receivedAt`; override any field. */
export function referralBody(receivedAt: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    referralId: `REF-${Date.now()}-${counter}-${Math.floor(Math.random() * 1e6)}`,
    receivedAt,
    plan: 'LA-CARE',
    member: {
      cin: uniqueCin(),
      name: { given: 'Rosalind', family: 'Quintero-Vasquez' },
      dateOfBirth: '1961-04-17',
      language: 'Spanish',
      contact: { phone: '+1-213-555-0142' },
    },
    source: 'community',
    populationsOfFocus: ['1a', '2'],
    expedited: false,
    presumptive: false,
    ...overrides,
  };
}

/** An instant one minute before or after `iso`, for edge tests. */
export function minuteBefore(iso: string): number {
  return Date.parse(iso) - 60_000;
}
export function minuteAfter(iso: string): number {
  return Date.parse(iso) + 60_000;
}

/** An ISO string for a millisecond instant, in UTC (the API accepts any offset). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
