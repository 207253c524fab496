/**
 * Human labels for the API's enums, in the order the reference lists them.
 * (Resource type labels live with their colours in colors.ts.)
 */
import type { Currency, Granularity, GroupBy, TimeRange } from '../contract/billing';

export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  current_month: 'Current month',
  last_month: 'Last month',
  current_quarter: 'Current quarter',
  last_quarter: 'Last quarter',
  current_year: 'Current year',
  custom: 'Custom range',
};

export const GRANULARITY_LABELS: Record<Granularity, string> = {
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
};

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
  resource: 'Resource',
  region: 'Region',
  project: 'Project',
  service: 'Service',
  user: 'User',
};

export const CURRENCY_NAMES: Record<Currency, string> = {
  USD: 'US dollar',
  EUR: 'Euro',
  GBP: 'British pound',
  JPY: 'Japanese yen',
  CAD: 'Canadian dollar',
  AUD: 'Australian dollar',
};

