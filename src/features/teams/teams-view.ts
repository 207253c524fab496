/** The Teams pages' route handle, and the list's own URL parameters: leaderboard sort and search. */
import * as z from 'zod/mini';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { defineView, viewParam } from '../../url-state/view-params';
import { TEAM_SORTS } from './team-metrics';

export const teamsView = defineView({
  sort: viewParam(z.enum(TEAM_SORTS), 'total'),
  dir: viewParam(z.enum(['asc', 'desc']), 'desc'),
  q: viewParam(z.string().check(z.maxLength(100)), ''),
});

/** Team metrics follow the time range, resource types and currency; these pages show no time series. */
export const teamsHandle: FilterRouteHandle = { filterBar: { hide: ['granularity', 'groupBy'] } };
