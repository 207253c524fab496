/**
 * How this account's forecasts have done (server/analytics/forecast-accuracy.ts),
 * computed in the browser from GET /v2/billing/usage: the account's daily
 * cost in USD (the same history request as an all-resources budget's breach
 * outlook), scored month by month, converted for display at this month's
 * rate. The model loads lazily and yields between months.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchClock, fetchDailyHistory } from '../../../api/breach-outlook';
import { queryKeys } from '../../../api/query-keys';
import type { Currency } from '../../../contract/billing';
import type { AccuracyReport } from '../../../../server/analytics/forecast-accuracy';

export const ACCURACY_MONTHS = 12;

export interface ForecastAccuracy {
  /** Figures in the display currency. */
  report: AccuracyReport;
  currency: Currency;
  rate: number;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Multiplies every money figure by the rate (USD → display currency). */
export function convertReport(report: AccuracyReport, rate: number): AccuracyReport {
  return {
    ...report,
    months: report.months.map((m) => ({
      ...m,
      actual: m.actual * rate,
      forecast: m.forecast * rate,
      lower: m.lower * rate,
      upper: m.upper * rate,
      runRate: m.runRate * rate,
    })),
  };
}

export function forecastAccuracyQueryOptions(currency: Currency) {
  return queryOptions({
    queryKey: [...queryKeys.all, 'forecast-accuracy', currency] as const,
    queryFn: async ({ client }): Promise<ForecastAccuracy> => {
      const { today, rate } = await fetchClock(client, currency);
      const { start, daily } = await fetchDailyHistory(client, ['all'], today);
      const { accuracyReport } = await import('../../../../server/analytics/forecast-accuracy');
      const report = await accuracyReport({ start, daily, months: ACCURACY_MONTHS }, yieldToPage);
      return { report: convertReport(report, rate), currency, rate };
    },
    staleTime: 30 * 60_000,
  });
}

export function useForecastAccuracy(currency: Currency) {
  return useQuery(forecastAccuracyQueryOptions(currency));
}
