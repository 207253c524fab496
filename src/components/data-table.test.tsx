import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable, type DataColumn } from './data-table';

interface Row {
  id: string;
  name: string;
  cost: number;
}
const rows: Row[] = [
  { id: 'b', name: 'Beta', cost: 20 },
  { id: 'a', name: 'alpha', cost: 300 },
  { id: 'c', name: 'Gamma 10', cost: 1.5 },
];
const columns: DataColumn<Row>[] = [
  { id: 'name', header: 'Name', value: (r) => r.name },
  { id: 'cost', header: 'Cost', value: (r) => r.cost, numeric: true, cell: (r) => `$${r.cost.toFixed(2)}` },
];

const firstColumn = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('rowheader')[0]!.textContent);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('DataTable', () => {
  it('has a caption, row headers, and right-aligned numeric cells', () => {
    render(<DataTable columns={columns} rows={rows} caption="Cost by resource" getRowId={(r) => r.id} />);
    const table = screen.getByRole('table', { name: 'Cost by resource' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Cost']);
    expect(firstColumn()).toEqual(['Beta', 'alpha', 'Gamma 10']);
    const cell = within(table).getByRole('cell', { name: '$300.00' });
    expect(cell).toHaveClass('text-right', 'tabular-nums');
  });

  it('sorts by a column, numbers largest first, and marks it with aria-sort', async () => {
    render(<DataTable columns={columns} rows={rows} caption="Costs" />);
    const costHeader = screen.getByRole('columnheader', { name: 'Cost' });
    expect(costHeader).not.toHaveAttribute('aria-sort');

    await userEvent.click(within(costHeader).getByRole('button', { name: 'Cost' }));
    expect(costHeader).toHaveAttribute('aria-sort', 'descending');
    expect(firstColumn()).toEqual(['alpha', 'Beta', 'Gamma 10']);

    await userEvent.click(within(costHeader).getByRole('button', { name: 'Cost' }));
    expect(costHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(firstColumn()).toEqual(['Gamma 10', 'Beta', 'alpha']);

    const nameHeader = screen.getByRole('columnheader', { name: 'Name' });
    await userEvent.click(within(nameHeader).getByRole('button', { name: 'Name' }));
    expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(costHeader).not.toHaveAttribute('aria-sort');
    expect(firstColumn()).toEqual(['alpha', 'Beta', 'Gamma 10']);
  });

  it('starts from an initial sort', () => {
    render(<DataTable columns={columns} rows={rows} caption="Costs" initialSort={{ id: 'cost', desc: true }} />);
    expect(firstColumn()).toEqual(['alpha', 'Beta', 'Gamma 10']);
  });

  it('opens a row on click and on Enter', async () => {
    const onRowClick = vi.fn();
    render(<DataTable columns={columns} rows={rows} caption="Costs" onRowClick={onRowClick} />);
    const [, first, second] = screen.getAllByRole('row');
    await userEvent.click(first!);
    expect(onRowClick).toHaveBeenLastCalledWith(rows[0]);
    second!.focus();
    await userEvent.keyboard('{Enter}');
    expect(onRowClick).toHaveBeenLastCalledWith(rows[1]);
  });

  it('says when there are no rows', () => {
    render(<DataTable columns={columns} rows={[]} caption="Costs" empty="Nothing here." />);
    expect(screen.getByRole('cell', { name: 'Nothing here.' })).toBeInTheDocument();
  });

  it('exports the rows in their current order as CSV', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

    render(<DataTable columns={columns} rows={rows} caption="Costs" exportFileName="costs" initialSort={{ id: 'name' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    // The CSV writer loads on the first click, so the download follows it asynchronously.
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement;
    // outside a page that names its period and currency, no date at all (never the browser's)
    expect(link.download).toBe('tensorone-costs.csv');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(created[0]!);
    });
    expect(text.replace(/^\ufeff/, '')).toBe('Name,Cost\r\nalpha,300\r\nBeta,20\r\nGamma 10,1.5');
  });
});
