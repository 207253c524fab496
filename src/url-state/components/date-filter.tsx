import { useId, useState } from 'react';
import { CONTROL_CLASS, Field } from '../../components/field';
import { isoDateSchema } from '../filter-schema';

/**
 * A date a user has finished entering. While a year is typed digit by digit
 * the input reports 0002-, 0020-, 0202-…: only commit from year 2000 on.
 */
export function isCompleteDate(value: string): boolean {
  return isoDateSchema.safeParse(value).success && value >= '2000-01-01' && value <= '2100-12-31';
}

/**
 * A native date input that reports only complete dates. It keeps what is
 * being typed locally and follows `value` when the URL changes.
 */
export function DateFilter({
  label,
  value,
  min,
  max,
  onChange,
  className,
}: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  return (
    <Field label={label} htmlFor={id} className={className}>
      <input
        id={id}
        type="date"
        value={draft}
        min={min}
        max={max}
        required
        onChange={(event) => {
          const next = event.target.value;
          setDraft(next);
          if (next !== value && isCompleteDate(next)) onChange(next);
        }}
        className={`${CONTROL_CLASS} tabular-nums`}
      />
    </Field>
  );
}
