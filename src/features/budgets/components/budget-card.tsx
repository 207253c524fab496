import { useId } from 'react';
import { Link } from 'react-router';
import { READ_ONLY_NOTE_ID } from '../read-only';
import type { BudgetStatus, Currency } from '../../../contract/billing';
import { chanceLabel, dayMonth, dayRange } from '../../../lib/breach-text';
import { useBudgetView } from '../../../api/use-budget-view';
import { BreachLine } from './breach-line';
import { resourceLabel } from '../../../lib/colors';
import { formatMoney, formatPercent } from '../../../lib/format';
import { BudgetProgress } from './budget-progress';
import { RankBadge, StatusBadge } from './status-badge';
import { GHOST_BUTTON_CLASS } from './styles';

/** `All resources` or the covered types' names; undefined when the API does not say. */
export function coverageLabel(types: BudgetStatus['resourceTypes']): string | undefined {
  if (!types) return undefined;
  if (types.includes('all')) return 'All resources';
  return types.map((t) => resourceLabel(t)).join(', ');
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-2xs font-medium text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold text-foreground tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {note && <dd className="text-2xs text-muted tabular-nums">{note}</dd>}
    </div>
  );
}

/** "24 Jan (21–28 Jan)", "Exceeded already", "Not expected this month", or "…" while the forecast runs. */
function expectedExceed(view: ReturnType<typeof useBudgetView>): { value: string; note?: string } {
  const { figures, threshold, breach } = view;
  if (figures && figures.spentPercent >= 100) return { value: 'Exceeded already' };
  if (breach.unavailable || breach.isError) return { value: '—', note: 'No breach forecast' };
  if (!threshold) return { value: '…', note: 'Forecasting' };
  if (threshold.reached) return { value: 'Exceeded already' };
  if (!threshold.expected || threshold.probability < 0.01) return { value: 'Not this month', note: `${chanceLabel(threshold.probability)} chance` };
  return {
    value: dayMonth(threshold.expected.date),
    note:
      `${chanceLabel(threshold.probability)} chance` +
      (threshold.expected.earliest === threshold.expected.latest ? '' : `; ${dayRange(threshold.expected.earliest, threshold.expected.latest)}`),
  };
}

/** One budget this month in the display currency: ranked status, figures, the bar on the shared scale, and Edit / Delete. */
export function BudgetCard({
  item,
  currency,
  scale,
  onDelete,
  readOnly = false,
}: {
  item: BudgetStatus;
  /** The display currency: every amount is shown in it, the budget's own noted. */
  currency: Currency;
  /** The scale every card's bar shares (useSharedScale). */
  scale: number;
  onDelete: (item: BudgetStatus) => void;
  /** The user's role may not change budgets: Edit and Delete are shown disabled (the page says why). */
  readOnly?: boolean;
}) {
  const titleId = useId();
  const view = useBudgetView(item, currency);
  const { figures, breach, rank, record } = view;
  const crossed = item.thresholdsCrossed;
  const coverage = coverageLabel(item.resourceTypes);
  const exceed = expectedExceed(view);
  const money = (x: number) => formatMoney(x, figures?.currency ?? currency);
  const confidence = record.data?.confidence;
  return (
    <article aria-labelledby={titleId} data-testid="budget-card" data-rank={rank} className="rounded-card border border-border bg-surface p-4 shadow-card">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={titleId} className="truncate text-sm font-semibold text-foreground">
              {item.name}
            </h2>
            <RankBadge rank={rank} />
            {/* a status value this dashboard does not know is the API's word: shown as it is */}
            {item.status !== undefined && !['on_track', 'at_risk', 'exceeded'].includes(item.status) && <StatusBadge status={item.status} />}
          </div>
          <p className="mt-0.5 text-xs text-muted" data-testid="budget-amount">
            {coverage ? `${coverage} · ` : ''}
            {figures ? `${money(figures.budget)} per month` : formatMoney(item.monthlyBudget, item.currency) + ' per month'}
            {figures?.own && ` (kept in ${figures.own.currency}: ${formatMoney(figures.own.budget, figures.own.currency)}, converted at this month's rate)`}
          </p>
        </div>
        {/* Without an id from the API the budget can be shown but not addressed. */}
        {item.budgetId !== undefined && (
          <div className="-mr-2 flex items-center gap-0.5">
            {readOnly ? (
              <button type="button" disabled aria-describedby={READ_ONLY_NOTE_ID} className={GHOST_BUTTON_CLASS}>
                Edit<span className="sr-only"> {item.name}</span>
              </button>
            ) : (
              <Link to={`/budgets/${encodeURIComponent(item.budgetId)}/edit`} className={GHOST_BUTTON_CLASS}>
                Edit<span className="sr-only"> {item.name}</span>
              </Link>
            )}
            <button
              type="button"
              disabled={readOnly}
              aria-describedby={readOnly ? READ_ONLY_NOTE_ID : undefined}
              onClick={() => onDelete(item)}
              className={`${GHOST_BUTTON_CLASS} hover:text-danger`}
            >
              Delete<span className="sr-only"> {item.name}</span>
            </button>
          </div>
        )}
      </div>

      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-5">
        <Figure
          label="Spent this month"
          value={figures ? money(figures.spent) : '…'}
          note={`${formatPercent(figures?.spentPercent ?? item.percentageUsed)} of budget`}
          testId="budget-spent"
        />
        {figures?.projected !== undefined ? (
          <Figure
            label="Projected month end"
            value={money(figures.projected)}
            note={
              `${formatPercent(figures.projectedPercent ?? 0)} of budget` +
              (figures.projectedFrom === 'record'
                ? confidence !== undefined
                  ? ` · ${formatPercent(confidence * 100, 0)} confidence (±10%)`
                  : ''
                : ' (the API’s budget status)')
            }
            testId="budget-projected"
          />
        ) : (
          <Figure label="Projected month end" value="—" note="The API gave no projection" testId="budget-projected" />
        )}
        <Figure label="Expected to exceed" value={exceed.value} note={exceed.note} testId="budget-exceed-date" />
        <Figure
          label="Days left"
          value={String(item.daysRemainingInPeriod)}
          note={item.daysRemainingInPeriod === 1 ? 'day in this month' : 'days in this month'}
          testId="budget-days-left"
        />
        <Figure
          label="Thresholds crossed"
          value={crossed.length === 0 ? 'None' : crossed.map((t) => `${t}%`).join(', ')}
          note={item.alertThresholds.length > 0 ? `of ${item.alertThresholds.map((t) => `${t}%`).join(', ')}` : 'No thresholds given'}
          testId="budget-crossed"
        />
      </dl>

      <div className="mt-3">
        <BudgetProgress
          figures={figures ?? { spentPercent: item.percentageUsed, projectedPercent: undefined }}
          thresholds={item.alertThresholds}
          crossed={crossed}
          scale={scale}
          rank={rank}
        />
      </div>
      <BreachLine breach={breach} className="mt-2" />
    </article>
  );
}
