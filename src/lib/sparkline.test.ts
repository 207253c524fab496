import { describe, expect, it } from 'vitest';
import { sparklinePaths } from './sparkline';

describe('sparklinePaths', () => {
  it('scales into the box with zero on the bottom edge', () => {
    const paths = sparklinePaths(
      [
        { t: 0, y: 0 },
        { t: 1, y: 10 },
        { t: 2, y: 5 },
      ],
      100,
      20,
      0,
    );
    expect(paths).toEqual({ line: 'M0,20L50,0L100,10', area: 'M0,20L50,0L100,10L100,20L0,20Z' });
  });

  it('draws a flat line for one point and nothing for none', () => {
    expect(sparklinePaths([{ t: 5, y: 3 }], 100, 20, 0)?.line).toBe('M0,0L100,0');
    expect(sparklinePaths([], 100, 20)).toBeUndefined();
  });

  it('draws the partial buckets at the end apart, from the last complete point', () => {
    const paths = sparklinePaths(
      [
        { t: 0, y: 0 },
        { t: 1, y: 10 },
        { t: 2, y: 5, partial: true },
      ],
      100,
      20,
      0,
    );
    expect(paths).toEqual({
      line: 'M0,20L50,0',
      partialLine: 'M50,0L100,10',
      area: 'M0,20L50,0L100,10L100,20L0,20Z',
    });
  });

  it('draws a partial first bucket apart too (a week cut by the range’s start), joined to the first complete one', () => {
    const points = [
      { t: 0, y: 2, partial: true },
      { t: 1, y: 10 },
      { t: 2, y: 5 },
      { t: 3, y: 0, partial: true },
    ];
    expect(sparklinePaths(points, 90, 20, 0)).toEqual({
      line: 'M30,0L60,10',
      partialLine: 'M0,16L30,0M60,10L90,20',
      area: 'M0,16L30,0L60,10L90,20L90,20L0,20Z',
    });
    expect(sparklinePaths(points.slice(0, 3), 60, 20, 0)).toEqual({
      line: 'M30,0L60,10',
      partialLine: 'M0,16L30,0',
      area: 'M0,16L30,0L60,10L60,20L0,20Z',
    });
  });

  it('draws every bucket dashed when all are partial', () => {
    const paths = sparklinePaths([{ t: 0, y: 1, partial: true }, { t: 1, y: 2, partial: true }], 10, 10, 0);
    expect(paths).toMatchObject({ line: '', partialLine: 'M0,5L10,0' });
  });
});
