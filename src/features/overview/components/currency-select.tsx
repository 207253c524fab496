import { useId } from 'react';
import { CURRENCIES, currencySchema, type Currency } from '../../../contract/billing';

export function CurrencySelect({ value, onChange }: { value: Currency; onChange: (currency: Currency) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-xs font-medium text-muted">
        Currency
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const parsed = currencySchema.safeParse(event.target.value);
          if (parsed.success) onChange(parsed.data);
        }}
        className="h-8 rounded-md border border-border-strong bg-surface pr-7 pl-2.5 text-[13px] font-medium text-foreground tabular-nums shadow-card hover:border-subtle"
      >
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}
