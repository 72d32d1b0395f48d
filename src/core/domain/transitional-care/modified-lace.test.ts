import { describe, expect, it } from 'vitest';
import { modifiedLace, type LaceInputs } from './modified-lace';

const base: LaceInputs = { admitDate: '2031-07-01', dischargeDate: '2031-07-01', emergent: false, charlsonScore: 0, edVisitsPrior6Months: 0 };
const stay = (days: number) => modifiedLace({ ...base, dischargeDate: `2031-07-${String(days).padStart(2, '0')}` });

describe('modifiedLace', () => {
  it('R-TCS-DRA: L counts both the admission and the discharge day: 1→1, 3→3, 4→4, 6→4, 7→5, 13→5, 14→7', () => {
    expect([1, 3, 4, 6, 7, 13, 14].map((days) => [stay(days).lengthOfStayDays, stay(days).components.L])).toEqual([
      [1, 1],
      [3, 3],
      [4, 4],
      [6, 4],
      [7, 5],
      [13, 5],
      [14, 7],
    ]);
  });

  it('R-TCS-DRA: A is 3 for an emergent admission; C maps 0–3 to itself and 4 or more to 5; E caps at 4', () => {
    expect(modifiedLace({ ...base, emergent: true }).components.A).toBe(3);
    expect([0, 3, 4, 9].map((c) => modifiedLace({ ...base, charlsonScore: c }).components.C)).toEqual([0, 3, 5, 5]);
    expect([0, 3, 4, 12].map((e) => modifiedLace({ ...base, edVisitsPrior6Months: e }).components.E)).toEqual([0, 3, 4, 4]);
  });

  it('R-TCS-DRA: bands at their edges: 4 low, 5 moderate, 9 moderate, 10 high', () => {
    const scored = (charlsonScore: number, edVisitsPrior6Months: number) => modifiedLace({ ...base, charlsonScore, edVisitsPrior6Months });
    expect([scored(3, 0), scored(3, 1), scored(5, 3), scored(5, 4)].map((r) => [r.score, r.band])).toEqual([
      [4, 'low'],
      [5, 'moderate'],
      [9, 'moderate'],
      [10, 'high'],
    ]);
  });
});
