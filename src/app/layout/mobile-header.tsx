import { useEffect, useId, useState } from 'react';
import { CloseIcon, MenuIcon } from '../../components/icons';
import { Brand } from './brand';
import { NavList } from './nav-list';
import { ThemeToggle } from './theme-toggle';
import { UserBoxSlot } from './session-chrome';

/** Below the md breakpoint the sidebar becomes this top bar with a menu. */
export function MobileHeader() {
  const [open, setOpen] = useState(false);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/95 backdrop-blur md:hidden">
      <div className="flex h-12 items-center justify-between px-4">
        <Brand />
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((v) => !v)}
          className="inline-flex h-8 items-center gap-1.5 rounded-md border border-border px-2.5 text-[13px] font-medium text-foreground hover:bg-surface-muted"
        >
          {open ? <CloseIcon size={16} /> : <MenuIcon size={16} />}
          Menu
        </button>
      </div>
      {open && (
        <nav id={panelId} aria-label="Main" className="border-t border-border px-3 pt-2 pb-3">
          <NavList onNavigate={() => setOpen(false)} />
          <div className="mt-3 -mx-3">
            <UserBoxSlot />
          </div>
          <div className="mt-3 flex items-center justify-between border-t border-border px-1 pt-3">
            <span className="text-xs text-muted">Theme</span>
            <ThemeToggle />
          </div>
        </nav>
      )}
    </header>
  );
}
