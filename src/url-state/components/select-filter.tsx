import { useId } from 'react';
import { CONTROL_CLASS, Field } from '../../components/field';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

/** A labelled native select over a fixed set of values. */
export function SelectFilter<T extends string>({
  label,
  value,
  options,
  onChange,
  className,
}: {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <Field label={label} htmlFor={id} className={className}>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const option = options.find((o) => o.value === event.target.value);
          if (option && !option.disabled) onChange(option.value);
        }}
        className={`${CONTROL_CLASS} pr-7`}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
