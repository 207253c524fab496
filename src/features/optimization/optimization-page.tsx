import { NotBuiltPage } from '../../components/not-built';

export default function OptimizationPage() {
  return (
    <NotBuiltPage
      title="Optimization"
      plannedFor="Potential savings, ranked recommendations and identified waste."
    />
  );
}
