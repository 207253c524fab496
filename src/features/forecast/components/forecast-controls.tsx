import { FORECAST_PERIODS, type ForecastPeriod } from '../../../contract/billing';
import { SelectFilter } from '../../../url-state/components/select-filter';
import { CONFIDENCE_LEVELS, FORECAST_PERIOD_LABELS, confidenceLabel } from '../forecast-view';

const PERIOD_OPTIONS = FORECAST_PERIODS.map((value) => ({ value, label: FORECAST_PERIOD_LABELS[value] }));
const LEVEL_OPTIONS = CONFIDENCE_LEVELS.map((level) => ({ value: String(level), label: confidenceLabel(level) }));

/** "Forecast period" and "Confidence interval": the page's own view options. */
export function ForecastControls({
  period,
  level,
  onChange,
}: {
  period: ForecastPeriod;
  level: number;
  onChange: (patch: { forecastPeriod?: ForecastPeriod; confidenceInterval?: number }) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:flex">
      <SelectFilter<ForecastPeriod>
        label="Forecast period"
        value={period}
        options={PERIOD_OPTIONS}
        onChange={(forecastPeriod) => onChange({ forecastPeriod })}
        className="sm:w-32"
      />
      <SelectFilter<string>
        label="Confidence interval"
        value={String(level)}
        options={LEVEL_OPTIONS}
        onChange={(value) => onChange({ confidenceInterval: Number(value) })}
        className="sm:w-32"
      />
    </div>
  );
}
