/**
 * One colour per resource type, everywhere: charts, legends, card markers.
 * Every colour is a CSS variable (defined for light and dark theme in
 * src/index.css), so a chart re-themes without re-rendering. The Tailwind
 * theme reads the same map (`bg-resource-clusters`, `text-resource-storage`…).
 */
import type { ResourceType, ResourceTypeId } from '../contract/billing';

/** CSS custom-property name per resource type. */
export const RESOURCE_COLOR_VARS = {
  clusters: '--resource-clusters',
  endpoints: '--resource-endpoints',
  training: '--resource-training',
  'ai-services': '--resource-ai-services',
  storage: '--resource-storage',
  bandwidth: '--resource-bandwidth',
} as const satisfies Record<ResourceType, `--${string}`>;

/** `var(--resource-…)` per resource type: usable as an SVG fill/stroke or a style value. */
export const RESOURCE_COLORS = Object.fromEntries(
  Object.entries(RESOURCE_COLOR_VARS).map(([type, cssVar]) => [type, `var(${cssVar})`]),
) as Record<ResourceType, string>;

/** Human label per resource type, in the order the API documents them. */
export const RESOURCE_LABELS: Record<ResourceType, string> = {
  clusters: 'GPU clusters',
  endpoints: 'Serverless endpoints',
  training: 'Training jobs',
  'ai-services': 'AI services',
  storage: 'Storage',
  bandwidth: 'Bandwidth',
};

/** Neutral colour of a resource type the dashboard does not know (also the "Other" bucket's). */
export const UNKNOWN_RESOURCE_COLOR = 'var(--chart-other)';

/** A resource type's label: its name, or for a type the dashboard does not know, its id. */
export function resourceLabel(type: ResourceTypeId): string {
  return isKnownType(type) ? RESOURCE_LABELS[type] : type;
}

/** Whether the dashboard knows a resource type (it has a label and colour for it). */
function isKnownType(type: ResourceTypeId): type is ResourceType {
  return Object.hasOwn(RESOURCE_LABELS, type);
}

/** The known types in the reference's order. */
const TYPE_ORDER = Object.keys(RESOURCE_COLOR_VARS);

/** A resource type's colour: its own, or the neutral one for a type the dashboard does not know. */
export function resourceColor(type: ResourceTypeId): string {
  return isKnownType(type) ? RESOURCE_COLORS[type] : UNKNOWN_RESOURCE_COLOR;
}

/** Label and colour of any resource type the API sends. */
export function resourceSeries(type: ResourceTypeId): { label: string; color: string } {
  return { label: resourceLabel(type), color: resourceColor(type) };
}

/** Sort position of a resource type: the reference's order, then unknown types by id. */
export function compareResourceTypes(a: ResourceTypeId, b: ResourceTypeId): number {
  const rank = (t: ResourceTypeId) => (isKnownType(t) ? TYPE_ORDER.indexOf(t) : TYPE_ORDER.length);
  return rank(a) - rank(b) || (rank(a) === TYPE_ORDER.length ? a.localeCompare(b) : 0);
}

/**
 * Semantic theme colours, also CSS variables. The names stay out of
 * Tailwind's own `--color-*` namespace, which the theme maps onto them.
 */
export const THEME_COLOR_VARS = {
  background: '--background',
  surface: '--surface',
  'surface-muted': '--surface-muted',
  border: '--border',
  'border-strong': '--border-strong',
  foreground: '--foreground',
  muted: '--muted',
  subtle: '--subtle',
  accent: '--accent',
  'accent-foreground': '--accent-foreground',
  'accent-soft': '--accent-soft',
  danger: '--danger',
  'danger-soft': '--danger-soft',
  warning: '--warning',
  'warning-soft': '--warning-soft',
  success: '--success',
} as const;

/** Chart chrome (grid, axis, tooltip, cursor) colours, all theme-aware CSS variables. */
export const CHART_COLORS = {
  grid: 'var(--border)',
  axis: 'var(--subtle)',
  text: 'var(--muted)',
  accent: 'var(--accent)',
  tooltipBackground: 'var(--surface)',
  tooltipBorder: 'var(--border-strong)',
  tooltipText: 'var(--foreground)',
  cursor: 'var(--surface-muted)',
} as const;

/**
 * Colours for series that are not resource types (regions, projects, users…):
 * eight distinct hues, defined for light and dark theme in src/index.css, that
 * avoid looking like a resource type's colour next to it. Pick with categoryColor.
 */
export const CATEGORY_COLOR_VARS = [
  '--chart-1',
  '--chart-2',
  '--chart-3',
  '--chart-4',
  '--chart-5',
  '--chart-6',
  '--chart-7',
  '--chart-8',
] as const;

/** Colour for the "Other" bucket of a top-N chart. */
export const OTHER_COLOR = UNKNOWN_RESOURCE_COLOR;

/** `var(--chart-N)` for the i-th category (cycles after eight). */
export function categoryColor(index: number): string {
  const n = CATEGORY_COLOR_VARS.length;
  return `var(${CATEGORY_COLOR_VARS[((index % n) + n) % n]!})`;
}
