import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Elements waiting to be measured. They are measured one per task, not in
 * React's commit: when every chart on a page learnt its width in the commit,
 * every chart was drawn in that one task (the hourly last-quarter Overview's
 * longest main-thread task); measured one per task, each chart draws in a task
 * of its own and the page stays responsive in between. The new width is
 * rendered at once (flushSync), so the next element's width cannot join the
 * same render when React's task runs after the next timer.
 */
const pending = new Set<() => void>();

function drain(): void {
  const [next] = pending;
  if (!next) return;
  pending.delete(next);
  next();
  if (pending.size > 0) setTimeout(drain, 0);
}

function measureSoon(measure: () => void): void {
  if (pending.has(measure)) return;
  pending.add(measure);
  if (pending.size === 1) setTimeout(drain, 0);
}

/**
 * The rendered width of an element in whole px, kept up to date with a
 * ResizeObserver (0 until measured, and where there is no layout, as in jsdom).
 * Charts use it for their size and to downsample to about a point per pixel.
 * Use the returned callback as the element's `ref`.
 */
export function useElementWidth<T extends HTMLElement>(): [(node: T | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((node: T | null) => {
    if (!node) return undefined;
    const measure = () => {
      if (!node.isConnected) return;
      const next = Math.floor(node.getBoundingClientRect().width);
      flushSync(() => setWidth((prev) => (prev === next ? prev : next)));
    };
    measureSoon(measure);
    if (typeof ResizeObserver === 'undefined') return () => pending.delete(measure);
    const observer = new ResizeObserver(() => measureSoon(measure));
    observer.observe(node);
    return () => {
      pending.delete(measure);
      observer.disconnect();
    };
  }, []);
  return [ref, width];
}
