import { describe, expect, it } from 'vitest';
import { EtsState, dampedSlopeSums, runFilter, scan, scanSums, type Recursion } from './forecast-ets-recursion.ts';

const p = { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 };
const r: Recursion = { spec: { trend: 'damped', period: 3, log: false, shift: 0 }, p, init: { level: 10, slope: 1, season: [1, -2, 1] } };
const x = [12, 9, 13, 14, 10, 15, 16, 11, 17, 18];

/** The textbook additive damped-trend seasonal recursion (Hyndman et al. 2008, table 2.1), written out independently. */
function reference(xs: number[]) {
  let l = 10;
  let b = 1;
  const s = [1, -2, 1];
  const fitted: number[] = [];
  for (let t = 0; t < xs.length; t++) {
    const f = l + p.phi * b + s[t % 3]!;
    const e = xs[t]! - f;
    fitted.push(f);
    const lPrev = l;
    l = lPrev + p.phi * b + p.alpha * e;
    b = p.phi * b + p.beta * e;
    s[t % 3] = s[t % 3]! + p.gamma * e;
  }
  return { fitted, l, b, s };
}

describe('EtsState', () => {
  it('moves level, slope and season as the textbook equations do', () => {
    const ref = reference(x);
    const state = new EtsState(r.spec, p, r.init);
    x.forEach((v, t) => {
      expect(state.next(t)).toBeCloseTo(ref.fitted[t]!, 12);
      state.update(t, v - state.next(t));
    });
    expect(state.l).toBeCloseTo(ref.l, 12);
    expect(state.b).toBeCloseTo(ref.b, 12);
    expect(Array.from(state.season)).toEqual(ref.s.map((v) => expect.closeTo(v, 12) as unknown as number));
  });

  it('is the one recursion of the filter and the scans: fitted values, final states and multi-step sums agree', () => {
    const n = x.length;
    const out = { err: new Float64Array(n), upd: new Float64Array(n), fitted: new Float64Array(n), state: r.init };
    const sse = runFilter(x, r, { out });
    const ref = reference(x);
    expect(Array.from(out.fitted)).toEqual(ref.fitted.map((v) => expect.closeTo(v, 12) as unknown as number));
    expect(sse).toBeCloseTo(x.reduce((a, v, t) => a + (v - ref.fitted[t]!) ** 2, 0), 10);
    expect(out.state.level).toBeCloseTo(ref.l, 12);
    // season after the last step, in the order of the next steps: step n's is s[n % 3]
    expect(out.state.season[0]).toBeCloseTo(ref.s[n % 3]!, 12);
    // the one-step sums of scanSums are the filter's one-step forecasts
    const ones: number[] = [];
    scanSums(x, r, { H: 1, from: 0, visit: (f) => ones.push(f) });
    expect(ones).toEqual(ref.fitted.map((v) => expect.closeTo(v, 12) as unknown as number));
    // a 3-step total at lead 2 from origin 4: the states after step 3, forecast 2…4 steps on
    const D = dampedSlopeSums(p.phi, 5, true);
    let seen = NaN;
    scanSums(x, r, { H: 3, lead: 2, from: 4, end: n, visit: (f, t) => t === 4 && (seen = f) });
    const at4 = reference(x.slice(0, 4));
    const expected = [2, 3, 4].reduce((a, h) => a + at4.l + D[h]! * at4.b + at4.s[(4 + h) % 3]!, 0);
    expect(seen).toBeCloseTo(expected, 10);
    // scan visits every stride-th origin before `until`
    const visited: number[] = [];
    scan(x, r, { from: 1, until: 8, stride: 3, visit: (_s, t) => visited.push(t) });
    expect(visited).toEqual([1, 4, 7]);
  });
});
