/**
 * The Forecast page's own URL parameters: how many months to project and the
 * confidence interval of the band (the currency is the shared filter).
 */
import * as z from 'zod/mini';
import { FORECAST_PERIODS, FORECAST_PERIOD_MONTHS, type ForecastPeriod } from '../../contract/billing';
import { defineView, viewParam } from '../../url-state/view-params';

export const DEFAULT_FORECAST_PERIOD: ForecastPeriod = '6_months';
/** Confidence intervals offered (the API takes 0.5–0.99). */
export const CONFIDENCE_LEVELS = [0.8, 0.9, 0.95, 0.99] as const;
export const DEFAULT_CONFIDENCE = 0.95;

export const FORECAST_PERIOD_LABELS: Record<ForecastPeriod, string> = Object.fromEntries(
  FORECAST_PERIODS.map((p) => [p, `${FORECAST_PERIOD_MONTHS[p]} months`]),
) as Record<ForecastPeriod, string>;

/** `0.95` → `95%` */
export const confidenceLabel = (level: number) => `${Math.round(level * 100)}%`;

export const forecastView = defineView({
  forecastPeriod: viewParam(
    z.enum(FORECAST_PERIODS),
    DEFAULT_FORECAST_PERIOD,
    `not a forecast period (${FORECAST_PERIODS.join(', ')}); showing ${FORECAST_PERIOD_LABELS[DEFAULT_FORECAST_PERIOD]}`,
  ),
  confidenceInterval: viewParam(
    z.coerce.number().check(z.refine((v) => (CONFIDENCE_LEVELS as readonly number[]).includes(v))),
    DEFAULT_CONFIDENCE,
    `not an offered confidence interval (${CONFIDENCE_LEVELS.join(', ')}); showing ${confidenceLabel(DEFAULT_CONFIDENCE)}`,
  ),
});
