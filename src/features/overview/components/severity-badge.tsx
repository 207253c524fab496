import type { IconProps } from '../../../components/icons';
import { AlertIcon, Icon, InfoIcon } from '../../../components/icons';
import { labelFor, lookup } from '../../../lib/format';
import type { Alert } from '../../../contract/billing';
import { SEVERITY_LABELS } from '../alerts';

function OctagonAlertIcon({ size = 16, ...props }: IconProps) {
  return (
    <Icon size={size} {...props}>
      <path d="M8.2 2.8h7.6l5.4 5.4v7.6l-5.4 5.4H8.2l-5.4-5.4V8.2Z" />
      <path d="M12 7.5v5.5" />
      <path d="M12 16.5h.01" />
    </Icon>
  );
}

function CircleAlertIcon({ size = 16, ...props }: IconProps) {
  return (
    <Icon size={size} {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5" />
      <path d="M12 16.5h.01" />
    </Icon>
  );
}

type Severity = keyof typeof SEVERITY_LABELS;

const STYLES: Record<Severity, { Icon: (p: IconProps) => React.ReactNode; className: string }> = {
  critical: { Icon: OctagonAlertIcon, className: 'bg-danger text-accent-foreground border-danger' },
  high: { Icon: AlertIcon, className: 'bg-danger-soft text-danger border-danger/40' },
  medium: { Icon: CircleAlertIcon, className: 'bg-warning-soft text-warning border-warning/40' },
  low: { Icon: InfoIcon, className: 'bg-surface-muted text-muted border-border-strong' },
};

/** Severity as an icon and a word (each severity has its own icon shape), not as colour alone. */
export function SeverityBadge({ severity }: { severity: Alert['severity'] }) {
  // A severity the dashboard does not know: its id, in the neutral style.
  const { Icon, className } = lookup(STYLES, severity, STYLES.low);
  return (
    <span
      data-severity={severity}
      className={`inline-flex h-5 shrink-0 items-center gap-1 rounded border px-1.5 text-2xs font-semibold ${className}`}
    >
      <Icon size={12} />
      {labelFor(SEVERITY_LABELS, severity)}
    </span>
  );
}
