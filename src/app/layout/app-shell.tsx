import { Outlet, useNavigation } from 'react-router';
import { FilterHeader, FilterIssuesBanner } from './filter-header';
import { MobileHeader } from './mobile-header';
import { Sidebar } from './sidebar';
import { SessionGate } from '../session';
import { NoAccessSlot, ScopeBannerSlot } from './session-chrome';
import { StaleDataBanner } from './stale-data-banner';

/** The shell once the user is known (see SessionGate: sign-in, no-access page). */
export function AppShell() {
  return (
    <SessionGate fallback={<ShellFallback />} noAccess={(session) => <NoAccessSlot session={session} fallback={<ShellFallback />} />}>
      <Shell />
    </SessionGate>
  );
}

function Shell() {
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only rounded-md bg-accent text-[13px] font-medium text-accent-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <div
        aria-hidden="true"
        className={`fixed inset-x-0 top-0 z-40 h-0.5 origin-left bg-accent transition-transform duration-300 ${
          busy ? 'scale-x-75' : 'scale-x-0'
        }`}
      />
      <Sidebar />
      <MobileHeader />
      <main id="main" tabIndex={-1} aria-busy={busy} className="min-w-0 flex-1 outline-none">
        <FilterHeader />
        <div className="mx-auto w-full max-w-[1440px] px-4 py-5 md:px-8 md:py-6">
          <FilterIssuesBanner />
          <StaleDataBanner />
          <ScopeBannerSlot />
          <Outlet />
        </div>
      </main>
    </div>
  );
}

/** Shown while the first page's code loads. */
export function ShellFallback() {
  return (
    <div className="flex min-h-dvh items-center justify-center" role="status">
      <span className="text-sm text-muted">Loading TensorOne Billing…</span>
    </div>
  );
}
