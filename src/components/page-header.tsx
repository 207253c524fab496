import type { ReactNode } from 'react';

const APP_NAME = 'TensorOne Billing';

/** Page title (h1 + document title), an optional line under it, and actions on the right. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="mb-5 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <title>{`${title} · ${APP_NAME}`}</title>
      <div className="min-w-0">
        <h1 className="text-xl leading-7 font-semibold tracking-tight text-foreground">{title}</h1>
        {description && <div className="mt-0.5 text-[13px] text-muted">{description}</div>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}
