import { Panel } from './panel';
import { Skeleton } from './states/skeleton';

/**
 * Stands in for a lazily loaded card (a chart and its table view, or a table)
 * while its code loads: the same frame and title, and a skeleton of the card's
 * usual height, so the page does not jump when the card arrives.
 */
export function CardFallback({ title, height, className = '' }: { title: string; height: number; className?: string }) {
  return (
    <Panel title={title} busy className={className}>
      <div style={{ height }}>
        <Skeleton className="h-full w-full" />
      </div>
    </Panel>
  );
}
