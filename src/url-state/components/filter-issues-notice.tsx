import { Notice } from '../../components/states/notice';
import type { FilterIssue } from '../filter-schema';

/** `Ignored currency “XYZ”: not a supported currency; showing amounts in USD (US dollar)` */
export function describeIssue(issue: FilterIssue): string {
  return `Ignored ${issue.param} “${issue.value}”: ${issue.reason}`;
}

/**
 * The URL values that were not used, one line each, with an optional action
 * (e.g. rewriting the link without them). Renders nothing without issues.
 */
export function FilterIssuesNotice({
  issues,
  onClear,
}: {
  issues: readonly FilterIssue[];
  /** Shows a "Clean up link" button that calls this. */
  onClear?: () => void;
}) {
  if (issues.length === 0) return null;
  return (
    <Notice
      action={
        onClear && (
          <button
            type="button"
            onClick={onClear}
            className="shrink-0 rounded-md px-1.5 py-0.5 text-xs font-medium text-accent hover:bg-accent-soft"
          >
            Clean up link
          </button>
        )
      }
    >
      {issues.length === 1 ? (
        <p>{describeIssue(issues[0]!)}.</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {issues.map((issue, i) => (
            <li key={`${issue.param}-${issue.value}-${i}`}>{describeIssue(issue)}.</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
