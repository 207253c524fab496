import { useSession } from '../session';

/** On every page of a team-scoped user: whose spend the figures are. */
export function ScopeBanner() {
  const { teams } = useSession();
  if (!teams.length) return null;
  return (
    <p
      role="note"
      aria-label="Team scope"
      className="mb-4 rounded-card border border-accent/30 bg-accent-soft px-3.5 py-2 text-[13px] text-foreground"
    >
      You see the spend of <strong className="font-semibold">{teams.join(', ')}</strong> only: totals add up these teams. Regions,
      forecasts, optimisation findings and budgets cover the whole organisation and are not shown.
    </p>
  );
}
