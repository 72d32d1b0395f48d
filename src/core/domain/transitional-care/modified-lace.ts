import { daysBetween } from '../../calendar';

/**
 * R-TCS-DRA: the Modified LACE discharge risk score (van Walraven C. et al., "Derivation and
 * validation of an index to predict early death or unplanned readmission after discharge from
 * hospital to the community", CMAJ 2010;182(6):551-557), as the Guide's §8.5 item 2 uses it:
 *
 * | component | points |
 * |---|---|
 * | L, length of stay in days (admission and discharge days both counted) | 1 → 1, 2 → 2, 3 → 3, 4–6 → 4, 7–13 → 5, ≥14 → 7 |
 * | A, acuity: emergent admission | 3 |
 * | C, Charlson comorbidity score | 0 → 0, 1 → 1, 2 → 2, 3 → 3, ≥4 → 5 |
 * | E, ED visits in the 6 months before admission | 0–3 → same, ≥4 → 4 |
 *
 * Bands: Low 0–4, Moderate 5–9, High ≥10 (High means high acuity).
 */
export interface LaceInputs {
  readonly admitDate: string;
  readonly dischargeDate: string;
  readonly emergent: boolean;
  readonly charlsonScore: number;
  readonly edVisitsPrior6Months: number;
}

/** The score, its band, and each component, so the number can be checked. */
export interface LaceResult {
  readonly score: number;
  readonly band: 'low' | 'moderate' | 'high';
  readonly components: { readonly L: number; readonly A: number; readonly C: number; readonly E: number };
  readonly lengthOfStayDays: number;
}

function lengthOfStayPoints(days: number): number {
  if (days < 1) return 0;
  if (days <= 3) return days;
  if (days <= 6) return 4;
  if (days <= 13) return 5;
  return 7;
}

function charlsonPoints(score: number): number {
  return score >= 4 ? 5 : Math.max(0, score);
}

/** R-TCS-DRA: Modified LACE. */
export function modifiedLace(inputs: LaceInputs): LaceResult {
  // Both the admission day and the discharge day count: same-day discharge is one day.
  const lengthOfStayDays = daysBetween(inputs.admitDate, inputs.dischargeDate) + 1;
  const components = {
    L: lengthOfStayPoints(lengthOfStayDays),
    A: inputs.emergent ? 3 : 0,
    C: charlsonPoints(inputs.charlsonScore),
    E: Math.min(Math.max(0, inputs.edVisitsPrior6Months), 4),
  };
  const score = components.L + components.A + components.C + components.E;
  return { score, band: score >= 10 ? 'high' : score >= 5 ? 'moderate' : 'low', components, lengthOfStayDays };
}
