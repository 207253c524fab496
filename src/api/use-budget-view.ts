/**
 * One budget as every view shows it (Budgets cards, Forecast's budget rows):
 * figures in the display currency, the projection of record for its types,
 * the breach forecast centred on that projection, and the ranked status.
 */
import type { BudgetStatus, Currency } from '../contract/billing';
import { breachScope, useBreachOutlook } from './breach-outlook';
import { useMonthEnd } from './month-end';
import { isApiCurrency, useMonthEnds, useMonthRates } from './month-rates';
import { budgetFigures, rankStatus, sharedScale, type BudgetFigures } from '../lib/budget-view';

export function useBudgetView(item: BudgetStatus, currency: Currency) {
  const rates = useMonthRates([item.currency, currency]);
  const record = useMonthEnd(breachScope(item.resourceTypes), currency);
  // a budget in a currency the API cannot be asked for stays in its own (no rate to convert it at)
  const figures = isApiCurrency(item.currency)
    ? budgetFigures(item, { currency, convert: rates.convert, record: record.data?.projected })
    : budgetFigures(item, { currency: item.currency, convert: () => 1 });
  const breach = useBreachOutlook(
    item.resourceTypes,
    currency,
    figures ? [figures.budget] : [],
    figures?.projectedFrom === 'record' ? figures.projected : undefined,
  );
  const threshold = breach.view?.anchored ? breach.view.thresholds[0] : undefined;
  const rank = figures
    ? rankStatus({ spentPercent: figures.spentPercent, projectedPercent: figures.projectedPercent, probability: threshold?.probability })
    : undefined;
  return { figures, record, breach, rank, threshold, ratesError: rates.error, ratesPending: rates.isPending };
}

/** Every budget's figures in `currency`, for the scale the cards share. */
export function useBudgetFigures(items: readonly BudgetStatus[], currency: Currency): Array<BudgetFigures | undefined> {
  const rates = useMonthRates([...items.map((b) => b.currency), currency]);
  const records = useMonthEnds(
    items.map((b) => b.resourceTypes),
    currency,
  );
  return items.map((b, i) =>
    isApiCurrency(b.currency)
      ? budgetFigures(b, { currency, convert: rates.convert, record: records[i]?.data?.projected })
      : budgetFigures(b, { currency: b.currency, convert: () => 1 }),
  );
}

export function useSharedScale(items: readonly BudgetStatus[], currency: Currency): number {
  return sharedScale(useBudgetFigures(items, currency));
}
