import { usageResponseSchema, type UsageResponse } from '../contract/billing';

/**
 * A usage response shaped like the reference's example, checked against the
 * contract schema so a test can never pass on data the API could not send.
 */
export function usageFixture(overrides: Partial<UsageResponse> = {}): UsageResponse {
  const base: UsageResponse = {
    period: { startDate: '2024-01-01', endDate: '2024-01-31', billingCycle: 'monthly', daysInPeriod: 31, daysElapsed: 16 },
    summary: {
      totalCost: 1247.83,
      totalGpuHours: 156.7,
      totalApiRequests: 89543,
      totalStorageGB: 2847.3,
      totalBandwidthGB: 1256.8,
      currency: 'USD',
    },
    breakdown: [
      {
        resourceType: 'clusters',
        usage: { quantity: 156.7, unit: 'gpu_hours', cost: 784.5, percentage: 62.9 },
        timeSeries: [{ timestamp: '2024-01-16T00:00:00Z', value: 8.3, cost: 41.5 }],
        topResources: [{ resourceId: 'cluster-gpu-a100-001', name: 'GPU Cluster A100-001', usage: 45.2, cost: 226 }],
      },
      {
        resourceType: 'ai-services',
        usage: { quantity: 89543, unit: 'requests', cost: 268.63, percentage: 21.5 },
        timeSeries: [{ timestamp: '2024-01-16T00:00:00Z', value: 5420, cost: 16.26 }],
        topResources: [],
      },
      {
        resourceType: 'storage',
        usage: { quantity: 2847.3, unit: 'gb_hours', cost: 142.37, percentage: 11.4 },
        timeSeries: [{ timestamp: '2024-01-16T00:00:00Z', value: 2847.3, cost: 8.9 }],
        topResources: [],
      },
      {
        resourceType: 'bandwidth',
        usage: { quantity: 1256.8, unit: 'gb', cost: 52.33, percentage: 4.2 },
        timeSeries: [{ timestamp: '2024-01-16T00:00:00Z', value: 78.4, cost: 3.27 }],
        topResources: [],
      },
    ],
    regional: [
      {
        region: 'us-east-1',
        usage: { totalCost: 743.21, gpuHours: 93.4, apiRequests: 52847 },
        cost: 743.21,
        percentage: 59.6,
      },
    ],
    projections: {
      projectedCost: 2418.67,
      projectedUsage: { gpuHours: 303.8, apiRequests: 173650, storageGB: 5515.2 },
      confidence: 0.87,
      trend: 'increasing',
    },
    alerts: [],
  };
  return usageResponseSchema.parse({ ...base, ...overrides });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
