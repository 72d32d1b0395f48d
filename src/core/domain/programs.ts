/**
 * Programs a member may also be in (ECM-RULES §4, Guide §5.3): complementary ones coordinate with
 * ECM, duplicative ones make the member choose (R-DUPLICATIVE), excluded ones end ECM (R-EXCLUDED).
 */
export const COMPLEMENTARY_PROGRAMS = [
  'CCS', 'SMHS TCM', 'SMHS ICC', 'DMC-ODS/DMC care coordination', 'FSP', 'HCPCFC', 'IHSS', 'GHPP', 'CCS WCM', 'CBAS',
  'Medi-Cal MCP + Medicare FFS', 'Medi-Cal MCP + other Medicare Advantage', 'California Wraparound', 'Regional Centers',
  'CPSP', 'BIH', 'PEI', 'AIMSS', 'CHVP', 'CalWORKs HVP',
] as const;

/** R-DUPLICATIVE: ECM or that program, not both at once. */
export const DUPLICATIVE_PROGRAMS = [
  'MSSP', 'ALW', 'HCBA waiver', 'HIV/AIDS waiver', 'HCBS waiver for I/DD', 'Self-Determination Program', 'LGA TCM',
  'Complex Care Management (CCM)', 'CCT', 'Money Follows the Person',
] as const;

/** R-EXCLUDED: a member in one of these is disenrolled from ECM. */
export const EXCLUDED_PROGRAMS = ['FIDE-SNP', 'PACE', 'EAE D-SNP', 'non-EAE D-SNP', 'Family Mosaic Project', 'hospice'] as const;

/** Every program name the system knows. */
export const KNOWN_PROGRAMS = [...COMPLEMENTARY_PROGRAMS, ...DUPLICATIVE_PROGRAMS, ...EXCLUDED_PROGRAMS] as const;
/** One of {@link KNOWN_PROGRAMS}. */
export type ProgramName = (typeof KNOWN_PROGRAMS)[number];

/** How ECM relates to a program. */
export function programKind(program: ProgramName): 'complementary' | 'duplicative' | 'excluded' {
  if ((EXCLUDED_PROGRAMS as readonly string[]).includes(program)) return 'excluded';
  if ((DUPLICATIVE_PROGRAMS as readonly string[]).includes(program)) return 'duplicative';
  return 'complementary';
}
