import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDate } from '../../src/core/calendar';
import { modifiedLace } from '../../src/core/domain/transitional-care/modified-lace';

const stay = (days: number) => ({ admitDate: '2030-11-01', dischargeDate: addDaysToDate('2030-11-01', days - 1) });

describe('Modified LACE (R-TCS-DRA)', () => {
  it('R-TCS-DRA: length of stay counts the admission and discharge days, scored 1,2,3 / 4–6 → 4 / 7–13 → 5 / ≥14 → 7', () => {
    const points = (days: number) => modifiedLace({ ...stay(days), emergent: false, charlsonScore: 0, edVisitsPrior6Months: 0 }).components.L;
    expect([1, 2, 3, 4, 6, 7, 13, 14, 30].map(points)).toEqual([1, 2, 3, 4, 4, 5, 5, 7, 7]);
    expect(modifiedLace({ admitDate: '2030-11-01', dischargeDate: '2030-11-01', emergent: false, charlsonScore: 0, edVisitsPrior6Months: 0 }).lengthOfStayDays).toBe(1);
  });

  it('R-TCS-DRA: acuity 3 if emergent; Charlson 0–3 as is, ≥4 → 5; ED visits 0–3 as is, ≥4 → 4', () => {
    const c = (charlsonScore: number) => modifiedLace({ ...stay(1), emergent: false, charlsonScore, edVisitsPrior6Months: 0 }).components.C;
    const e = (edVisitsPrior6Months: number) => modifiedLace({ ...stay(1), emergent: false, charlsonScore: 0, edVisitsPrior6Months }).components.E;
    expect([0, 1, 2, 3, 4, 9].map(c)).toEqual([0, 1, 2, 3, 5, 5]);
    expect([0, 1, 2, 3, 4, 12].map(e)).toEqual([0, 1, 2, 3, 4, 4]);
    expect(modifiedLace({ ...stay(1), emergent: true, charlsonScore: 0, edVisitsPrior6Months: 0 }).components.A).toBe(3);
  });

  it('R-TCS-DRA: hand-computed band edges — 4 is Low, 5 Moderate, 9 Moderate, 10 High', () => {
    // L=1 (1 day) + A=3 (emergent) + C=0 + E=0 = 4 → Low.
    expect(modifiedLace({ ...stay(1), emergent: true, charlsonScore: 0, edVisitsPrior6Months: 0 })).toMatchObject({ score: 4, band: 'low' });
    // L=2 + A=3 + C=0 + E=0 = 5 → Moderate.
    expect(modifiedLace({ ...stay(2), emergent: true, charlsonScore: 0, edVisitsPrior6Months: 0 })).toMatchObject({ score: 5, band: 'moderate' });
    // L=4 (5 days) + A=3 + C=2 + E=0 = 9 → Moderate.
    expect(modifiedLace({ ...stay(5), emergent: true, charlsonScore: 2, edVisitsPrior6Months: 0 })).toMatchObject({ score: 9, band: 'moderate' });
    // L=4 + A=3 + C=2 + E=1 = 10 → High.
    expect(modifiedLace({ ...stay(5), emergent: true, charlsonScore: 2, edVisitsPrior6Months: 1 })).toMatchObject({ score: 10, band: 'high' });
  });

  it('R-TCS-DRA: the score is the sum of its components and the band only rises with the score', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (days, emergent, charlsonScore, ed) => {
        const r = modifiedLace({ ...stay(days), emergent, charlsonScore, edVisitsPrior6Months: ed });
        expect(r.score).toBe(r.components.L + r.components.A + r.components.C + r.components.E);
        expect(r.band).toBe(r.score >= 10 ? 'high' : r.score >= 5 ? 'moderate' : 'low');
      }),
    );
  });
});
