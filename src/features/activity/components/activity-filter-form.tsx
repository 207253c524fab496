import { useId, useState, type FormEvent } from 'react';
import { BUTTON_CLASS, CONTROL_CLASS, Field } from '../../../components/field';
import { AUDIT_ACTIONS } from '../../../contract/audit';
import type { ActivityFilters } from '../activity-filters';

const ACTION_LABEL: Record<string, string> = {
  'budget.create': 'Budget created',
  'budget.update': 'Budget changed',
  'budget.delete': 'Budget deleted',
  'api.write': 'Other change',
};
export const actionLabel = (a: string) => ACTION_LABEL[a] ?? a;

/** Who, what, which object and when: applied on submit (the URL then holds the view). */
export function ActivityFilterForm({ value, onApply }: { value: ActivityFilters; onApply: (f: ActivityFilters) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const set = (k: keyof ActivityFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, offset: undefined, entry: undefined });
  };
  return (
    <form onSubmit={submit} aria-label="Filter activity" className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
      <Field label="Who (name, email or id)" htmlFor={`${id}-actor`} className="col-span-2 sm:col-span-1">
        <input id={`${id}-actor`} value={draft.actor ?? ''} onChange={set('actor')} className={CONTROL_CLASS} maxLength={200} />
      </Field>
      <Field label="Action" htmlFor={`${id}-action`}>
        <select id={`${id}-action`} value={draft.action ?? ''} onChange={set('action')} className={CONTROL_CLASS}>
          <option value="">Every action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Budget id" htmlFor={`${id}-object`}>
        <input id={`${id}-object`} value={draft.objectId ?? ''} onChange={set('objectId')} className={CONTROL_CLASS} maxLength={200} />
      </Field>
      <Field label="From (UTC)" htmlFor={`${id}-from`}>
        <input id={`${id}-from`} type="date" value={draft.from ?? ''} onChange={set('from')} className={CONTROL_CLASS} />
      </Field>
      <Field label="To (UTC)" htmlFor={`${id}-to`}>
        <input id={`${id}-to`} type="date" value={draft.to ?? ''} onChange={set('to')} className={CONTROL_CLASS} />
      </Field>
      <div className="col-span-2 flex gap-2 sm:col-span-1">
        <button type="submit" className={BUTTON_CLASS}>
          Apply
        </button>
        <button
          type="button"
          className={BUTTON_CLASS}
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
