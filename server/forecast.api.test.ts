import { describe, expect, it } from 'vitest';
import {
  CURRENCY_DECIMALS,
  forecastResponseSchema,
  type Currency,
  type ForecastResponse,
} from '../src/contract/billing.ts';
import { expectInvalidParameter, expectMethodNotAllowed, expectUnauthorized, sandboxForFile } from './test/api.ts';

const PATH = '/v2/billing/usage/forecast';

const sb = sandboxForFile();

async function forecast(qs = ''): Promise<ForecastResponse> {
  const res = await sb.get(`${PATH}${qs ? `?${qs}` : ''}`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return forecastResponseSchema.parse(JSON.parse(text));
}

const isMinor = (x: number, c: Currency) => Math.abs(x * 10 ** CURRENCY_DECIMALS[c] - Math.round(x * 10 ** CURRENCY_DECIMALS[c])) < 1e-6;

/** Every amount of an answer, for rounding checks. */
function amounts(r: ForecastResponse): number[] {
  return [
    r.baseline.avgMonthlyCost,
    ...r.monthlyProjections.flatMap((m) => [m.projectedCost, m.lowerBound!, m.upperBound!, m.actualToDate ?? 0]),
    ...Object.values(r.scenarios ?? {}).flatMap((s) => [s.sixMonthTotal, s.peakMonth]),
    ...r.growthDrivers!.map((d) => d.impact),
    ...(r.actuals ?? []).map((a) => a.cost),
  ];
}

describe('GET /v2/billing/usage/forecast', () => {
  it("answers the reference's request in the contract's shape, starting with the month in progress", async () => {
    const r = await forecast('forecastPeriod=3_months&includeScenarios=true&confidenceInterval=0.95');
    expect(r.currency).toBe('USD');
    expect(r.confidenceInterval).toBe(0.95);
    expect(r.monthlyProjections.map((m) => m.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    // twelve complete months of actuals before it
    expect(r.actuals!.map((a) => a.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`));
    expect(r.baseline.avgMonthlyCost).toBeGreaterThan(0);
    expect(Number.isFinite(r.baseline.growthRate)).toBe(true);
    expect(r.scenarios).toBeDefined();
    for (const a of amounts(r)) expect(isMinor(a, 'USD'), String(a)).toBe(true);
  });

  it("projects the month in progress as its actual cost so far plus the forecast of the rest", async () => {
    const r = await forecast();
    const [row] = await sb.db.all<{ c: number }>(
      "SELECT CAST(sum(cost_usd) AS DOUBLE) AS c FROM usage_hourly WHERE ts >= TIMESTAMP '2024-01-01' AND ts < TIMESTAMP '2024-01-16 12:00:00'",
    );
    const current = r.monthlyProjections[0]!;
    expect(current.actualToDate).toBeCloseTo(row!.c, 1);
    expect(current.lowerBound).toBeGreaterThan(current.actualToDate!);
    // the rest of January (15.5 days) costs about what the last weeks did: between half and twice their daily rate
    const [last] = await sb.db.all<{ c: number }>(
      "SELECT CAST(sum(cost_usd) AS DOUBLE) / 28 AS c FROM usage_daily WHERE day >= DATE '2023-12-19' AND day < DATE '2024-01-16'",
    );
    const rest = current.projectedCost - current.actualToDate!;
    expect(rest).toBeGreaterThan(0.5 * last!.c * 15.5);
    expect(rest).toBeLessThan(2 * last!.c * 15.5);
    // the complete months' actuals match the stored daily rollup
    const [dec] = await sb.db.all<{ c: number }>(
      "SELECT CAST(sum(cost_usd) AS DOUBLE) AS c FROM usage_daily WHERE day >= DATE '2023-12-01' AND day < DATE '2024-01-01'",
    );
    expect(r.actuals!.at(-1)!.cost).toBeCloseTo(dec!.c, 1);
  });

  it('gives one projection per month of forecastPeriod, consecutive, with ordered bounds', async () => {
    for (const [period, n] of [
      ['3_months', 3],
      ['6_months', 6],
      ['12_months', 12],
    ] as const) {
      const r = await forecast(`forecastPeriod=${period}`);
      expect(r.monthlyProjections).toHaveLength(n);
      r.monthlyProjections.forEach((m, i) => {
        const d = new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 7);
        expect(m.month).toBe(d);
        expect(m.lowerBound!).toBeLessThanOrEqual(m.projectedCost);
        expect(m.projectedCost).toBeLessThanOrEqual(m.upperBound!);
        expect(m.lowerBound!).toBeGreaterThanOrEqual(0);
        expect(m.confidence).toBeGreaterThanOrEqual(0);
        expect(m.confidence).toBeLessThanOrEqual(1);
      });
      // less is known about later months
      expect(r.monthlyProjections.at(-1)!.confidence).toBeLessThan(r.monthlyProjections[0]!.confidence);
      const width = (m: ForecastResponse['monthlyProjections'][number]) => m.upperBound! - m.lowerBound!;
      expect(width(r.monthlyProjections.at(-1)!)).toBeGreaterThan(width(r.monthlyProjections[1]!));
    }
  });

  it('widens the interval for a higher confidenceInterval', async () => {
    const answers = await Promise.all([0.5, 0.8, 0.95, 0.99].map((ci) => forecast(`forecastPeriod=6_months&confidenceInterval=${ci}`)));
    for (let i = 0; i < 6; i++) {
      const widths = answers.map((a) => a.monthlyProjections[i]!.upperBound! - a.monthlyProjections[i]!.lowerBound!);
      for (let k = 1; k < widths.length; k++) expect(widths[k]!, `month ${i}`).toBeGreaterThan(widths[k - 1]!);
      // the projection itself does not depend on the level
      expect(new Set(answers.map((a) => a.monthlyProjections[i]!.projectedCost)).size).toBe(1);
    }
  });

  it('gives scenarios whose probabilities add up to 1, ordered optimistic ≤ expected ≤ pessimistic', async () => {
    for (const [period, months] of [
      ['6_months', 6],
      ['12_months', 6],
      ['3_months', 3],
    ] as const) {
      const r = await forecast(`forecastPeriod=${period}&includeScenarios=true`);
      const s = r.scenarios!;
      expect(r.scenarioMonths).toBe(months);
      expect(s.optimistic.probability + s.expected.probability + s.pessimistic.probability).toBeCloseTo(1, 10);
      expect(s.optimistic.sixMonthTotal).toBeLessThanOrEqual(s.expected.sixMonthTotal);
      expect(s.expected.sixMonthTotal).toBeLessThanOrEqual(s.pessimistic.sixMonthTotal);
      expect(s.optimistic.peakMonth).toBeLessThanOrEqual(s.pessimistic.peakMonth);
      // probability-weighted totals give the expected total: the sum of the projections summed
      const projected = r.monthlyProjections.slice(0, months).reduce((a, m) => a + m.projectedCost, 0);
      const weighted = [s.optimistic, s.expected, s.pessimistic].reduce((a, x) => a + x.probability * x.sixMonthTotal, 0);
      expect(Math.abs(weighted - projected)).toBeLessThan(0.5);
      for (const x of [s.optimistic, s.expected, s.pessimistic]) {
        expect(x.peakMonth).toBeLessThanOrEqual(x.sixMonthTotal);
        expect(r.monthlyProjections.slice(0, months).map((m) => m.month)).toContain(x.peakMonthLabel);
      }
    }
    expect((await forecast('includeScenarios=false')).scenarios).toBeUndefined();
    expect((await forecast()).scenarios).toBeUndefined();
  });

  it('names the growth drivers the data show: the top resource type matches an independent SQL trend', async () => {
    const r = await forecast();
    const impacts = r.growthDrivers!.map((d) => d.impact);
    expect([...impacts].sort((a, b) => b - a)).toEqual(impacts);
    expect(impacts.every((x) => x > 0)).toBe(true);
    expect(r.growthDrivers!.some((d) => d.dimension === 'project')).toBe(true);
    // independent: hourly rows priced from the price table, monthly cost per day × 30.44, slope over Jul–Dec 2023
    const rows = await sb.db.all<{ t: string; slope: number }>(
      `WITH m AS (
         SELECT u.resource_type AS t, date_trunc('month', u.ts) AS month, sum(u.quantity * p.unit_price_usd) AS cost
         FROM usage_hourly u JOIN prices p USING (sku)
         WHERE u.ts >= TIMESTAMP '2023-07-01' AND u.ts < TIMESTAMP '2024-01-01'
         GROUP BY ALL)
       SELECT t, CAST(regr_slope(cost / date_diff('day', month, month + INTERVAL 1 MONTH) * (365.25 / 12), month(month)) AS DOUBLE) AS slope
       FROM m GROUP BY t ORDER BY slope DESC`,
    );
    const topType = r.growthDrivers!.find((d) => d.dimension === 'resource_type')!;
    expect(topType.key).toBe(rows[0]!.t);
    expect(topType.impact).toBeCloseTo(rows[0]!.slope, 0);
    // every type the SQL sees growing is listed with its slope
    for (const row of rows.filter((x) => x.slope > 0.01)) {
      const d = r.growthDrivers!.find((x) => x.dimension === 'resource_type' && x.key === row.t);
      expect(d, row.t).toBeDefined();
      expect(d!.impact).toBeCloseTo(row.slope, 0);
    }
    expect(topType.description).toMatch(/a month/);
  });

  it('converts with the dated rate table and rounds JPY to whole yen', async () => {
    const [usd, jpy] = await Promise.all([
      forecast('forecastPeriod=12_months&includeScenarios=true'),
      forecast('forecastPeriod=12_months&includeScenarios=true&currency=JPY'),
    ]);
    expect(jpy.currency).toBe('JPY');
    for (const a of amounts(jpy)) expect(Number.isInteger(a), String(a)).toBe(true);
    const [rates] = await sb.db.all<{ lo: number; hi: number }>(
      "SELECT min(rate) AS lo, max(rate) AS hi FROM fx_rates WHERE currency = 'JPY' AND day >= DATE '2024-01-01' AND day < DATE '2025-01-01'",
    );
    jpy.monthlyProjections.forEach((m, i) => {
      const ratio = m.projectedCost / usd.monthlyProjections[i]!.projectedCost;
      expect(ratio).toBeGreaterThan(rates!.lo * 0.999);
      expect(ratio).toBeLessThan(rates!.hi * 1.001);
    });
  });

  it('computes in USD and shows every currency at one stated rate: the same forecast and growth rate whatever the currency', async () => {
    const [usd, eur] = await Promise.all([forecast('forecastPeriod=6_months'), forecast('forecastPeriod=6_months&currency=EUR')]);
    expect(usd.exchangeRate).toBeUndefined();
    const stated = eur.exchangeRate!;
    const [row] = await sb.db.all<{ rate: number }>("SELECT rate FROM fx_rates WHERE currency = 'EUR' AND day = CAST($1 AS DATE)", [stated.date]);
    expect(stated.rate).toBeCloseTo(row!.rate, 9);
    expect(eur.baseline.growthRate).toBe(usd.baseline.growthRate);
    expect(eur.baseline.avgMonthlyCost).toBeCloseTo(usd.baseline.avgMonthlyCost * stated.rate, 0);
    // months after the one in progress have no billed part: exactly the USD forecast at the stated rate (to the cent)
    eur.monthlyProjections.slice(1).forEach((m, i) => {
      const u = usd.monthlyProjections[i + 1]!;
      expect(Math.abs(m.projectedCost - u.projectedCost * stated.rate)).toBeLessThan(0.01 + u.projectedCost * 1e-9);
      expect(Math.abs(m.upperBound! - u.upperBound! * stated.rate)).toBeLessThan(0.01 + u.upperBound! * 1e-9);
    });
  });

  it('answers the same request with the same figures', async () => {
    const qs = 'forecastPeriod=6_months&includeScenarios=true&currency=EUR&confidenceInterval=0.9';
    expect(await forecast(qs)).toEqual(await forecast(qs));
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['forecastPeriod=2_months', 'forecastPeriod', /must be one of 3_months, 6_months, 12_months/],
    ['confidenceInterval=0.3', 'confidenceInterval', /at least 0.5/],
    ['confidenceInterval=1', 'confidenceInterval', /at most 0.99/],
    ['confidenceInterval=abc', 'confidenceInterval', /number from 0.5 to 0.99/],
    ['includeScenarios=maybe', 'includeScenarios', /true or false/],
    ['currency=BTC', 'currency', /USD, EUR, GBP, JPY, CAD, AUD/],
    ['forecastPeriod=3_months&forecastPeriod=6_months', 'forecastPeriod', /once/],
    ['horizon=3', 'horizon', /not a known parameter/],
  ];
  it.each(cases)('?%s answers 400 naming %s', async (qs, parameter, message) => {
    const { errorMessage, issue } = await expectInvalidParameter(await sb.get(`${PATH}?${qs}`), parameter, message);
    expect(errorMessage).toContain(parameter);
    if (parameter === 'horizon') expect(issue.allowed).toEqual(['forecastPeriod', 'includeScenarios', 'confidenceInterval', 'currency']);
    if (parameter === 'forecastPeriod' && !qs.includes('&')) expect(issue.allowed).toEqual(['3_months', '6_months', '12_months']);
  });

  it('answers 401 without the key and 405 for other methods', async () => {
    await expectUnauthorized(sb, PATH, 'nope-nope-nope');
    await expectMethodNotAllowed(sb, PATH);
  });
});
