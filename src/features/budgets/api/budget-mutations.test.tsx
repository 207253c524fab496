import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/errors';
import { queryKeys } from '../../../api/query-keys';
import type { Budget, BudgetStatus, BudgetStatusResponse } from '../../../contract/billing';
import { createTestQueryClient } from '../../../test/render-app';
import { jsonResponse } from '../../../test/usage-fixture';
import { useDeleteBudget } from './delete-budget';
import { budgetDetailKey } from './get-budget';
import { useUpdateBudget } from './update-budget';

const status: BudgetStatus = {
  budgetId: 'bdg-1',
  name: 'GPU clusters',
  monthlyBudget: 75000,
  currency: 'USD',
  resourceTypes: ['clusters'],
  alertThresholds: [50, 75, 90, 100],
  currentSpent: 39702.38,
  percentageUsed: 52.9,
  daysRemainingInPeriod: 15,
  projectedSpend: 79412.49,
  thresholdsCrossed: [50],
  status: 'at_risk',
};
const other: BudgetStatus = { ...status, budgetId: 'bdg-2', name: 'Organisation' };
const budget: Budget = {
  budgetId: 'bdg-1',
  name: 'GPU clusters',
  monthlyBudget: 75000,
  currency: 'USD',
  alertThresholds: [50, 75, 90, 100],
  resourceTypes: ['clusters'],
  notificationChannels: [{ type: 'email' }],
  actions: {},
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

function setup() {
  const client = createTestQueryClient();
  client.setQueryData<BudgetStatusResponse>(queryKeys.budgets.status(), { budgets: [status, other] });
  client.setQueryData(budgetDetailKey('bdg-1'), budget);
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const cachedStatus = () => client.getQueryData<BudgetStatusResponse>(queryKeys.budgets.status())?.budgets;
  return { client, wrapper, cachedStatus };
}

/** fetch that answers once `release` is called. */
function deferredFetch(response: () => Response) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    if (String(input).includes('/status')) return new Promise<Response>(() => {});
    await gate;
    return response();
  });
  vi.stubGlobal('fetch', fetchMock);
  return { release, fetchMock };
}

afterEach(() => vi.unstubAllGlobals());

describe('useUpdateBudget', () => {
  it('shows the edit at once and rolls it back when the API refuses', async () => {
    const { wrapper, client, cachedStatus } = setup();
    const { release, fetchMock } = deferredFetch(() =>
      jsonResponse({ error: { code: 'invalid_parameter', message: 'Invalid parameter name', details: [] } }, 400),
    );
    const { result } = renderHook(() => useUpdateBudget(), { wrapper });
    const data = {
      name: 'GPU clusters (raised)',
      monthlyBudget: 100000,
      currency: 'USD' as const,
      alertThresholds: [50, 75, 90, 100],
      resourceTypes: ['clusters' as const],
      notificationChannels: [{ type: 'email' as const }],
      actions: {},
    };
    let settled: Promise<unknown>;
    act(() => {
      settled = result.current.mutateAsync({ budgetId: 'bdg-1', data }).catch((e: unknown) => e);
    });

    await waitFor(() => expect(cachedStatus()?.[0]?.monthlyBudget).toBe(100000));
    expect(cachedStatus()?.[0]).toMatchObject({ name: 'GPU clusters (raised)', percentageUsed: 39.7, status: 'on_track' });
    expect(cachedStatus()?.[1]).toEqual(other);
    expect(client.getQueryData<Budget>(budgetDetailKey('bdg-1'))?.monthlyBudget).toBe(100000);
    const [url, init] = fetchMock.mock.calls.find(([u]) => !String(u).includes('/status'))!;
    expect(url).toBe('/v2/billing/budgets/bdg-1');
    expect(init).toMatchObject({ method: 'PUT' });

    release();
    expect(await settled!).toBeInstanceOf(ApiError);
    expect(cachedStatus()).toEqual([status, other]);
    expect(client.getQueryData(budgetDetailKey('bdg-1'))).toEqual(budget);
  });
});

describe('useDeleteBudget', () => {
  it('removes the budget at once and puts it back when the API fails', async () => {
    const { wrapper, cachedStatus } = setup();
    const { release } = deferredFetch(() => new Response('', { status: 503 }));
    const { result } = renderHook(() => useDeleteBudget(), { wrapper });
    act(() => result.current.mutate({ budgetId: 'bdg-1', name: 'GPU clusters' }));
    await waitFor(() => expect(cachedStatus()).toEqual([other]));
    release();
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cachedStatus()).toEqual([status, other]);
    expect((result.current.error as ApiError).status).toBe(503);
  });

  it('keeps it removed when the API deletes it', async () => {
    const { wrapper, cachedStatus } = setup();
    const { release } = deferredFetch(() => new Response(null, { status: 204 }));
    const { result } = renderHook(() => useDeleteBudget(), { wrapper });
    act(() => result.current.mutate({ budgetId: 'bdg-1', name: 'GPU clusters' }));
    release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cachedStatus()).toEqual([other]);
  });
});
