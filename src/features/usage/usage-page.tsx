import { NotBuiltPage } from '../../components/not-built';

export default function UsagePage() {
  return (
    <NotBuiltPage
      title="Usage"
      plannedFor="A drill-down explorer of usage and cost by resource type, region, project and resource, over any time range and granularity."
    />
  );
}
