import type { ComponentType } from 'react';
import {
  BudgetsIcon,
  ForecastIcon,
  OptimizationIcon,
  OverviewIcon,
  TeamsIcon,
  UsageIcon,
  type IconProps,
} from '../../components/icons';

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<IconProps>;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: OverviewIcon },
  { to: '/usage', label: 'Usage', icon: UsageIcon },
  { to: '/forecast', label: 'Forecast', icon: ForecastIcon },
  { to: '/optimization', label: 'Optimization', icon: OptimizationIcon },
  { to: '/teams', label: 'Teams', icon: TeamsIcon },
  { to: '/budgets', label: 'Budgets', icon: BudgetsIcon },
];
