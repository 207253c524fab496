import { useMemo } from 'react';
import { NavLink, useLocation } from 'react-router';
import { filterSearch } from '../../url-state/filter-url';
import { useSession } from '../session';
import { navItemsFor } from './nav-items';

/**
 * The main navigation links; NavLink sets aria-current="page" on the active
 * one. Each link carries the shared filters (not a page's own view options),
 * so switching page keeps the time range, currency and the rest.
 */
export function NavList({ onNavigate }: { onNavigate?: () => void }) {
  const { search: current } = useLocation();
  const search = useMemo(() => filterSearch(current), [current]);
  const session = useSession();
  return (
    <ul className="flex flex-col gap-0.5">
      {navItemsFor(session).map(({ to, label, icon: Icon }) => (
        <li key={to}>
          <NavLink
            to={{ pathname: to, search }}
            end={to === '/'}
            onClick={onNavigate}
            className={({ isActive }) =>
              [
                'group flex h-8 items-center gap-2.5 rounded-md px-2.5 text-[13px] font-medium transition-colors',
                isActive
                  ? 'bg-accent-soft text-accent'
                  : 'text-muted hover:bg-surface-muted hover:text-foreground',
              ].join(' ')
            }
          >
            <Icon size={16} className="shrink-0" />
            {label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
