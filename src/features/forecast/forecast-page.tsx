import { NotBuiltPage } from '../../components/not-built';

export default function ForecastPage() {
  return (
    <NotBuiltPage
      title="Forecast"
      plannedFor="Projected monthly spend with confidence bands, scenarios and the drivers of growth."
    />
  );
}
