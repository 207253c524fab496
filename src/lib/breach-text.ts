/**
 * Words for a budget breach forecast (src/api/breach-outlook.ts):
 * "73% chance to exceed by month end; expected around 24 Jan (21–28 Jan)".
 * Pure.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface BreachLike {
  probability: number;
  reached: boolean;
  expected?: { date: string; earliest: string; latest: string };
}

/** `24 Jan` */
export function dayMonth(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]}`;
}

/** `21–28 Jan`, `29 Jan – 2 Feb`, or one day. */
export function dayRange(a: string, b: string): string {
  if (a === b) return dayMonth(a);
  if (a.slice(0, 7) === b.slice(0, 7)) return `${Number(a.slice(8))}–${dayMonth(b)}`;
  return `${dayMonth(a)} – ${dayMonth(b)}`;
}

/** A probability as a whole percent, never claiming certainty the paths cannot show. */
export function chanceLabel(p: number): string {
  if (p < 0.01) return 'Under 1%';
  if (p > 0.99) return 'Over 99%';
  return `${Math.round(p * 100)}%`;
}

/** The chance sentence; `verb` e.g. "exceed" (the budget) or "reach" (a threshold). */
export function breachSentence(b: BreachLike, verb = 'exceed'): string {
  if (b.reached) return verb === 'exceed' ? 'Exceeded already' : 'Reached already';
  const chance = `${chanceLabel(b.probability)} chance to ${verb} by month end`;
  if (!b.expected || b.probability < 0.01) return chance;
  const { date, earliest, latest } = b.expected;
  const range = earliest === latest ? '' : ` (${dayRange(earliest, latest)})`;
  return `${chance}; expected around ${dayMonth(date)}${range}`;
}
