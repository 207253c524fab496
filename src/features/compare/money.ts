/** Amounts of a decomposition (minor units) as text. */
import type { CurrencyId, UsageResponse } from '../../contract/billing';
import { currencyDecimals, formatMoney, formatPercent } from '../../lib/format';

/** An amount in minor units as money. */
export function minorMoney(minor: number, currency: CurrencyId): string {
  return formatMoney(minor / 10 ** currencyDecimals(currency), currency);
}

/** `+$1,234.56`, `−$12.00`, `$0.00`. */
export function signedMoney(minor: number, currency: CurrencyId): string {
  const sign = minor > 0 ? '+' : minor < 0 ? '−' : '';
  return `${sign}${minorMoney(Math.abs(minor), currency)}`;
}

/** `+12.3%`, `−4.0%`, or `new` when there was nothing before. */
export function signedPercent(percent: number | undefined, current: number): string {
  if (percent === undefined) return current > 0 ? 'new' : '—';
  const sign = percent >= 0.05 ? '+' : percent <= -0.05 ? '−' : '';
  return `${sign}${formatPercent(Math.abs(percent))}`;
}

/**
 * A span's total in minor units, its last day counted by its fraction: what
 * the decompositions (drivers.ts) add up to, computed the same way.
 */
export function spanTotalMinor(answers: { whole: UsageResponse; lastDay?: UsageResponse; fraction: number }, decimals: number): number {
  const drop = answers.lastDay && answers.fraction < 1 ? (1 - answers.fraction) * answers.lastDay.summary.totalCost : 0;
  return Math.round((answers.whole.summary.totalCost - drop) * 10 ** decimals);
}
