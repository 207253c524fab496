/**
 * The signed-in user, for the whole app: loaded from `/auth/me` before the
 * shell renders. Without a session the browser goes to sign-in and comes back
 * to the same address; a user with no role sees the no-access page. When a
 * different user (or role, or team scope) signs in on this browser, the
 * query cache kept from the previous visit is dropped, so nobody sees another
 * user's answers.
 */
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect, type ReactNode } from 'react';
import type { Session } from '../contract/access';
import { PERSIST_KEY } from './query-persistence';
import { fetchSession, LOCAL_SESSION, loginHref } from './session-api';
import { watchSessionEnd } from './session-watch';

const SessionContext = createContext<Session>(LOCAL_SESSION);

/** The signed-in user (LOCAL_SESSION outside a SessionGate, e.g. in component tests). */
export function useSession(): Session {
  return use(SessionContext);
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext value={session}>{children}</SessionContext>;
}

/** A session given from outside (component tests): the gate uses it and asks the server nothing. */
const PresetSessionContext = createContext<Session | null>(null);
export const PresetSession = PresetSessionContext;

const IDENTITY_KEY = 'tensorone-billing:identity';

/** Drops cached answers when they were fetched for someone else (the first visit keeps what it has). */
function forgetOtherUsersData(session: Session, clear: () => void): void {
  const identity = JSON.stringify([session.user.id, session.role, session.teams]);
  try {
    const previous = window.localStorage.getItem(IDENTITY_KEY);
    if (previous !== null && previous !== identity) {
      clear();
      window.localStorage.removeItem(PERSIST_KEY);
    }
    if (previous !== identity) window.localStorage.setItem(IDENTITY_KEY, identity);
  } catch {
    clear();
  }
}

/** Who is signed in, asked once per page load (and again on Retry); never stored with the other answers. */
function sessionQuery(queryClient: QueryClient) {
  return queryOptions({
    queryKey: ['session'],
    queryFn: async ({ signal }) => {
      const s = await fetchSession(signal);
      if (s !== 'signed-out') forgetOtherUsersData(s, () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' }));
      return s;
    },
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    meta: { persist: false },
  });
}

export function SessionGate({ children, fallback, noAccess }: { children: ReactNode; fallback: ReactNode; noAccess: (s: Session) => ReactNode }) {
  const preset = use(PresetSessionContext);
  if (preset) return <SessionProvider session={preset}>{preset.role === 'none' ? noAccess(preset) : children}</SessionProvider>;
  return <LoadedSessionGate fallback={fallback} noAccess={noAccess}>{children}</LoadedSessionGate>;
}

function LoadedSessionGate({ children, fallback, noAccess }: { children: ReactNode; fallback: ReactNode; noAccess: (s: Session) => ReactNode }) {
  const queryClient = useQueryClient();
  const { data, error, refetch, isFetching } = useQuery(sessionQuery(queryClient));
  const session = data && data !== 'signed-out' ? data : null;

  // Without a session: sign in, and come back here.
  useEffect(() => {
    if (data === 'signed-out') window.location.assign(loginHref());
  }, [data]);
  // With sign-in, a session that ends while the page is open sends the browser to sign in again.
  const mode = session?.mode;
  useEffect(() => (mode === 'oidc' ? watchSessionEnd(queryClient) : undefined), [mode, queryClient]);

  if (error && !isFetching)
    return (
      <div role="alert" className="mx-auto mt-10 max-w-xl rounded-card border border-danger/30 bg-danger-soft px-4 py-3.5">
        <p className="text-sm font-semibold text-foreground">Could not check who you are</p>
        <p className="mt-0.5 text-[13px] break-words text-foreground/85">{error.message}</p>
        <button type="button" onClick={() => void refetch()} className="mt-2 rounded-md border border-border-strong bg-surface px-2.5 py-1 text-[13px] font-medium">
          Retry
        </button>
      </div>
    );
  if (!session) return fallback;
  return <SessionProvider session={session}>{session.role === 'none' ? noAccess(session) : children}</SessionProvider>;
}
