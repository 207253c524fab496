import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { useState, type ReactNode } from 'react';
import { createQueryClient } from './query-client';
import { createPersistOptions, type PersistOptions } from './query-persistence';
import { ThemeProvider } from './theme-provider';

/**
 * The app's providers. Without a `queryClient` (the app itself) the query
 * cache is persisted between visits; with one (tests) it is not, unless
 * `persistOptions` are given.
 */
export function AppProviders({
  children,
  queryClient,
  persistOptions,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  persistOptions?: PersistOptions | null;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [persist] = useState(() => (persistOptions !== undefined ? persistOptions : queryClient ? null : createPersistOptions()));
  const content = <ThemeProvider>{children}</ThemeProvider>;
  return persist ? (
    <PersistQueryClientProvider client={client} persistOptions={persist}>
      {content}
    </PersistQueryClientProvider>
  ) : (
    <QueryClientProvider client={client}>{content}</QueryClientProvider>
  );
}
