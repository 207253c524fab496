import type { Decomposition } from '../drivers';
import { ChangeTable, type ChangeTableProps } from './change-table';

export interface SplitChangeProps extends Omit<ChangeTableProps, 'decomposition'> {
  /** The split; undefined when the API sent nothing to split by. */
  decomposition: Decomposition | undefined;
  /** Said instead of the table when there is nothing to split by, or only what the split does not itemise. */
  none: string;
  /** Text size of that note (the drill-down's is smaller). */
  noteClassName?: string;
}

/**
 * The change by one split (team, region, resource): the one table definition
 * the Compare page draws for each, or a note where the API gives nothing to
 * split by.
 */
export function SplitChange({ decomposition, none, noteClassName = 'text-sm', ...table }: SplitChangeProps) {
  if (!decomposition || decomposition.contributors.every((c) => c.remainder)) return <p className={`${noteClassName} text-muted`}>{none}</p>;
  return <ChangeTable decomposition={decomposition} {...table} />;
}
