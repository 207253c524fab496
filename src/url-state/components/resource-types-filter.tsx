import { useEffect, useId, useRef, useState } from 'react';
import { RESOURCE_TYPES, type ResourceType } from '../../contract/billing';
import { CONTROL_CLASS, Field } from '../../components/field';
import { ChevronDownIcon } from '../../components/icons';
import { RESOURCE_COLORS, RESOURCE_LABELS } from '../../lib/colors';

/** `All types`, `GPU clusters`, `GPU clusters, Storage`, `3 of 6 types` (the full list is the button's title). */
export function resourceTypesSummary(selected: readonly ResourceType[]): string {
  if (selected.length === 0 || selected.length === RESOURCE_TYPES.length) return 'All types';
  if (selected.length <= 2) return selected.map((t) => RESOURCE_LABELS[t]).join(', ');
  return `${selected.length} of ${RESOURCE_TYPES.length} types`;
}

/**
 * "Resource types": a button (named by its label, the current choice as its
 * description) opening a panel of six checkboxes. None selected means all,
 * so the last checked box cannot be cleared; "All types" resets.
 */
export function ResourceTypesFilter({
  value,
  onChange,
  className = '',
}: {
  value: readonly ResourceType[];
  onChange: (value: ResourceType[]) => void;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const labelId = useId();
  const summaryId = useId();
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const all = value.length === 0;
  const checked = (t: ResourceType) => all || value.includes(t);
  const checkedCount = all ? RESOURCE_TYPES.length : value.length;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const toggle = (type: ResourceType) => {
    const current = all ? [...RESOURCE_TYPES] : [...value];
    const next = current.includes(type) ? current.filter((t) => t !== type) : [...current, type];
    if (next.length > 0) onChange(next);
  };

  return (
    <Field label="Resource types" labelId={labelId} className={className}>
      <div
        ref={rootRef}
        className="relative"
        onBlur={(event) => {
          if (open && !rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
        }}
      >
        <button
          ref={buttonRef}
          type="button"
          aria-labelledby={labelId}
          aria-describedby={summaryId}
          aria-expanded={open}
          aria-controls={panelId}
          title={all ? undefined : value.map((t) => RESOURCE_LABELS[t]).join(', ')}
          onClick={() => setOpen((v) => !v)}
          className={`${CONTROL_CLASS} flex items-center justify-between gap-2 text-left`}
        >
          <span id={summaryId} className="truncate">
            {resourceTypesSummary(value)}
          </span>
          <ChevronDownIcon size={14} className="shrink-0 text-muted" />
        </button>
        {open && (
          <div
            id={panelId}
            role="group"
            aria-labelledby={labelId}
            className="absolute top-full left-0 z-30 mt-1 w-60 rounded-lg border border-border-strong bg-surface p-1.5 shadow-lg"
          >
            <ul className="flex flex-col">
              {RESOURCE_TYPES.map((type) => {
                const isChecked = checked(type);
                const locked = isChecked && checkedCount === 1;
                return (
                  <li key={type}>
                    <label
                      title={locked ? 'At least one type stays selected' : undefined}
                      className="flex h-8 cursor-pointer items-center gap-2.5 rounded-md px-2 text-[13px] text-foreground hover:bg-surface-muted has-[:disabled]:cursor-default"
                    >
                      <input
                        type="checkbox"
                        checked={isChecked}
                        disabled={locked}
                        onChange={() => toggle(type)}
                        className="size-3.5 accent-[var(--accent)]"
                      />
                      <span
                        aria-hidden="true"
                        className="size-2 shrink-0 rounded-full"
                        style={{ background: RESOURCE_COLORS[type] }}
                      />
                      {RESOURCE_LABELS[type]}
                    </label>
                  </li>
                );
              })}
            </ul>
            <div className="mt-1 border-t border-border px-1 pt-1.5">
              <button
                type="button"
                disabled={all}
                onClick={() => onChange([])}
                className="h-7 rounded-md px-1.5 text-xs font-medium text-accent hover:bg-accent-soft disabled:text-muted disabled:hover:bg-transparent"
              >
                All types
              </button>
            </div>
          </div>
        )}
      </div>
    </Field>
  );
}
