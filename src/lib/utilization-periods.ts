/**
 * Idle and oversized stretches of a GPU cluster's utilisation (pure), the
 * evidence behind the optimisation rules: idle where the mean utilisation of
 * its running hours is under the idle threshold for at least a day; oversized
 * where it runs, above idle, but under the oversized threshold for at least
 * three days. Buckets without running hours break a stretch.
 */
import type { UtilizationPoint } from '../contract/utilization';

const HOUR = 3_600_000;

export type UtilKind = 'idle' | 'oversized';

export interface UtilPeriod {
  kind: UtilKind;
  /** [start, end), epoch ms. */
  start: number;
  end: number;
  hours: number;
  cost: number;
}

export const MIN_HOURS: Record<UtilKind, number> = { idle: 24, oversized: 72 };

export function utilizationPeriods(
  points: readonly UtilizationPoint[],
  thresholds: { idle: number; oversized: number },
  bucketHours: number,
): UtilPeriod[] {
  const kindOf = (u: number | null): UtilKind | null => (u === null ? null : u < thresholds.idle ? 'idle' : u < thresholds.oversized ? 'oversized' : null);
  const out: UtilPeriod[] = [];
  let run: UtilPeriod | null = null;
  const close = () => {
    if (run && run.hours >= MIN_HOURS[run.kind]) out.push(run);
    run = null;
  };
  for (const p of points) {
    const kind = kindOf(p.gpuUtilization);
    const t = Date.parse(p.timestamp);
    if (run && run.kind === kind) {
      run.end = t + bucketHours * HOUR;
      run.hours += bucketHours;
      run.cost += p.cost;
      continue;
    }
    close();
    if (kind) run = { kind, start: t, end: t + bucketHours * HOUR, hours: bucketHours, cost: p.cost };
  }
  close();
  return out;
}
