import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, describeComparison, likeForLike, periodKind, wholeMonths } from './like-for-like';
import { rangeDays } from './period';

const at = (iso: string) => Date.parse(iso);
const range = (startDate: string, endDate: string) => ({ startDate, endDate });
/** Long after any of these periods: they are complete. */
const LATER = at('2030-01-01T00:00:00Z');

describe('addMonths', () => {
  it('clamps a day the target month lacks to its last day', () => {
    expect(addMonths('2024-03-31', -1)).toEqual({ date: '2024-02-29', clamped: true });
    expect(addMonths('2023-03-31', -1)).toEqual({ date: '2023-02-28', clamped: true });
    expect(addMonths('2024-02-29', -12)).toEqual({ date: '2023-02-28', clamped: true });
    expect(addMonths('2024-01-31', -3)).toEqual({ date: '2023-10-31', clamped: false });
    expect(addMonths('2024-05-31', -3)).toEqual({ date: '2024-02-29', clamped: true });
    expect(addMonths('2024-01-16', -1)).toEqual({ date: '2023-12-16', clamped: false });
  });
});

describe('period kinds', () => {
  it('recognises calendar months, quarters and years', () => {
    expect(periodKind(range('2024-02-01', '2024-02-29'))).toBe('month');
    expect(periodKind(range('2023-10-01', '2023-12-31'))).toBe('quarter');
    expect(periodKind(range('2023-11-01', '2024-01-31'))).toBe('months');
    expect(periodKind(range('2024-01-01', '2024-12-31'))).toBe('year');
    expect(periodKind(range('2024-02-01', '2024-02-28'))).toBe('days');
    expect(periodKind(range('2024-01-02', '2024-01-31'))).toBe('days');
    expect(wholeMonths(range('2023-02-01', '2024-01-31'))).toBe(12);
  });
});

describe('likeForLike: month to date', () => {
  it('compares 1–16 Jan with 1–16 Dec, the last day pro rata', () => {
    const s = likeForLike(range('2024-01-01', '2024-01-31'), at('2024-01-16T12:34:00Z'))!;
    expect(s.current).toEqual(range('2024-01-01', '2024-01-16'));
    expect(s.previous).toEqual(range('2023-12-01', '2023-12-16'));
    expect(s.lastDayFraction).toBe(0.5);
    expect(s.complete).toBe(false);
    expect(s.dataEnd).toBe(at('2024-01-16T12:00:00Z'));
    expect(describeComparison(s)).toBe('Month to date vs the same days of the previous month');
  });

  it('compares March to date with the same days of February, not 31 days earlier', () => {
    const s = likeForLike(range('2024-03-01', '2024-03-31'), at('2024-03-16T06:00:00Z'))!;
    expect(s.previous).toEqual(range('2024-02-01', '2024-02-16'));
    expect(s.lastDayFraction).toBe(0.25);
  });

  it('clamps days February lacks to its last day, counted whole', () => {
    const leap = likeForLike(range('2024-03-01', '2024-03-31'), at('2024-03-30T18:00:00Z'))!;
    expect(leap.previous).toEqual(range('2024-02-01', '2024-02-29'));
    expect(leap.lastDayFraction).toBe(1);
    const common = likeForLike(range('2023-03-01', '2023-03-31'), at('2023-03-29T18:00:00Z'))!;
    expect(common.previous).toEqual(range('2023-02-01', '2023-02-28'));
    expect(common.lastDayFraction).toBe(1);
    // The 28th itself is there in February: pro rata.
    const day28 = likeForLike(range('2023-03-01', '2023-03-31'), at('2023-03-28T06:00:00Z'))!;
    expect(day28.previous).toEqual(range('2023-02-01', '2023-02-28'));
    expect(day28.lastDayFraction).toBe(0.25);
  });

  it('has nothing to compare in the first hour or before the period', () => {
    expect(likeForLike(range('2024-01-01', '2024-01-31'), at('2024-01-01T00:59:00Z'))).toBeUndefined();
    expect(likeForLike(range('2024-02-01', '2024-02-29'), at('2024-01-16T12:00:00Z'))).toBeUndefined();
  });

  it('counts a day whose first hour has data as a day, at 1/24', () => {
    const s = likeForLike(range('2024-01-01', '2024-01-31'), at('2024-01-16T01:00:00Z'))!;
    expect(s.current.endDate).toBe('2024-01-16');
    expect(s.lastDayFraction).toBeCloseTo(1 / 24, 12);
  });
});

describe('likeForLike: complete months', () => {
  it('compares November with the whole of October (not 2–31 Oct)', () => {
    const s = likeForLike(range('2026-11-01', '2026-11-30'), at('2026-12-01T20:00:00Z'))!;
    expect(s.previous).toEqual(range('2026-10-01', '2026-10-31'));
    expect(s.complete).toBe(true);
    expect(s.lastDayFraction).toBe(1);
    expect(describeComparison(s)).toBe('Month vs the previous month');
  });

  it('ends on the earlier month’s last day, whichever is longer', () => {
    expect(likeForLike(range('2024-02-01', '2024-02-29'), LATER)!.previous).toEqual(range('2024-01-01', '2024-01-31'));
    expect(likeForLike(range('2024-03-01', '2024-03-31'), LATER)!.previous).toEqual(range('2024-02-01', '2024-02-29'));
    expect(likeForLike(range('2023-03-01', '2023-03-31'), LATER)!.previous).toEqual(range('2023-02-01', '2023-02-28'));
    expect(likeForLike(range('2024-01-01', '2024-01-31'), LATER)!.previous).toEqual(range('2023-12-01', '2023-12-31'));
  });
});

describe('likeForLike: quarters and years', () => {
  it('compares a complete quarter with the previous quarter', () => {
    const s = likeForLike(range('2024-01-01', '2024-03-31'), LATER)!;
    expect(s.kind).toBe('quarter');
    expect(s.previous).toEqual(range('2023-10-01', '2023-12-31'));
    expect(likeForLike(range('2024-04-01', '2024-06-30'), LATER)!.previous).toEqual(range('2024-01-01', '2024-03-31'));
    expect(describeComparison(s)).toBe('Quarter vs the previous quarter');
  });

  it('compares quarter to date with the same days of the previous quarter', () => {
    const s = likeForLike(range('2024-01-01', '2024-03-31'), at('2024-02-10T06:00:00Z'))!;
    expect(s.previous).toEqual(range('2023-10-01', '2023-11-10'));
    expect(s.lastDayFraction).toBe(0.25);
    // 31 May has no 31 Feb: clamped to 29 Feb 2024, counted whole.
    const may = likeForLike(range('2024-04-01', '2024-06-30'), at('2024-05-31T12:00:00Z'))!;
    expect(may.previous).toEqual(range('2024-01-01', '2024-02-29'));
    expect(may.lastDayFraction).toBe(1);
  });

  it('compares year to date with the same days a year earlier', () => {
    const s = likeForLike(range('2024-01-01', '2024-12-31'), at('2024-01-16T12:00:00Z'))!;
    expect(s.previous).toEqual(range('2023-01-01', '2023-01-16'));
    expect(s.lastDayFraction).toBe(0.5);
  });
});

describe('likeForLike: custom ranges', () => {
  it('compares with the same number of days just before', () => {
    const s = likeForLike(range('2024-01-10', '2024-01-20'), LATER)!;
    expect(s.previous).toEqual(range('2023-12-30', '2024-01-09'));
    expect(rangeDays(s.previous)).toBe(rangeDays(s.current));
    expect(describeComparison(s)).toBe('These days vs the 11 days just before');
  });

  it('compares a running range’s days with data, the last day before it pro rata', () => {
    const s = likeForLike(range('2024-01-10', '2024-01-31'), at('2024-01-16T18:00:00Z'))!;
    expect(s.current).toEqual(range('2024-01-10', '2024-01-16'));
    expect(s.previous).toEqual(range('2024-01-03', '2024-01-09'));
    expect(s.lastDayFraction).toBe(0.75);
  });

  it('treats a custom range of whole months like months', () => {
    expect(likeForLike(range('2023-11-01', '2024-01-31'), LATER)!.previous).toEqual(range('2023-08-01', '2023-10-31'));
    expect(likeForLike(range('2023-12-01', '2023-12-31'), LATER)!.previous).toEqual(range('2023-11-01', '2023-11-30'));
  });

  it('always ends the day before the range and is as long, over any dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14_000 }), fc.integer({ min: 0, max: 400 }), (offset, length) => {
        const start = Date.UTC(1990, 0, 1) + offset * 86_400_000;
        const r = range(new Date(start).toISOString().slice(0, 10), new Date(start + length * 86_400_000).toISOString().slice(0, 10));
        const s = likeForLike(r, LATER)!;
        expect(rangeDays(s.current)).toBe(length + 1);
        if (s.kind === 'days') {
          expect(rangeDays(s.previous)).toBe(length + 1);
          expect(Date.parse(s.previous.endDate) + 86_400_000).toBe(start);
        } else {
          // Whole months: the earlier span is whole months too, ending the day before.
          expect(wholeMonths(s.previous)).toBe(wholeMonths(r));
          expect(Date.parse(s.previous.endDate) + 86_400_000).toBe(start);
        }
      }),
    );
  });
});

describe('likeForLike: year over year', () => {
  it('compares 29 Feb with 28 Feb a year earlier, and February with February', () => {
    const day = likeForLike(range('2024-02-29', '2024-02-29'), LATER, 'year')!;
    expect(day.previous).toEqual(range('2023-02-28', '2023-02-28'));
    expect(likeForLike(range('2024-02-01', '2024-02-29'), LATER, 'year')!.previous).toEqual(range('2023-02-01', '2023-02-28'));
    expect(likeForLike(range('2025-02-01', '2025-02-28'), LATER, 'year')!.previous).toEqual(range('2024-02-01', '2024-02-29'));
  });

  it('compares February to date on the 29th with all of February a year earlier', () => {
    const s = likeForLike(range('2024-02-01', '2024-02-29'), at('2024-02-29T12:00:00Z'), 'year')!;
    expect(s.previous).toEqual(range('2023-02-01', '2023-02-28'));
    expect(s.lastDayFraction).toBe(1);
  });

  it('compares month, quarter and custom days with the same dates a year earlier, today pro rata', () => {
    const s = likeForLike(range('2024-01-01', '2024-01-31'), at('2024-01-16T12:00:00Z'), 'year')!;
    expect(s.previous).toEqual(range('2023-01-01', '2023-01-16'));
    expect(s.lastDayFraction).toBe(0.5);
    expect(describeComparison(s)).toBe('Month to date vs the same days a year earlier');
    expect(likeForLike(range('2023-10-01', '2023-12-31'), LATER, 'year')!.previous).toEqual(range('2022-10-01', '2022-12-31'));
    expect(likeForLike(range('2024-01-10', '2024-01-20'), LATER, 'year')!.previous).toEqual(range('2023-01-10', '2023-01-20'));
  });
});
