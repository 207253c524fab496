import { useId } from 'react';
import { useController, type Control } from 'react-hook-form';
import { RESOURCE_TYPES, type BudgetData } from '../../../contract/billing';
import { RESOURCE_COLORS, RESOURCE_LABELS } from '../../../lib/colors';
import { toggleResourceType, type BudgetFormValues, type BudgetResourceTypeValue } from '../budget-form';
import { FieldMessage } from './field-message';
import { CHECKBOX_CLASS } from './styles';

export function ResourceTypesField({ control, error }: { control: Control<BudgetFormValues, unknown, BudgetData>; error?: string }) {
  const { field } = useController({ control, name: 'resourceTypes' });
  const errorId = useId();
  const selected = field.value;
  const item = (type: BudgetResourceTypeValue, label: string, color?: string, first = false) => (
    <label
      key={type}
      className="flex h-8 items-center gap-2 rounded-md border border-border px-2.5 text-[13px] text-foreground has-checked:border-accent has-checked:bg-accent-soft"
    >
      <input
        ref={first ? field.ref : undefined}
        type="checkbox"
        checked={selected.includes(type)}
        onChange={(event) => field.onChange(toggleResourceType(selected, type, event.target.checked))}
        onBlur={field.onBlur}
        className={CHECKBOX_CLASS}
      />
      {color && <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: color }} />}
      <span className="truncate">{label}</span>
    </label>
  );
  return (
    <fieldset aria-describedby={errorId} className="flex flex-col gap-2">
      <legend className="pb-1 text-[13px] font-semibold text-foreground">Resource types</legend>
      <p className="-mt-1 text-xs text-muted">What the budget counts: every resource, or some types only.</p>
      <div className="grid grid-cols-1 gap-1.5 min-[420px]:grid-cols-2 lg:grid-cols-4">
        {item('all', 'All resource types', undefined, true)}
        {RESOURCE_TYPES.map((type) => item(type, RESOURCE_LABELS[type], RESOURCE_COLORS[type]))}
      </div>
      <FieldMessage id={errorId} message={error} />
    </fieldset>
  );
}
