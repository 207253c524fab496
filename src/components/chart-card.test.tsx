import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ChartCard } from './chart-card';
import type { DataColumn } from './data-table';

interface Point {
  day: string;
  cost: number;
}
const columns: DataColumn<Point>[] = [
  { id: 'day', header: 'Day', value: (p) => p.day },
  { id: 'cost', header: 'Cost (USD)', value: (p) => p.cost, numeric: true },
];
const rows: Point[] = [
  { day: '2024-01-01', cost: 10 },
  { day: '2024-01-02', cost: 12.5 },
];

describe('ChartCard', () => {
  it('is a region named by its title, and swaps the chart for a table', async () => {
    render(
      <ChartCard title="Daily cost" description="Current month" table={{ columns, rows }}>
        <div data-testid="chart">chart</div>
      </ChartCard>,
    );
    const card = screen.getByRole('region', { name: 'Daily cost' });
    expect(within(card).getByTestId('chart')).toBeInTheDocument();
    const toggle = within(card).getByRole('button', { name: 'Show as table' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(within(card).queryByTestId('chart')).not.toBeInTheDocument();
    const table = within(card).getByRole('table', { name: 'Daily cost' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    await userEvent.click(toggle);
    expect(within(card).getByTestId('chart')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  });

  it('shows a skeleton while loading and an empty state without data', () => {
    const { rerender } = render(
      <ChartCard title="Cost" table={{ columns, rows: [] }} loading>
        <div data-testid="chart" />
      </ChartCard>,
    );
    expect(screen.getByRole('region', { name: 'Cost' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.queryByTestId('chart')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

    rerender(
      <ChartCard title="Cost" table={{ columns, rows: [] }} empty>
        <div data-testid="chart" />
      </ChartCard>,
    );
    expect(screen.getByText('No data for these filters')).toBeInTheDocument();
  });
});
