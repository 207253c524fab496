import { Brand } from './brand';
import { NavList } from './nav-list';
import { ThemeToggle } from './theme-toggle';
import { UserBoxSlot } from './session-chrome';

/** Fixed left navigation from the md breakpoint up. */
export function Sidebar() {
  return (
    <aside className="sticky top-0 hidden h-dvh w-56 shrink-0 flex-col border-r border-border bg-surface md:flex">
      <div className="flex h-14 items-center px-4">
        <Brand />
      </div>
      <nav aria-label="Main" className="flex-1 overflow-y-auto px-2.5 py-2">
        <p className="px-2.5 pb-1.5 text-2xs font-medium tracking-wider text-muted uppercase">Billing</p>
        <NavList />
      </nav>
      <UserBoxSlot />
      <div className="flex items-center justify-between border-t border-border px-4 py-3">
        <span className="text-xs text-muted">Theme</span>
        <ThemeToggle />
      </div>
    </aside>
  );
}
