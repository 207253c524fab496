import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { currencySchema, type Currency } from '../../contract/billing';

export const CURRENCY_PARAM = 'currency';
export const DEFAULT_CURRENCY: Currency = 'USD';

export interface CurrencyParam {
  currency: Currency;
  /** The raw value from the URL when it was not a supported currency. */
  rejected: string | null;
}

/** Reads `?currency=`: absent → default; unsupported → default, and the rejected value to show a notice. */
export function parseCurrencyParam(raw: string | null): CurrencyParam {
  if (raw === null || raw === '') return { currency: DEFAULT_CURRENCY, rejected: null };
  const parsed = currencySchema.safeParse(raw);
  return parsed.success ? { currency: parsed.data, rejected: null } : { currency: DEFAULT_CURRENCY, rejected: raw };
}

/** The display currency, kept in the URL so a link shows the same figures. */
export function useCurrencyParam(): CurrencyParam & { setCurrency: (currency: Currency) => void } {
  const [searchParams, setSearchParams] = useSearchParams();
  const parsed = parseCurrencyParam(searchParams.get(CURRENCY_PARAM));
  const setCurrency = useCallback(
    (currency: Currency) =>
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(CURRENCY_PARAM, currency);
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return { ...parsed, setCurrency };
}
