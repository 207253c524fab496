import { useId, useState, type FormEvent } from 'react';
import { BUTTON_CLASS, CONTROL_CLASS } from '../../../components/field';
import type { CompareMode } from '../../../lib/like-for-like';
import type { DateRange } from '../../../lib/period';

type Choice = CompareMode | 'chosen';

const CHOICES: { value: Choice; label: string }[] = [
  { value: 'previous', label: 'Previous period' },
  { value: 'year', label: 'A year earlier' },
  { value: 'chosen', label: 'Dates I choose' },
];

/**
 * What the period is compared with: the like-for-like previous period, the
 * same dates a year earlier, or a span the user chooses (two dates, applied
 * together; what was typed stays until it is applied or replaced).
 */
export function CompareControls({
  mode,
  chosen,
  suggested,
  onMode,
  onChosen,
}: {
  mode: CompareMode;
  chosen: DateRange | undefined;
  /** Dates the chosen-span form starts from (the span compared now). */
  suggested: DateRange | undefined;
  onMode: (mode: CompareMode) => void;
  onChosen: (span: DateRange) => void;
}) {
  const id = useId();
  const active: Choice = chosen ? 'chosen' : mode;
  const [picking, setPicking] = useState(false);
  const [start, setStart] = useState(chosen?.startDate ?? '');
  const [end, setEnd] = useState(chosen?.endDate ?? '');
  const [problem, setProblem] = useState<string>();
  const showForm = picking || active === 'chosen';

  const select = (value: Choice) => {
    if (value === 'chosen') {
      setPicking(true);
      if (!start && suggested) setStart(suggested.startDate);
      if (!end && suggested) setEnd(suggested.endDate);
      return;
    }
    setPicking(false);
    onMode(value);
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!start || !end) return setProblem('Enter both dates.');
    if (start > end) return setProblem('The first date must not be after the second.');
    setProblem(undefined);
    onChosen({ startDate: start, endDate: end });
  };

  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
      <fieldset className="min-w-0">
        <legend className="pb-1 text-2xs font-medium text-muted">Compare with</legend>
        <div className="inline-flex rounded-md border border-border-strong bg-surface p-0.5 shadow-card">
          {CHOICES.map((c) => {
            const checked = (showForm ? 'chosen' : active) === c.value;
            return (
              <label
                key={c.value}
                className={`cursor-pointer rounded px-2.5 py-1 text-[13px] font-medium has-focus-visible:outline-2 has-focus-visible:outline-accent ${
                  checked ? 'bg-accent text-accent-foreground' : 'text-foreground hover:bg-surface-muted'
                }`}
              >
                <input type="radio" name={`${id}-mode`} value={c.value} checked={checked} onChange={() => select(c.value)} className="sr-only" />
                {c.label}
              </label>
            );
          })}
        </div>
      </fieldset>
      {showForm && (
        <form onSubmit={apply} className="flex flex-wrap items-end gap-2" aria-label="Chosen comparison dates">
          <div className="flex flex-col">
            <label htmlFor={`${id}-start`} className="pb-1 text-2xs font-medium text-muted">
              From
            </label>
            <input id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} className={`${CONTROL_CLASS} w-40`} />
          </div>
          <div className="flex flex-col">
            <label htmlFor={`${id}-end`} className="pb-1 text-2xs font-medium text-muted">
              To
            </label>
            <input id={`${id}-end`} type="date" value={end} onChange={(e) => setEnd(e.target.value)} className={`${CONTROL_CLASS} w-40`} />
          </div>
          <button type="submit" className={BUTTON_CLASS}>
            Compare
          </button>
          {problem && (
            <p role="alert" className="w-full text-xs text-danger">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
