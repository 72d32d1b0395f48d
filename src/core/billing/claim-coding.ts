/**
 * How a service becomes a claim line's code (Guide §14: national code sets defined by DHCS). The
 * seeds do not carry DHCS's coding table, so the default below is ours, documented in README
 * ("Getting paid"); a plan overrides any entry in ECM_PLANS_FILE (`billing.coding`), never in code.
 */
import type { CoreService } from './service-units';

/** A HCPCS code with its modifiers. */
export interface ClaimCode {
  readonly hcpcs: string;
  readonly modifiers: readonly string[];
}

/** In person, or not (phone, video: telehealth). */
export type ServiceSetting = 'in_person' | 'remote';

/** A coding table: `<core service>:<setting>` → code; missing entries fall back to the default. */
export type CodingTable = Readonly<Partial<Record<`${CoreService}:${ServiceSetting}`, ClaimCode>>>;

/**
 * The default: ECM core services as G9008 (U1 in person, U2 not in person), outreach attempts as
 * G9012 with U8; GQ marks telehealth on every service not given in person.
 */
export function defaultClaimCode(service: CoreService, setting: ServiceSetting): ClaimCode {
  const telehealth = setting === 'remote' ? ['GQ'] : [];
  if (service === 'outreach') return { hcpcs: 'G9012', modifiers: ['U8', ...telehealth] };
  return { hcpcs: 'G9008', modifiers: [setting === 'in_person' ? 'U1' : 'U2', ...telehealth] };
}

/** The code of a service under a plan's table. */
export function claimCodeOf(table: CodingTable, service: CoreService, setting: ServiceSetting): ClaimCode {
  return table[`${service}:${setting}`] ?? defaultClaimCode(service, setting);
}

/** CMS place-of-service codes: 99 other place (the community) in person, 02 telehealth, unless the service names one. */
export function placeOfServiceOf(setting: ServiceSetting, given?: string): string {
  return given ?? (setting === 'in_person' ? '99' : '02');
}
