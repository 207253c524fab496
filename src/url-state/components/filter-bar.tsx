import type { ReactNode } from 'react';
import { CURRENCIES, GRANULARITIES, GROUP_BYS, MAX_HOURLY_DAYS } from '../../contract/billing';
import { GRANULARITY_LABELS, GROUP_BY_LABELS } from '../../lib/labels';
import type { FilterControl } from '../filter-bar-config';
import { hourlyAllowed } from '../filter-schema';
import { useUrlState } from '../use-url-state';
import { CopyLinkButton } from './copy-link-button';
import { ResourceTypesFilter } from './resource-types-filter';
import { SelectFilter } from './select-filter';
import { TimeRangeFilter } from './time-range-filter';

const GROUP_BY_OPTIONS = GROUP_BYS.map((value) => ({ value, label: GROUP_BY_LABELS[value] }));
const CURRENCY_OPTIONS = CURRENCIES.map((value) => ({ value, label: value }));

export interface FilterBarProps {
  /** Controls this page does not use. */
  hide?: readonly FilterControl[];
  /** Shown before "Copy link" (e.g. "Updated 3 min ago"). */
  aside?: ReactNode;
}

/**
 * The shared filters as compact labelled controls, every change written to
 * the URL: Time range (+ Start/End date for custom), Resource types,
 * Granularity, Group by, Currency, Copy link and Copy link with these dates. Two columns on a phone, one
 * wrapping row from `sm` up.
 */
export function FilterBar({ hide = [], aside }: FilterBarProps) {
  const { filters, set: setFilters, rangeDays: days } = useUrlState();
  const shows = (control: FilterControl) => !hide.includes(control);
  const granularityOptions = GRANULARITIES.map((value) => ({
    value,
    label:
      value === 'hourly' && !hourlyAllowed(days)
        ? `${GRANULARITY_LABELS.hourly} (≤ ${MAX_HOURLY_DAYS} days)`
        : GRANULARITY_LABELS[value],
    disabled: value === 'hourly' && !hourlyAllowed(days),
  }));

  return (
    <div className="grid grid-cols-2 items-end gap-x-2.5 gap-y-2 sm:flex sm:flex-wrap">
      {shows('timeRange') && <TimeRangeFilter filters={filters} onChange={setFilters} />}
      {shows('resourceType') && (
        <ResourceTypesFilter
          value={filters.resourceType}
          onChange={(resourceType) => setFilters({ resourceType })}
          className="sm:w-52"
        />
      )}
      {shows('granularity') && (
        <SelectFilter
          label="Granularity"
          value={filters.granularity}
          options={granularityOptions}
          onChange={(granularity) => setFilters({ granularity })}
          className="sm:w-28"
        />
      )}
      {shows('groupBy') && (
        <SelectFilter
          label="Group by"
          value={filters.groupBy}
          options={GROUP_BY_OPTIONS}
          onChange={(groupBy) => setFilters({ groupBy })}
          className="sm:w-28"
        />
      )}
      {shows('currency') && (
        <SelectFilter
          label="Currency"
          value={filters.currency}
          options={CURRENCY_OPTIONS}
          onChange={(currency) => setFilters({ currency })}
          className="sm:w-[5.5rem]"
        />
      )}
      <div className="col-span-2 flex min-h-8 flex-wrap items-center justify-end gap-x-3 gap-y-2 sm:ml-auto">
        <div className="mr-auto sm:mr-0">{aside}</div>
        <CopyLinkButton fixedDates={shows('timeRange')} />
      </div>
    </div>
  );
}
