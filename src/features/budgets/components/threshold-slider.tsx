import type { KeyboardEvent, Ref } from 'react';
import { MAX_ALERT_THRESHOLD, MIN_ALERT_THRESHOLD } from '../../../contract/billing';
import { THRESHOLD_PAGE_STEP } from '../thresholds';

const SPAN = MAX_ALERT_THRESHOLD - MIN_ALERT_THRESHOLD;
/** Thumb size in px (size-4). */
const THUMB = 16;

const frac = (v: number) => (Math.min(MAX_ALERT_THRESHOLD, Math.max(MIN_ALERT_THRESHOLD, v)) - MIN_ALERT_THRESHOLD) / SPAN;

const INPUT_CLASS = [
  'absolute top-0 h-6 cursor-pointer appearance-none bg-transparent focus-visible:outline-none',
  '[&::-webkit-slider-runnable-track]:h-6 [&::-webkit-slider-runnable-track]:bg-transparent',
  '[&::-webkit-slider-thumb]:mt-1 [&::-webkit-slider-thumb]:size-4 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full',
  '[&::-webkit-slider-thumb]:border-2 [&::-webkit-slider-thumb]:border-accent [&::-webkit-slider-thumb]:bg-surface [&::-webkit-slider-thumb]:shadow-card',
  '[&::-moz-range-track]:bg-transparent',
  '[&::-moz-range-thumb]:size-4 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-2 [&::-moz-range-thumb]:border-accent [&::-moz-range-thumb]:bg-surface',
  'focus-visible:[&::-webkit-slider-thumb]:outline-2 focus-visible:[&::-webkit-slider-thumb]:outline-offset-2 focus-visible:[&::-webkit-slider-thumb]:outline-accent',
  'focus-visible:[&::-moz-range-thumb]:outline-2 focus-visible:[&::-moz-range-thumb]:outline-offset-2 focus-visible:[&::-moz-range-thumb]:outline-accent',
  'aria-invalid:[&::-webkit-slider-thumb]:border-danger aria-invalid:[&::-moz-range-thumb]:border-danger',
].join(' ');

export interface ThresholdSliderProps {
  id: string;
  /** Current value (NaN while the number box is empty). */
  value: number;
  /** How far it may move: between its neighbours. */
  min: number;
  max: number;
  onChange: (value: number) => void;
  onBlur?: () => void;
  valueText: string;
  describedBy?: string;
  invalid?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * One threshold on the common 1–200% scale. A native range input (arrow keys
 * ±1, Home/End to the bounds; PageUp/PageDown ±10 here) whose min and max are
 * its neighbours ±1, laid over just that stretch of the shared track, so every
 * threshold's thumb sits at the same place for the same percentage and cannot
 * pass the thresholds next to it. The 100% mark is the budget.
 */
export function ThresholdSlider({ id, value, min, max, onChange, onBlur, valueText, describedBy, invalid, inputRef }: ThresholdSliderProps) {
  const shown = Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
  const clamp = (v: number) => Math.min(max, Math.max(min, Math.round(v)));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
    event.preventDefault();
    onChange(clamp(shown + (event.key === 'PageUp' ? THRESHOLD_PAGE_STEP : -THRESHOLD_PAGE_STEP)));
  };

  return (
    <div className="relative h-6 w-full min-w-32">
      <div
        aria-hidden="true"
        className="absolute top-1/2 h-1.5 -translate-y-1/2 rounded-full bg-surface-muted"
        style={{ left: THUMB / 2, right: THUMB / 2 }}
      >
        <div
          className="absolute inset-y-0 rounded-full bg-border"
          style={{ left: `${frac(min) * 100}%`, width: `${(frac(max) - frac(min)) * 100}%` }}
        />
        <div className="absolute inset-y-0 left-0 rounded-full bg-accent/80" style={{ width: `${frac(shown) * 100}%` }} />
        <div className="absolute -top-1 -bottom-1 w-px bg-foreground/40" style={{ left: `${frac(100) * 100}%` }} />
      </div>
      <input
        ref={inputRef}
        id={id}
        type="range"
        min={min}
        max={max}
        step={1}
        value={shown}
        aria-valuetext={valueText}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(clamp(event.target.valueAsNumber))}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        className={INPUT_CLASS}
        style={{
          left: `calc((100% - ${THUMB}px) * ${frac(min)})`,
          width: `calc((100% - ${THUMB}px) * ${frac(max) - frac(min)} + ${THUMB}px)`,
        }}
      />
    </div>
  );
}
