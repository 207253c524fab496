import { Link } from 'react-router';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { resourceTypeOf, usageExplorerHref } from '../recommendations';

/**
 * A resource id as a link to its usage in the Usage explorer (carrying the
 * page's filters), or plain text when its resource type is unknown.
 */
export function ResourceLink({
  resourceId,
  category,
  filterSearch,
  rule,
}: {
  resourceId: string;
  category?: string;
  /** The shared filters to carry, as a search string. */
  filterSearch: string;
  /** The rule behind the recommendation: an idle or oversized cluster opens on that stretch of its utilisation. */
  rule?: string;
}) {
  const type = resourceTypeOf(resourceId, category);
  if (!type) return <span className="font-mono text-xs">{resourceId}</span>;
  return (
    <Link
      to={usageExplorerHref(resourceId, type, filterSearch, rule)}
      title={`${resourceLabel(type)}: view ${resourceId} in the Usage explorer`}
      className="inline-flex max-w-full items-center gap-1.5 rounded font-mono text-xs text-accent underline-offset-2 hover:underline"
    >
      <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full" style={{ background: resourceColor(type) }} />
      <span className="truncate">{resourceId}</span>
    </Link>
  );
}
