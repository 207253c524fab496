/**
 * With sign-in: a session that ends while the page is open (expired, signed
 * out elsewhere) sends the browser to sign in again, back to the same address.
 */
import type { QueryClient } from '@tanstack/react-query';
import { loginHref } from './session-api';

/** An ApiError for 401 unauthorized (checked by shape, so the first load need not carry the error classes). */
const expired = (error: unknown) => {
  const e = error as { status?: unknown; code?: unknown } | null;
  return !!e && e.status === 401 && e.code === 'unauthorized';
};

/** Watches every query and mutation for a 401; returns the unsubscribe. */
export function watchSessionEnd(queryClient: QueryClient): () => void {
  const onQuery = queryClient.getQueryCache().subscribe((e) => {
    if (e.type === 'updated' && expired(e.query.state.error)) window.location.assign(loginHref());
  });
  const onMutation = queryClient.getMutationCache().subscribe((e) => {
    if (e.type === 'updated' && expired(e.mutation?.state.error)) window.location.assign(loginHref());
  });
  return () => {
    onQuery();
    onMutation();
  };
}
