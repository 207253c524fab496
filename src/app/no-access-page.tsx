import { AlertIcon } from '../components/icons';
import type { Session } from '../contract/access';
import { Brand } from './layout/brand';
import { SignOutButton } from './layout/user-box';
import { ThemeToggle } from './layout/theme-toggle';

/** A signed-in user whose groups give no role: what happened and what to do, and Sign out. */
export function NoAccessPage({ session }: { session: Session }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-between border-b border-border bg-surface px-4">
        <Brand />
        <ThemeToggle />
      </header>
      <main id="main" className="mx-auto flex w-full max-w-lg flex-1 flex-col justify-center px-4 py-10">
        <title>No access · TensorOne Billing</title>
        <div className="rounded-card border border-border bg-surface p-6 shadow-card">
          <div className="flex items-center gap-2.5">
            <AlertIcon size={20} className="shrink-0 text-warning" />
            <h1 className="text-lg font-semibold text-foreground">No access to billing data</h1>
          </div>
          <p className="mt-3 text-[13px] text-foreground/85">
            You are signed in as <strong className="font-semibold text-foreground">{session.user.name}</strong>
            {session.user.email && session.user.email !== session.user.name ? ` (${session.user.email})` : ''}, but your account is in
            none of the groups that may use this dashboard.
          </p>
          <p className="mt-2 text-[13px] text-foreground/85">
            Ask your administrator to add you to a viewer, editor or administrator group, then sign in again.
          </p>
          {session.mode === 'oidc' && <SignOutButton className="mt-5" />}
        </div>
      </main>
    </div>
  );
}
