import { Link } from 'react-router';
import { PageHeader } from './page-header';

/** Placeholder for a dashboard view that does not exist yet. */
export function NotBuiltPage({ title, plannedFor }: { title: string; plannedFor: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="rounded-card border border-dashed border-border-strong bg-surface px-6 py-10 text-center">
        <p className="text-sm font-medium text-foreground">This view is not built yet.</p>
        <p className="mx-auto mt-1 max-w-md text-[13px] text-muted">Planned: {plannedFor}</p>
        <Link to="/" className="mt-4 inline-block text-[13px] font-medium text-accent hover:underline">
          Go to Overview
        </Link>
      </div>
    </>
  );
}
