import { useCallback, useMemo } from 'react';
import { useLocation } from 'react-router';
import { filterSearch } from '../../url-state/filter-url';

/** Links to a team's page (and back to all teams) that keep the shared filters. */
export function useTeamLinks(): { teamHref: (teamId: string) => string; teamsHref: string } {
  const { search } = useLocation();
  const filters = useMemo(() => filterSearch(search), [search]);
  const teamHref = useCallback((teamId: string) => `/teams/${encodeURIComponent(teamId)}${filters}`, [filters]);
  return { teamHref, teamsHref: `/teams${filters}` };
}
