import { useContext } from 'react';
import type { CsvColumn } from '../lib/csv';
import { CsvNamingContext } from '../lib/csv-naming';
import { downloadText } from '../lib/download';
import { BUTTON_CLASS } from './field';
import { DownloadIcon } from './icons';

/**
 * "Export CSV": downloads `rows` (read when clicked) as `tensorone-<fileName>-<period>-<currency>.csv`,
 * the period and currency from the page (CsvNamingContext).
 * The CSV writer (Papa Parse) loads on the first click, not with the page.
 */
export function ExportCsvButton<T>({
  columns,
  rows,
  fileName,
  disabled,
}: {
  columns: readonly CsvColumn<T>[];
  rows: () => readonly T[];
  fileName: string;
  disabled?: boolean;
}) {
  const naming = useContext(CsvNamingContext);
  return (
    <button
      type="button"
      disabled={disabled}
      onClick={() => {
        const shown = rows();
        void import('../lib/csv').then(({ csvFileName, toCsv }) => downloadText(csvFileName(fileName, naming), toCsv(columns, shown)));
      }}
      className={`${BUTTON_CLASS} h-7 px-2 text-xs`}
    >
      <DownloadIcon size={14} />
      Export CSV
    </button>
  );
}
