/**
 * Value-axis ticks for every chart: round steps (1, 2 or 5 × 10ⁿ, d3's "nice
 * numbers", the scale Recharts itself draws with) and labels that write each
 * tick exactly in its own unit (K, M, B, T), so ticks read "$2K, $4K, $6K" and
 * 2,250 reads "$2.25K", never "$2.3K". Pure; the chart frame passes the result
 * to its axis.
 */
import { scaleLinear } from 'victory-vendor/d3-scale';
import type { CurrencyId } from '../contract/billing';

export interface ValueAxis {
  /** Tick values, ascending, evenly spaced, the first ≤ min and the last ≥ max. */
  ticks: number[];
  /** The axis domain: the first and last tick. */
  domain: [number, number];
  /** A label per tick value, in the axis' units. */
  format: (value: number) => string;
}

const UNITS = [
  { div: 1e12, suffix: 'T' },
  { div: 1e9, suffix: 'B' },
  { div: 1e6, suffix: 'M' },
  { div: 1e3, suffix: 'K' },
] as const;


/**
 * Round ticks covering `min`..`max` (zero included when all values are ≥ 0),
 * about `count` of them. An empty or flat range gets 0 and one round step.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) hi = lo + 1;
  const scale = scaleLinear().domain([lo, hi]).nice(count);
  const ticks = scale.ticks(count);
  const [d0, d1] = scale.domain() as [number, number];
  // nice() makes the domain end on ticks; keep both ends.
  if (ticks[0] !== d0) ticks.unshift(d0);
  if (ticks[ticks.length - 1] !== d1) ticks.push(d1);
  return ticks.map((t) => (Object.is(t, -0) ? 0 : t));
}

const EXACT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/**
 * A tick value written exactly in its own unit: `0`, `750`, `2.25K`, `1.5M`
 * (round ticks need at most three decimals in their unit).
 */
export function tickLabel(value: number): string {
  const abs = Math.abs(value);
  const unit = UNITS.find((u) => abs >= u.div);
  return unit ? `${EXACT.format(value / unit.div)}${unit.suffix}` : EXACT.format(value);
}

/**
 * A label formatter for ticks: each written exactly (tickLabel), wrapped, e.g.
 * with a currency symbol.
 */
export function tickLabels(wrap: (formatted: string, value: number) => string = (s) => s): (value: number) => string {
  return (value) => wrap(tickLabel(value), value);
}

const symbols = new Map<string, string>();

/** The currency's symbol as `Intl` writes it before an amount (`$`, `€`, `¥`, `CA$`); a formatter is made once per currency (making one is slow). */
function currencySymbol(currency: CurrencyId): string {
  let symbol = symbols.get(currency);
  if (symbol === undefined) {
    try {
      const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0);
      symbol = parts.find((p) => p.type === 'currency')?.value ?? `${currency} `;
    } catch {
      symbol = `${currency} `;
    }
    symbols.set(currency, symbol);
  }
  return symbol;
}

/** A money axis from the data's extent: `$0, $2K, $4K, $6K`. */
export function moneyAxis(min: number, max: number, currency: CurrencyId, count = 5): ValueAxis {
  const ticks = niceTicks(min, max, count);
  const symbol = currencySymbol(currency);
  const format = tickLabels((s, v) => (v < 0 ? `-${symbol}${s.slice(1)}` : `${symbol}${s}`));
  return { ticks, domain: [ticks[0]!, ticks[ticks.length - 1]!], format };
}

/** A quantity axis from the data's extent: `0, 250, 500, 750`, `0, 1.5K, 3K`. */
export function numberAxis(min: number, max: number, count = 5): ValueAxis {
  const ticks = niceTicks(min, max, count);
  return { ticks, domain: [ticks[0]!, ticks[ticks.length - 1]!], format: tickLabels() };
}

/** How many value ticks fit an axis this many px long (one per ~48 px vertically, ~90 px across). */
export function tickCountFor(lengthPx: number, vertical = true): number {
  return Math.max(2, Math.min(8, Math.floor(lengthPx / (vertical ? 48 : 90))));
}

/**
 * Ticks for positions 1…`count` (day 1 of one span against day 1 of another):
 * 1, then round multiples of a step of 1, 2 or 5 × 10ⁿ (1, 5, 10, 15 … 30),
 * about `max` of them; the domain is 1…count.
 */
export function positionTicks(count: number, max = 8): { ticks: number[]; domain: [number, number] } {
  const n = Math.max(1, Math.floor(count));
  const nice = niceTicks(0, n, Math.max(1, Math.min(max, n)));
  const step = Math.max(1, nice[1]! - nice[0]!);
  const ticks = [1];
  for (let t = step; t <= n; t += step) if (t > 1) ticks.push(t);
  return { ticks, domain: [1, n] };
}

/** A percentage axis from 0 to 100 % (`0%, 25%, 50%, 75%, 100%`). */
export function percentAxis(): ValueAxis {
  return { ticks: [0, 25, 50, 75, 100], domain: [0, 100], format: (v) => `${v}%` };
}

/** Up to `max` evenly spaced values of `ts` (always the first), for axis ticks. */
export function pickTicks(ts: readonly number[], max: number): number[] {
  if (ts.length === 0 || max < 1) return [];
  const step = Math.max(1, Math.ceil(ts.length / max));
  const ticks: number[] = [];
  for (let i = 0; i < ts.length; i += step) ticks.push(ts[i]!);
  return ticks;
}
