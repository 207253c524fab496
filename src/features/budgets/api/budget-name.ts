import type { BudgetData } from '../../../contract/billing';

/** The name the API gives a budget sent without one: what it covers. */
export function budgetName(data: Pick<BudgetData, 'name' | 'resourceTypes'>): string {
  if (data.name) return data.name;
  return data.resourceTypes.includes('all') ? 'All resources' : data.resourceTypes.join(', ');
}
