/** Button and input looks shared by the budget pages (sizes match the shell's controls). */
export const PRIMARY_BUTTON_CLASS =
  'inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md bg-accent px-3 text-[13px] font-medium text-accent-foreground shadow-card hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-60';

export const DANGER_BUTTON_CLASS =
  'inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md bg-danger px-3 text-[13px] font-medium text-surface shadow-card hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-60';

/** A quiet text-like button (Edit, Delete, Remove). */
export const GHOST_BUTTON_CLASS =
  'inline-flex h-7 shrink-0 items-center justify-center gap-1 rounded-md px-2 text-xs font-medium text-muted hover:bg-surface-muted hover:text-foreground disabled:cursor-not-allowed disabled:opacity-50';

export const INPUT_CLASS =
  'h-8 w-full min-w-0 rounded-md border border-border-strong bg-surface px-2.5 text-[13px] text-foreground shadow-card placeholder:text-subtle hover:border-subtle aria-invalid:border-danger disabled:opacity-60';

export const CHECKBOX_CLASS = 'size-3.5 shrink-0 rounded border-border-strong accent-[var(--accent)]';
