import { csvFileName, toCsv, type CsvColumn } from '../lib/csv';
import { downloadText } from '../lib/download';
import { BUTTON_CLASS } from './field';
import { DownloadIcon } from './icons';

/** "Export CSV": downloads `rows` (read when clicked) as `tensorone-<fileName>-<date>.csv`. */
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
  return (
    <button
      type="button"
      disabled={disabled}
      onClick={() => downloadText(csvFileName(fileName), toCsv(columns, rows()))}
      className={`${BUTTON_CLASS} h-7 px-2 text-xs`}
    >
      <DownloadIcon size={14} />
      Export CSV
    </button>
  );
}
