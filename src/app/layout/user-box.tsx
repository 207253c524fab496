import type { Session } from '../../contract/access';
import { useSession } from '../session';

const ROLE_LABEL: Record<Session['role'], string> = { admin: 'Administrator', editor: 'Editor', viewer: 'Viewer', none: 'No access' };

/** Whose spend the pages show: the whole organisation, or the user's teams. */
export function scopeLabel(session: Pick<Session, 'teams'>): string {
  return session.teams.length ? session.teams.join(', ') : 'Whole organisation';
}

/** The sign-out button: a same-origin form post to /auth/logout. */
export function SignOutButton({ className = '' }: { className?: string }) {
  return (
    <form method="post" action="/auth/logout" className={className}>
      <button
        type="submit"
        className="inline-flex h-7 items-center rounded-md border border-border px-2.5 text-xs font-medium text-foreground hover:bg-surface-muted"
      >
        Sign out
      </button>
    </form>
  );
}

/** Who is signed in, their role, whose spend they see, and Sign out (not shown without sign-in). */
export function UserBox() {
  const session = useSession();
  if (session.mode === 'none') return null;
  return (
    <section aria-label="Signed in" className="flex flex-col gap-1.5 border-t border-border px-4 py-3">
      <p className="truncate text-[13px] font-medium text-foreground" title={session.user.email ?? session.user.name}>
        {session.user.name}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
        <dt className="text-muted">Role</dt>
        <dd className="text-foreground">{ROLE_LABEL[session.role]}</dd>
        <dt className="text-muted">Sees</dt>
        <dd className="break-words text-foreground">{scopeLabel(session)}</dd>
      </dl>
      {session.mode === 'oidc' && <SignOutButton className="mt-1" />}
    </section>
  );
}
