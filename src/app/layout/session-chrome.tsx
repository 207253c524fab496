/**
 * What only signed-in users see (their box with Sign out, the team-scope
 * banner, the no-access page), loaded when there is sign-in at all, so a
 * dashboard without sign-in does not carry them in its first load.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { Session } from '../../contract/access';
import { useSession } from '../session';

const chrome = () => import('./signed-in');
const LazyUserBox = lazy(() => chrome().then((m) => ({ default: m.UserBox })));
const LazyScopeBanner = lazy(() => chrome().then((m) => ({ default: m.ScopeBanner })));
const LazyNoAccess = lazy(() => chrome().then((m) => ({ default: m.NoAccessPage })));

export function UserBoxSlot() {
  const { mode } = useSession();
  if (mode === 'none') return null;
  return (
    <Suspense fallback={null}>
      <LazyUserBox />
    </Suspense>
  );
}

export function ScopeBannerSlot() {
  const { teams } = useSession();
  if (!teams.length) return null;
  return (
    <Suspense fallback={null}>
      <LazyScopeBanner />
    </Suspense>
  );
}

export function NoAccessSlot({ session, fallback }: { session: Session; fallback: ReactNode }) {
  return (
    <Suspense fallback={fallback}>
      <LazyNoAccess session={session} />
    </Suspense>
  );
}
