import { ApiError, NetworkError, SchemaError, errorMessage } from '../../api/errors';
import { AlertIcon, RefreshIcon } from '../icons';

function errorTitle(error: unknown): string {
  if (error instanceof SchemaError) return 'Unexpected data from the billing API';
  if (error instanceof NetworkError) return 'The billing API is unreachable';
  if (error instanceof ApiError && error.status === 401) return 'Not authorized';
  if (error instanceof ApiError && error.status === 429) return 'Too many requests';
  return 'Could not load billing data';
}

function errorDetail(error: unknown): string | undefined {
  if (error instanceof ApiError) return `HTTP ${error.status} · ${error.code}`;
  if (error instanceof SchemaError) return `Field: ${error.path}`;
  return undefined;
}

/** A failed load: the API's own message, a technical line, and a Retry button. */
export function ErrorPanel({
  error,
  onRetry,
  retrying = false,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  title?: string;
}) {
  const detail = errorDetail(error);
  return (
    <div role="alert" className="flex gap-3 rounded-card border border-danger/30 bg-danger-soft px-4 py-3.5">
      <AlertIcon size={18} className="mt-0.5 shrink-0 text-danger" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-foreground">{title ?? errorTitle(error)}</p>
        <p className="mt-0.5 text-[13px] break-words text-foreground/85">{errorMessage(error)}</p>
        {detail && <p className="mt-1 font-mono text-2xs text-muted">{detail}</p>}
      </div>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          aria-busy={retrying}
          className="inline-flex h-8 shrink-0 items-center gap-1.5 self-start rounded-md border border-border-strong bg-surface px-3 text-[13px] font-medium text-foreground hover:bg-surface-muted"
        >
          <RefreshIcon size={14} className={retrying ? 'animate-spin' : undefined} />
          Retry
        </button>
      )}
    </div>
  );
}
