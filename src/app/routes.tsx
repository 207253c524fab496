import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { AppShell, ShellFallback } from './layout/app-shell';
import { NotFoundPage, RouteErrorBoundary } from './route-error-boundary';

/** A page module: the page as default export, and optionally a route `handle` (e.g. FilterRouteHandle). */
type PageModule = Promise<{ default: ComponentType; handle?: unknown }>;

/** A lazily loaded page: one chunk per page; its `handle` configures the shell (filter bar). */
const page = (load: () => PageModule): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => {
    const module = await load();
    return module.handle === undefined ? { Component: module.default } : { Component: module.default, handle: module.handle };
  },
});

/**
 * The route tree. The outer error boundary catches a failure of the shell
 * itself; the inner one keeps the navigation visible when a page fails.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppShell,
    ErrorBoundary: RouteErrorBoundary,
    HydrateFallback: ShellFallback,
    children: [
      {
        ErrorBoundary: RouteErrorBoundary,
        children: [
          { index: true, ...page(() => import('../features/overview/overview-page')) },
          { path: 'usage', ...page(() => import('../features/usage/usage-page')) },
          { path: 'usage/:resourceType', ...page(() => import('../features/usage/usage-type-page')) },
          { path: 'compare', ...page(() => import('../features/compare/compare-page')) },
          { path: 'forecast', ...page(() => import('../features/forecast/forecast-page')) },
          { path: 'optimization', ...page(() => import('../features/optimization/optimization-page')) },
          { path: 'teams', ...page(() => import('../features/teams/teams-page')) },
          { path: 'teams/:teamId', ...page(() => import('../features/teams/team-page')) },
          { path: 'budgets', ...page(() => import('../features/budgets/budgets-page')) },
          { path: 'budgets/new', ...page(() => import('../features/budgets/budget-editor-page')) },
          { path: 'budgets/:budgetId/edit', ...page(() => import('../features/budgets/budget-editor-page')) },
          { path: 'activity', ...page(() => import('../features/activity/activity-page')) },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];
