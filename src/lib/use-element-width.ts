import { useCallback, useState } from 'react';

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
      const next = Math.floor(node.getBoundingClientRect().width);
      setWidth((prev) => (prev === next ? prev : next));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
