/**
 * Pure transforms of the optimization answer for the page: ordering and
 * filtering recommendations, the resource type behind a resource id or a
 * category (for links to the Usage explorer and colours), rows for the savings
 * chart, and the expanded-recommendations list kept in the URL.
 */
import {
  EFFORTS,
  IMPACTS,
  RESOURCE_TYPES,
  isKnown,
  type OptimizationRecommendation,
  type OptimizationResponse,
  type OptimizationRule,
  type ResourceTypeId,
} from '../../contract/billing';
import { resourceLabel } from '../../lib/colors';
import { lookup } from '../../lib/format';

export type Impact = (typeof IMPACTS)[number];
export type Effort = (typeof EFFORTS)[number];
export type ImpactFilter = Impact | 'all';
export type EffortFilter = Effort | 'all';

export const IMPACT_LABELS: Record<Impact, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const EFFORT_LABELS: Record<Effort, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** What each rule found, as a short label (waste table, evidence). */
export const RULE_LABELS: Record<OptimizationRule, string> = {
  idle_cluster: 'Idle cluster',
  oversized_cluster: 'Oversized cluster',
  endpoint_min_workers: 'Surplus endpoint workers',
  reserved_capacity: 'Reserved capacity',
  offpeak_training: 'Off-peak training',
  stale_storage: 'Untouched storage',
  cross_region_transfer: 'Cross-region transfer',
};

const IMPACT_RANK: Record<Impact, number> = { high: 0, medium: 1, low: 2 };

/** Highest impact first; within an impact, largest monthly saving first; then by title (stable). */
export function compareRecommendations(a: OptimizationRecommendation, b: OptimizationRecommendation): number {
  return (
    lookup(IMPACT_RANK, a.impact, IMPACTS.length) - lookup(IMPACT_RANK, b.impact, IMPACTS.length) ||
    b.potentialSavings - a.potentialSavings ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

export function sortRecommendations(recs: readonly OptimizationRecommendation[]): OptimizationRecommendation[] {
  return [...recs].sort(compareRecommendations);
}

/** Keeps the recommendations of the chosen impact and effort (`all`: any). */
export function filterRecommendations(
  recs: readonly OptimizationRecommendation[],
  { impact, effort }: { impact: ImpactFilter; effort: EffortFilter },
): OptimizationRecommendation[] {
  return recs.filter(
    (r) => (impact === 'all' || r.impact === impact) && (effort === 'all' || r.implementationEffort === effort),
  );
}

/** How many recommendations there are of each impact. */
export function countByImpact(recs: readonly OptimizationRecommendation[]): Record<Impact | 'other', number> {
  const counts: Record<Impact | 'other', number> = { high: 0, medium: 0, low: 0, other: 0 };
  for (const r of recs) counts[isKnown(IMPACTS, r.impact) ? r.impact : 'other'] += 1;
  return counts;
}

/** Monthly savings of a list of recommendations. */
export function totalSavings(recs: readonly OptimizationRecommendation[]): number {
  return recs.reduce((sum, r) => sum + r.potentialSavings, 0);
}

// ---------------------------------------------------------------- resource types

/** Resource-id prefixes of the billing API's resources. */
const ID_PREFIXES: readonly (readonly [string, ResourceTypeId])[] = [
  ['cluster-', 'clusters'],
  ['ep-', 'endpoints'],
  ['endpoint-', 'endpoints'],
  ['train-', 'training'],
  ['ai-', 'ai-services'],
  ['vol-', 'storage'],
  ['storage-', 'storage'],
  ['xfer-', 'bandwidth'],
  ['egress-', 'bandwidth'],
];

/** The optimization API's category names (byCategory[].name, recommendation.category). */
const CATEGORY_TYPES: Record<string, ResourceTypeId> = {
  'gpu clusters': 'clusters',
  'serverless endpoints': 'endpoints',
  'training jobs': 'training',
  'ai services': 'ai-services',
  storage: 'storage',
  'data transfer': 'bandwidth',
  bandwidth: 'bandwidth',
};

/** The resource type a category name stands for (API names, our labels, or the type itself). */
export function categoryResourceType(category: string | undefined): ResourceTypeId | undefined {
  if (!category) return undefined;
  const key = category.trim().toLowerCase();
  if ((RESOURCE_TYPES as readonly string[]).includes(key)) return key as ResourceTypeId;
  if (CATEGORY_TYPES[key]) return CATEGORY_TYPES[key];
  return RESOURCE_TYPES.find((t) => resourceLabel(t).toLowerCase() === key);
}

/** The resource type of a resource: from its id's prefix, else from the recommendation's category. */
export function resourceTypeOf(resourceId: string, category?: string): ResourceTypeId | undefined {
  const id = resourceId.toLowerCase();
  for (const [prefix, type] of ID_PREFIXES) if (id.startsWith(prefix)) return type;
  return categoryResourceType(category);
}

/**
 * Link to a resource in the Usage explorer: `/usage/<type>?resource=<id>` plus
 * the shared filters (a search string such as `?timeRange=last_month&currency=EUR`).
 */
export function usageExplorerHref(resourceId: string, resourceType: ResourceTypeId, filterSearch = '', rule?: string): string {
  const params = new URLSearchParams({ resource: resourceId });
  for (const [key, value] of new URLSearchParams(filterSearch)) if (key !== 'resource') params.append(key, value);
  const stretch = resourceType === 'clusters' ? STRETCH_OF_RULE[rule ?? ''] : undefined;
  if (stretch) {
    // The cluster's view on the stretch behind the recommendation, by the hour as the rule counts it.
    params.set('stretch', stretch);
    if (hourlyFits(params)) params.set('granularity', 'hourly');
  }
  return `/usage/${resourceType}?${params.toString().replace(/%2C/gi, ',')}`;
}

/** The utilisation stretch each cluster rule is based on (lib/utilization-periods.ts). */
const STRETCH_OF_RULE: Record<string, 'idle' | 'oversized'> = { idle_cluster: 'idle', oversized_cluster: 'oversized' };

/** Whether the link's range can be shown by the hour (the API's 92 days): every preset but the year, a custom range that short. */
function hourlyFits(params: URLSearchParams): boolean {
  const range = params.get('timeRange') ?? 'current_month';
  if (range === 'current_year') return false;
  if (range !== 'custom') return true;
  const days = (Date.parse(params.get('endDate') ?? '') - Date.parse(params.get('startDate') ?? '')) / 86_400_000 + 1;
  return days > 0 && days <= 92;
}

// ---------------------------------------------------------------- savings by category

export interface CategoryRow {
  name: string;
  resourceType: ResourceTypeId | undefined;
  currentCost: number;
  savings: number;
  /** currentCost − savings (what stays after acting on every recommendation), never negative. */
  remaining: number;
  percentage: number;
  recommendation: string;
}

/** byCategory as chart and table rows, largest saving first. */
export function categoryRows(byCategory: NonNullable<OptimizationResponse['potentialSavings']>['byCategory']): CategoryRow[] {
  return byCategory
    .map((c) => ({
      name: c.name,
      resourceType: categoryResourceType(c.name),
      currentCost: c.currentCost,
      savings: c.savings,
      remaining: Math.max(0, c.currentCost - c.savings),
      percentage: c.percentage,
      recommendation: c.recommendation,
    }))
    .sort((a, b) => b.savings - a.savings || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------- expanded recommendations (URL)

/** `a,b` → `['a', 'b']` (empty parts and repeats dropped). */
export function parseExpanded(raw: string): string[] {
  return [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** The URL value after opening or closing `id`. */
export function toggleExpanded(raw: string, id: string): string {
  const list = parseExpanded(raw);
  return (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]).join(',');
}

// ---------------------------------------------------------------- analysed days

/** The days the analysis has data for: its range, cut at `dataThrough` (the current month so far). */
export function analysedDays(analysis: NonNullable<OptimizationResponse['analysis']>): { startDate: string; endDate: string } {
  const lastDay = new Date(Date.parse(analysis.dataThrough) - 1).toISOString().slice(0, 10);
  const endDate = lastDay < analysis.endDate ? lastDay : analysis.endDate;
  return { startDate: analysis.startDate, endDate: endDate < analysis.startDate ? analysis.startDate : endDate };
}

/** A recommendation to commit (reserve capacity): by its rule, else by its title. */
export function isCommitment(r: Pick<OptimizationRecommendation, 'title'> & { rule?: string }): boolean {
  return r.rule !== undefined ? r.rule === 'reserved_capacity' : /\breserv/i.test(r.title);
}
