import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../../../url-state/filter-schema';
import { trainingHref } from './team-jobs-card';

describe('trainingHref', () => {
  it('opens Usage › Training with the page’s filters, narrowed to one job or one user, other narrowings dropped', () => {
    const filters = { ...DEFAULT_FILTERS, timeRange: 'last_month' as const, resourceType: ['clusters' as const] };
    const job = new URL(trainingHref(filters, '?timeRange=last_month&region=us-east-1', { resource: 'train-research-20231204-01' }), 'http://x');
    expect(job.pathname).toBe('/usage/training');
    expect(job.searchParams.get('timeRange')).toBe('last_month');
    expect(job.searchParams.get('resource')).toBe('train-research-20231204-01');
    expect(job.searchParams.has('region')).toBe(false);
    expect(job.searchParams.has('resourceType')).toBe(false);
    const user = new URL(trainingHref(filters, '', { user: 'Kim (2)' }), 'http://x');
    expect(user.searchParams.get('user')).toBe('Kim (2)');
  });
});
