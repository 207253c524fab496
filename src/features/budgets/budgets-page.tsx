import { NotBuiltPage } from '../../components/not-built';

export default function BudgetsPage() {
  return (
    <NotBuiltPage
      title="Budgets"
      plannedFor="Monthly budgets, alert thresholds and how spend tracks against them."
    />
  );
}
