import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv, type CsvColumn } from './csv';

interface Row {
  name: string;
  cost: number;
  note?: string | null;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Cost (USD)', value: (r) => r.cost, decimals: 2 },
  { header: 'Note', value: (r) => r.note },
];
const lines = (csv: string) => csv.split('\r\n');

describe('toCsv', () => {
  it('writes a header and one CRLF line per row, money as plain numbers', () => {
    const csv = toCsv(columns, [
      { name: 'GPU Cluster A100-001', cost: 1247.83 },
      { name: 'Storage', cost: 1234567.891, note: 'ok' },
    ]);
    expect(lines(csv)).toEqual(['Name,Cost (USD),Note', 'GPU Cluster A100-001,1247.83,', 'Storage,1234567.89,ok']);
  });

  it('writes a column’s CSV header where it has one (the table’s compact header otherwise)', () => {
    const csv = toCsv([{ header: 'Projected', csvHeader: 'Projected (JPY)', value: (r: Row) => r.cost, decimals: 0 }, columns[0]!], [{ name: 'Jan', cost: 42180263.4 }]);
    expect(lines(csv)).toEqual(['Projected (JPY),Name', '42180263,Jan']);
  });

  it('keeps negative numbers (credits) as numbers, and -0 as 0', () => {
    expect(lines(toCsv(columns, [{ name: 'Credit', cost: -12.5 }, { name: 'Zero', cost: -0 }])).slice(1)).toEqual([
      'Credit,-12.5,',
      'Zero,0,',
    ]);
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = toCsv(columns, [{ name: 'a,b', cost: 1, note: 'say "hi"\nbye' }]);
    expect(csv).toBe('Name,Cost (USD),Note\r\n"a,b",1,"say ""hi""\nbye"');
  });

  it.each(['=SUM(A1:A9)', '+1+1', '-2+3', '@cmd', '\tx', '\rx', '=a\nb', '＝1+1'])(
    'neutralises a formula-like cell %j',
    (name) => {
      const body = lines(toCsv(columns, [{ name, cost: 0 }]))[1]!;
      expect(body).toBe(`"'${name}",0,`);
    },
  );

  it('neutralises formula-like headers too', () => {
    expect(lines(toCsv([{ header: '=x', value: () => 1 }], []))[0]).toBe(`"'=x"`);
  });

  it('leaves empty cells for null, undefined and non-finite numbers', () => {
    expect(lines(toCsv(columns, [{ name: 'n', cost: Number.NaN, note: null }]))[1]).toBe('n,,');
  });
});

describe('csvFileName', () => {
  it('makes a safe file name with the period and currency of its data, never a browser date', () => {
    expect(csvFileName('Cost by region / EUR', { period: '2024-01-01-to-2024-01-31', currency: 'EUR' })).toBe(
      'tensorone-cost-by-region-eur-2024-01-01-to-2024-01-31-EUR.csv',
    );
    expect(csvFileName('***', { period: '2024-01', currency: 'jpy' })).toBe('tensorone-export-2024-01-JPY.csv');
    expect(csvFileName('Waste')).toBe('tensorone-waste.csv');
  });
});
