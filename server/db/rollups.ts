/**
 * Roll-ups of the hourly rows that are built at fill time (and refreshed for
 * the days an extension touches), so queries read a row per resource and day
 * where a figure allows it instead of every hour.
 *
 * usage_resource_daily: per resource and day, what the optimisation analysis
 * looks for before its window, all exact (counts, first and last hours):
 * - rows, hours (distinct hours) and low_rows (hours under the idle rule's
 *   utilisation, IDLE_UTIL, while running): a day with 24 rows, 24 hours and 24
 *   low rows cannot break a run of low-utilisation hours, so a run reaching
 *   into a window can only start on or after the last day that is not one;
 * - first_ts and last_io_ts (the last hour with I/O): a volume's age and last
 *   activity before a window, without reading its hours.
 */
import { IDLE_UTIL } from '../analytics/optimization.ts';

export const ROLLUP_DDL = `
CREATE TABLE IF NOT EXISTS usage_resource_daily (
  day DATE NOT NULL, resource_id VARCHAR NOT NULL, resource_type VARCHAR NOT NULL,
  rows INTEGER NOT NULL, hours INTEGER NOT NULL, low_rows INTEGER NOT NULL,
  first_ts TIMESTAMP NOT NULL, last_io_ts TIMESTAMP);
`;

export const ROLLUP_TABLES = ['usage_resource_daily'];

/** Statements that rebuild the roll-ups from the day of `fromTs` (a 'YYYY-MM-DD HH:MM:SS' literal) on. */
export function refreshRollups(fromTs: string): string[] {
  const fromDay = `CAST(TIMESTAMP '${fromTs}' AS DATE)`;
  return [
    `DELETE FROM usage_resource_daily WHERE day >= ${fromDay}`,
    `INSERT INTO usage_resource_daily
     SELECT day, resource_id, any_value(resource_type), count(*), count(DISTINCT ts),
            count(*) FILTER (WHERE gpu_util < ${IDLE_UTIL} AND quantity > 0), min(ts), max(ts) FILTER (WHERE io_ops > 0)
     FROM usage_hourly WHERE day >= ${fromDay}
     GROUP BY day, resource_id ORDER BY day, resource_id`,
  ];
}
