import { useId } from 'react';
import { get, useController, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import {
  BUDGET_ACTIONS,
  MAX_ALERT_THRESHOLD,
  MIN_ALERT_THRESHOLD,
  type BudgetAction,
  type BudgetData,
  type Currency,
} from '../../../contract/billing';
import { formatDate, formatMoney } from '../../../lib/format';
import { isoDay } from '../../../lib/period';
import type { BudgetFormValues } from '../budget-form';
import { thresholdBounds, thresholdReach, type MonthSpend } from '../thresholds';
import type { BreachThreshold } from '../../../api/breach-outlook';
import { breachSentence } from '../../../lib/breach-text';
import { FieldMessage } from './field-message';
import { ThresholdSlider } from './threshold-slider';
import { CHECKBOX_CLASS, GHOST_BUTTON_CLASS, INPUT_CLASS } from './styles';

export const ACTION_LABELS: Record<BudgetAction, string> = {
  send_warning: 'Send warning',
  send_alert: 'Send alert',
  send_critical: 'Send critical',
  notify_admin: 'Notify admin',
  auto_limit: 'Auto-limit',
};

/** The preview line: when spend reaches this threshold at the current burn rate. */
function ReachPreview({
  id,
  percent,
  amount,
  currency,
  spend,
  breach,
}: {
  id: string;
  percent: number;
  amount: number;
  currency: Currency;
  spend: MonthSpend | undefined;
  breach: BreachThreshold | undefined;
}) {
  let text: string;
  let tone = 'text-muted';
  if (!Number.isFinite(percent) || !(amount > 0)) text = 'Enter a monthly budget to see when it is reached';
  else {
    const target = formatMoney((amount * percent) / 100, currency);
    if (breach) {
      // the forecast from the scope's usage history: chance and expected day
      text = `${target} · ${breachSentence(breach, 'reach')}`;
      tone = breach.reached || breach.probability >= 0.5 ? 'text-danger' : breach.probability >= 0.2 ? 'text-warning' : 'text-muted';
    } else if (!spend) text = `${target}`;
    else {
      const reach = thresholdReach(amount, percent, spend);
      if (reach.kind === 'reached') {
        text = `${target} · reached already`;
        tone = 'text-danger';
      } else if (reach.kind === 'on') {
        text = `${target} · reached around ${formatDate(isoDay(reach.at))} at the current burn rate`;
        tone = 'text-warning';
      } else text = `${target} · not this month at the current burn rate`;
    }
  }
  return (
    <p id={id} data-testid="threshold-preview" className={`text-xs tabular-nums ${tone}`}>
      {text}
    </p>
  );
}

export interface ThresholdRowProps {
  index: number;
  count: number;
  /** Every threshold's percent, in order (for the bounds). */
  values: readonly number[];
  control: Control<BudgetFormValues, unknown, BudgetData>;
  register: UseFormRegister<BudgetFormValues>;
  errors: FieldErrors<BudgetFormValues>;
  amount: number;
  currency: Currency;
  spend: MonthSpend | undefined;
  /** This threshold's breach forecast, once computed. */
  breach?: BreachThreshold;
  onRemove: () => void;
}

/** One threshold: its slider and number, when it will be reached, and its actions. */
export function ThresholdRow({ index, count, values, control, register, errors, amount, currency, spend, breach, onRemove }: ThresholdRowProps) {
  const n = index + 1;
  const uid = useId();
  const sliderId = `${uid}-slider`;
  const previewId = `${uid}-preview`;
  const errorId = `${uid}-error`;
  const actionsErrorId = `${uid}-actions-error`;
  const {
    field: { value: percent, onChange, onBlur, ref: percentRef },
  } = useController({ control, name: `thresholds.${index}.percent` });
  const bounds = thresholdBounds(values, index);
  const percentError = get(errors, `thresholds.${index}.percent`) as { message?: string } | undefined;
  const actionsError = get(errors, `thresholds.${index}.actions`) as { message?: string } | undefined;
  const valueText = Number.isFinite(percent)
    ? `${percent}%${amount > 0 ? `, ${formatMoney((amount * percent) / 100, currency)}` : ''}`
    : 'not set';

  return (
    <li className="flex flex-col gap-2 border-t border-border py-3 first:border-t-0 first:pt-0 last:pb-0">
      <div className="grid grid-cols-[minmax(0,1fr)_auto_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[6.5rem_minmax(0,1fr)_auto_auto]">
        <label htmlFor={sliderId} className="col-start-1 row-start-1 text-[13px] font-medium text-foreground">
          Threshold {n}
        </label>
        <div className="col-span-3 row-start-2 sm:col-span-1 sm:col-start-2 sm:row-start-1">
          <ThresholdSlider
            id={sliderId}
            value={percent}
            min={bounds.min}
            max={bounds.max}
            onChange={onChange}
            onBlur={onBlur}
            valueText={valueText}
            describedBy={`${previewId} ${errorId}`}
            invalid={percentError !== undefined}
          />
        </div>
        <div className="col-start-2 row-start-1 flex items-center gap-1 sm:col-start-3">
          <input
            ref={percentRef}
            type="number"
            inputMode="numeric"
            min={MIN_ALERT_THRESHOLD}
            max={MAX_ALERT_THRESHOLD}
            step={1}
            aria-label={`Threshold ${n} percent`}
            aria-invalid={percentError !== undefined || undefined}
            aria-describedby={errorId}
            value={Number.isFinite(percent) ? percent : ''}
            onChange={(event) => onChange(event.target.value === '' ? Number.NaN : event.target.valueAsNumber)}
            onBlur={onBlur}
            className={`${INPUT_CLASS} w-16 text-right tabular-nums`}
          />
          <span aria-hidden="true" className="text-[13px] text-muted">
            %
          </span>
        </div>
        <button
          type="button"
          onClick={onRemove}
          disabled={count <= 1}
          className={`${GHOST_BUTTON_CLASS} col-start-3 row-start-1 hover:text-danger sm:col-start-4`}
        >
          Remove<span className="sr-only"> threshold {n}</span>
        </button>
      </div>

      <div className="flex flex-col gap-2 sm:pl-[7.25rem]">
        <ReachPreview id={previewId} percent={percent} amount={amount} currency={currency} spend={spend} breach={breach} />
        <FieldMessage id={errorId} message={percentError?.message} />
        <fieldset aria-describedby={actionsErrorId}>
          <legend className="float-left mr-3 py-0.5 text-2xs font-medium text-muted">
            Actions<span className="sr-only"> at threshold {n}</span>
          </legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1.5">
            {BUDGET_ACTIONS.map((action) => (
              <label key={action} className="flex items-center gap-1.5 text-xs text-foreground">
                <input type="checkbox" value={action} {...register(`thresholds.${index}.actions`)} className={CHECKBOX_CLASS} />
                {ACTION_LABELS[action]}
              </label>
            ))}
          </div>
        </fieldset>
        <FieldMessage id={actionsErrorId} message={actionsError?.message} />
      </div>
    </li>
  );
}
