import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { describe, expect, it } from 'vitest';
import { moneyAxis } from '../lib/chart-ticks';
import { ChartCard } from './chart-card';
import { tooltipProps, valueAxisProps } from './chart-frame';
import type { DataColumn } from './data-table';

interface Row {
  day: string;
  a: number;
  b: number;
}
const rows: Row[] = [
  { day: 'Mon', a: 1_200, b: 3_300 },
  { day: 'Tue', a: 2_250, b: 6_000 },
  { day: 'Wed', a: 900, b: 1_000 },
];
const columns: DataColumn<Row>[] = [
  { id: 'day', header: 'Day', value: (r) => r.day },
  { id: 'a', header: 'A', value: (r) => r.a, numeric: true },
  { id: 'b', header: 'B', value: (r) => r.b, numeric: true },
];

/** Elements a Tab key would stop at (tabindex ≥ 0, or natively focusable without tabindex=-1). */
function tabStops(root: HTMLElement): Element[] {
  return [...root.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter(
    (el) => el.getAttribute('tabindex') !== '-1' && !(el as HTMLButtonElement).disabled,
  );
}

function Chart() {
  const axis = moneyAxis(0, 8_250, 'USD', 5);
  return (
    <ChartCard title="Cost per day" table={{ columns, rows }} height={240}>
      <BarChart width={600} height={240} data={rows}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="day" />
        <YAxis {...valueAxisProps(axis)} />
        <Tooltip {...tooltipProps} />
        <Bar dataKey="a" stackId="s" isAnimationActive={false} />
        <Bar dataKey="b" stackId="s" isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}

describe('the chart frame', () => {
  it('gives a chart exactly one tab stop, named by its card', async () => {
    render(<Chart />);
    const card = screen.getByRole('region', { name: 'Cost per day' });
    const plot = card.querySelector('svg.recharts-surface')!.closest('div[class*="min-w-0"]') as HTMLElement;
    await waitFor(() => expect(tabStops(plot)).toHaveLength(1));
    const [stop] = tabStops(plot);
    expect(stop!.tagName.toLowerCase()).toBe('svg');
    expect(stop).toHaveAttribute('aria-label', 'Cost per day');
    expect(stop).toHaveAttribute('role', 'img');
    // what the card adds besides the chart: its two header buttons
    expect(tabStops(card).filter((el) => !plot.contains(el)).map((el) => el.textContent)).toEqual([
      'Show as table',
      'Export CSV',
    ]);
  });

  it('hands the axis round ticks, their domain and their labels', () => {
    const props = valueAxisProps(moneyAxis(0, 8_250, 'USD', 5));
    expect(props.ticks).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
    expect(props.domain).toEqual([0, 10_000]);
    expect(props.interval).toBe(0);
    expect(props.ticks.map(props.tickFormatter)).toEqual(['$0', '$2K', '$4K', '$6K', '$8K', '$10K']);
  });

  it('gives the table view back its own controls', async () => {
    render(<Chart />);
    const card = screen.getByRole('region', { name: 'Cost per day' });
    await userEvent.click(within(card).getByRole('button', { name: 'Show as table' }));
    const table = within(card).getByRole('table');
    // every sortable header is reachable again
    expect(within(table).getAllByRole('button').every((b) => b.getAttribute('tabindex') !== '-1')).toBe(true);
  });
});
