import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../api/errors';
import { AlertIcon } from '../components/icons';

/** A lazy page whose code could not be fetched (typically after a new deploy). */
function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
      error.message,
    )
  );
}

function describe(error: unknown): { title: string; message: string; reload: boolean } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404)
      return { title: 'Page not found', message: 'There is no page at this address.', reload: false };
    return { title: `Error ${error.status}`, message: error.statusText || 'The page could not be shown.', reload: true };
  }
  if (isChunkLoadError(error))
    return {
      title: 'This page could not be loaded',
      message: 'The dashboard may have been updated. Reload to get the latest version.',
      reload: true,
    };
  return { title: 'Something went wrong', message: errorMessage(error), reload: true };
}

/**
 * Route error boundary: shows what went wrong instead of a blank page, with a
 * way out (reload, or back to Overview).
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { title, message, reload } = describe(error);
  return (
    <div className="mx-auto max-w-xl py-10">
      <title>{`${title} · TensorOne Billing`}</title>
      <div role="alert" className="rounded-card border border-border bg-surface p-6 shadow-card">
        <div className="flex items-center gap-2 text-danger">
          <AlertIcon size={18} />
          <h1 className="text-lg font-semibold text-foreground">{title}</h1>
        </div>
        <p className="mt-2 text-sm break-words text-muted">{message}</p>
        <div className="mt-5 flex gap-2">
          {reload && (
            <button
              type="button"
              onClick={() => window.location.reload()}
              className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-[13px] font-medium text-accent-foreground hover:opacity-90"
            >
              Reload page
            </button>
          )}
          <Link
            to="/"
            className="inline-flex h-8 items-center rounded-md border border-border-strong px-3 text-[13px] font-medium text-foreground hover:bg-surface-muted"
          >
            Go to Overview
          </Link>
        </div>
      </div>
    </div>
  );
}

/** Unknown address, rendered inside the shell. */
export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-xl py-10">
      <title>Page not found · TensorOne Billing</title>
      <div className="rounded-card border border-border bg-surface p-6 shadow-card">
        <h1 className="text-lg font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-muted">There is no page at this address.</p>
        <Link to="/" className="mt-4 inline-block text-[13px] font-medium text-accent hover:underline">
          Go to Overview
        </Link>
      </div>
    </div>
  );
}
