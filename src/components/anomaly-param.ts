import { useLocation, useNavigate } from 'react-router';

/** The search parameter naming the opened marker (`<type>:<first day>`). */
export const ANOMALY_PARAM = 'anomaly';

/** The opened marker's id from the URL, and a setter that keeps every other parameter. */
export function useOpenAnomaly(): [string | null, (id: string | null) => void] {
  const { search, hash } = useLocation();
  const navigate = useNavigate();
  const open = new URLSearchParams(search).get(ANOMALY_PARAM);
  const set = (id: string | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set(ANOMALY_PARAM, id);
    else next.delete(ANOMALY_PARAM);
    const qs = next.toString();
    void navigate({ search: qs ? `?${qs}` : '', hash }, { replace: true, preventScrollReset: true });
  };
  return [open, set];
}
