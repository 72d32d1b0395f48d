/**
 * Which readings of the rules an act is judged by. Issue 9 brought the Guide's readings of
 * R-OUTREACH-30D (only attempts inside the 30 days count; five different methods), R-UNREACHABLE
 * (refused once the member was reached) and R-CAREPLAN-14D (a SMART goal's target date lies after
 * the plan's date). An act a journey's history recorded before them must replay as it was judged,
 * or the replay would emit other commands; the workflow tells the two apart with `patched()`.
 */
export type RuleReadings = 'guide' | 'before-guide-readings';

/** The readings every act handled now is judged by. */
export const CURRENT_READINGS: RuleReadings = 'guide';
