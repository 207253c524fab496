import type { BudgetStatus, Currency } from '../../../contract/billing';
import { useSharedScale } from '../../../api/use-budget-view';
import { BudgetCard } from './budget-card';

/** Every budget card on the one scale they share (loaded after the page has painted, with its forecasts). */
export function BudgetList({
  budgets,
  currency,
  busy,
  onDelete,
  readOnly,
}: {
  budgets: readonly BudgetStatus[];
  currency: Currency;
  busy: boolean;
  onDelete: (item: BudgetStatus) => void;
  readOnly: boolean;
}) {
  const scale = useSharedScale(budgets, currency);
  return (
    <ul aria-label="Budgets" aria-busy={busy} className="flex flex-col gap-3" data-scale={scale}>
      {budgets.map((item, i) => (
        <li key={item.budgetId ?? `${item.name}-${i}`}>
          <BudgetCard item={item} currency={currency} scale={scale} onDelete={onDelete} readOnly={readOnly} />
        </li>
      ))}
    </ul>
  );
}
