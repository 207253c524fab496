import type { ComponentType } from 'react';
import {
  BudgetsIcon,
  ForecastIcon,
  OptimizationIcon,
  OverviewIcon,
  TableIcon,
  TeamsIcon,
  UsageIcon,
  type IconProps,
} from '../../components/icons';

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<IconProps>;
  /** Organisation-wide: hidden from team-scoped users (the server refuses it for them). */
  orgWide?: boolean;
  /** Administrators only. */
  adminOnly?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: OverviewIcon },
  { to: '/usage', label: 'Usage', icon: UsageIcon },
  { to: '/forecast', label: 'Forecast', icon: ForecastIcon, orgWide: true },
  { to: '/optimization', label: 'Optimization', icon: OptimizationIcon, orgWide: true },
  { to: '/teams', label: 'Teams', icon: TeamsIcon },
  { to: '/budgets', label: 'Budgets', icon: BudgetsIcon, orgWide: true },
  { to: '/activity', label: 'Activity', icon: TableIcon, adminOnly: true },
];

/** The items a user sees: Activity for administrators, organisation-wide pages unless scoped to teams. */
export function navItemsFor(session: { role: string; teams: readonly string[] }): NavItem[] {
  return NAV_ITEMS.filter((i) => (!i.adminOnly || session.role === 'admin') && (!i.orgWide || session.teams.length === 0));
}
