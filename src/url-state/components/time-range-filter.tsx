import { TIME_RANGES, type TimeRange } from '../../contract/billing';
import { TIME_RANGE_LABELS } from '../../lib/labels';
import type { DashboardFilters } from '../filter-schema';
import type { FilterPatch } from '../filter-url';
import { lazy, Suspense } from 'react';
import { SelectFilter } from './select-filter';

// The date inputs show only for a custom range: their code loads when one is chosen (or linked to).
const DateFilter = lazy(() => import('./date-filter').then((m) => ({ default: m.DateFilter })));

const OPTIONS = TIME_RANGES.map((value) => ({ value, label: TIME_RANGE_LABELS[value] }));

/** "Time range", plus "Start date" and "End date" for a custom range. */
export function TimeRangeFilter({
  filters,
  onChange,
}: {
  filters: DashboardFilters;
  onChange: (patch: FilterPatch) => void;
}) {
  const custom = filters.timeRange === 'custom' && filters.startDate && filters.endDate;
  return (
    <>
      <SelectFilter<TimeRange>
        label="Time range"
        value={filters.timeRange}
        options={OPTIONS}
        onChange={(timeRange) => onChange({ timeRange })}
        className={`sm:w-40 ${custom ? 'col-span-2 sm:col-span-1' : ''}`}
      />
      {custom && (
        <Suspense fallback={null}>
          <DateFilter
            label="Start date"
            value={filters.startDate!}
            max={filters.endDate}
            onChange={(startDate) => onChange({ startDate })}
            className="sm:w-[8.75rem]"
          />
          <DateFilter
            label="End date"
            value={filters.endDate!}
            min={filters.startDate}
            onChange={(endDate) => onChange({ endDate })}
            className="sm:w-[8.75rem]"
          />
        </Suspense>
      )}
    </>
  );
}
