import { NavLink } from 'react-router';
import { NAV_ITEMS } from './nav-items';

/** The main navigation links; NavLink sets aria-current="page" on the active one. */
export function NavList({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {NAV_ITEMS.map(({ to, label, icon: Icon }) => (
        <li key={to}>
          <NavLink
            to={to}
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
