import { useSearchParams } from 'react-router';

/** The search parameter naming the opened marker (`<type>:<first day>`). */
export const ANOMALY_PARAM = 'anomaly';


/** The opened marker's id from the URL, and a setter that keeps every other parameter. */
export function useOpenAnomaly(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const open = params.get(ANOMALY_PARAM);
  const set = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set(ANOMALY_PARAM, id);
        else next.delete(ANOMALY_PARAM);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return [open, set];
}
