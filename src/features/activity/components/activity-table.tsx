import { Link } from 'react-router';
import type { AuditEntryView } from '../../../contract/audit';
import { activitySearch, changedFields, type ActivityFilters } from '../activity-filters';
import { actionLabel } from './activity-filter-form';

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function Change({ entry }: { entry: AuditEntryView }) {
  const fields = changedFields(entry.before, entry.after);
  if (entry.action === 'budget.delete') return <span className="text-muted">Deleted{fields.length ? ` (${fields.length} fields)` : ''}</span>;
  if (!fields.length) return <span className="text-muted">No field changed</span>;
  const shown = fields.slice(0, 3);
  return (
    <ul className="flex flex-col gap-0.5">
      {shown.map((f) => (
        <li key={f.field} className="break-words">
          <span className="font-medium">{f.field}</span>: {entry.before === null ? f.to : `${f.from} → ${f.to}`}
        </li>
      ))}
      {fields.length > shown.length && <li className="text-muted">and {fields.length - shown.length} more</li>}
    </ul>
  );
}

/** The audit entries, newest first; each row links to its own view (a deep link to share). */
export function ActivityTable({ entries, filters }: { entries: AuditEntryView[]; filters: ActivityFilters }) {
  return (
    <div role="region" aria-label="Activity entries" tabIndex={0} className="relative overflow-x-auto rounded-md border border-border">
      <table className="w-full border-collapse text-[13px]">
        <caption className="sr-only">Changes made through the dashboard, newest first</caption>
        <thead>
          <tr>
            {['When', 'Who', 'From address', 'Action', 'Budget', 'Change', 'Entry'].map((h) => (
              <th key={h} scope="col" className="border-b border-border bg-surface-muted px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-muted">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-b border-border align-top last:border-b-0">
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{when(e.at)}</td>
              <td className="px-3 py-2">
                <span className="font-medium text-foreground">{e.actorName}</span>
                <span className="block text-xs text-muted">
                  {e.actorEmail ?? e.actorId} · {e.role}
                </span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{e.address}</td>
              <td className="px-3 py-2 whitespace-nowrap">{actionLabel(e.action)}</td>
              <td className="px-3 py-2">
                {e.objectId ? (
                  <Link className="font-mono text-xs text-accent underline-offset-2 hover:underline" to={`/activity${activitySearch({ objectId: e.objectId })}`}>
                    {e.objectId}
                  </Link>
                ) : (
                  <span className="text-muted">{e.objectType}</span>
                )}
              </td>
              <td className="max-w-[28rem] px-3 py-2">
                <Change entry={e} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Link className="text-accent underline-offset-2 hover:underline" to={`/activity${activitySearch({ ...filters, entry: e.id, offset: undefined })}`}>
                  Details<span className="sr-only"> of the change at {when(e.at)}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One entry: everything recorded, with the value before and after. */
export function EntryDetails({ entry }: { entry: AuditEntryView }) {
  const json = (v: unknown) => (v === null || v === undefined ? '(none)' : JSON.stringify(v, null, 2));
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[13px]">
        <dt className="text-muted">When</dt>
        <dd>{when(entry.at)}</dd>
        <dt className="text-muted">Who</dt>
        <dd>
          {entry.actorName} ({entry.actorEmail ?? entry.actorId}), {entry.role}
        </dd>
        <dt className="text-muted">From address</dt>
        <dd className="font-mono text-xs">{entry.address}</dd>
        <dt className="text-muted">Action</dt>
        <dd>
          {actionLabel(entry.action)} · HTTP {entry.status}
        </dd>
        <dt className="text-muted">Budget</dt>
        <dd className="font-mono text-xs">{entry.objectId ?? entry.objectType}</dd>
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        {(['before', 'after'] as const).map((k) => (
          <section key={k} aria-label={k === 'before' ? 'Value before' : 'Value after'} className="min-w-0">
            <h3 className="pb-1 text-xs font-medium text-muted">{k === 'before' ? 'Before' : 'After'}</h3>
            <pre tabIndex={0} className="max-h-80 overflow-auto rounded-md border border-border bg-surface-muted p-2.5 font-mono text-xs text-foreground">
              {json(entry[k])}
            </pre>
          </section>
        ))}
      </div>
    </div>
  );
}
