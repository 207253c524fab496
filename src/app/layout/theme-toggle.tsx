import { useId } from 'react';
import { MonitorIcon, MoonIcon, SunIcon } from '../../components/icons';
import type { ThemePreference } from '../theme';
import { useTheme } from '../theme-context';

const OPTIONS: { value: ThemePreference; label: string; Icon: typeof SunIcon }[] = [
  { value: 'light', label: 'Light', Icon: SunIcon },
  { value: 'dark', label: 'Dark', Icon: MoonIcon },
  { value: 'system', label: 'System', Icon: MonitorIcon },
];

/** Light / dark / system, as a labelled radio group (arrow keys move between options). */
export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  const name = useId();
  return (
    <fieldset className="inline-flex items-center gap-0.5 rounded-lg border border-border bg-surface-muted p-0.5">
      <legend className="sr-only">Color theme</legend>
      {OPTIONS.map(({ value, label, Icon }) => (
        <label
          key={value}
          title={`${label} theme`}
          className="relative inline-flex size-7 cursor-pointer items-center justify-center rounded-md text-muted transition-colors hover:text-foreground has-[:checked]:bg-surface has-[:checked]:text-foreground has-[:checked]:shadow-card has-[:checked]:ring-1 has-[:checked]:ring-border-strong has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent"
        >
          <input
            type="radio"
            name={name}
            value={value}
            checked={preference === value}
            onChange={() => setPreference(value)}
            className="sr-only"
          />
          <Icon size={15} />
          <span className="sr-only">{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
