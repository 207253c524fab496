import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../app/providers';
import { routes } from '../app/routes';
import { PresetSession } from '../app/session';
import { LOCAL_SESSION } from '../app/session-api';
import type { Session } from '../contract/access';

/** A QueryClient for one test: no retries, so failures show at once. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/** Renders the whole app (shell + lazy routes) at `url`, signed in as `session` (an administrator without sign-in by default). */
export function renderApp(url = '/', queryClient = createTestQueryClient(), session: Session = LOCAL_SESSION) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const result = render(
    <AppProviders queryClient={queryClient}>
      <PresetSession value={session}>
        <RouterProvider router={router} />
      </PresetSession>
    </AppProviders>,
  );
  return { ...result, router, queryClient };
}
