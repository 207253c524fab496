/**
 * The FOCUS 1.2 columns this export writes (FinOps Open Cost and Usage
 * Specification), their order, and how TensorOne's resource types map onto
 * FOCUS's service categories and unit names. Every mandatory FOCUS 1.2 column
 * is present; custom columns carry the `x_` prefix FOCUS reserves for them.
 */
import type { ResourceTypeId, UnitId } from '../../../src/contract/billing.ts';

export const FOCUS_VERSION = '1.2';

/** Column order of the file (FOCUS columns alphabetically, then the custom ones). */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SubAccountId',
  'SubAccountName',
  'Tags',
  'x_CostAllocation',
  'x_TensorOneResourceType',
] as const;

export type FocusColumn = (typeof FOCUS_COLUMNS)[number];
export type FocusRow = Record<FocusColumn, string | null>;

/** FOCUS 1.2's allowed ServiceCategory values. */
export const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

interface Service {
  category: ServiceCategory;
  name: string;
  /** FOCUS ResourceType of one resource of this kind. */
  resourceType: string;
}

const SERVICES: Record<string, Service> = {
  clusters: { category: 'Compute', name: 'GPU Clusters', resourceType: 'GPU Cluster' },
  endpoints: { category: 'AI and Machine Learning', name: 'Serverless Endpoints', resourceType: 'Serverless Endpoint' },
  training: { category: 'AI and Machine Learning', name: 'Model Training', resourceType: 'Training Job' },
  'ai-services': { category: 'AI and Machine Learning', name: 'AI Services', resourceType: 'AI Service' },
  storage: { category: 'Storage', name: 'Storage', resourceType: 'Storage Volume' },
  bandwidth: { category: 'Networking', name: 'Data Transfer', resourceType: 'Data Transfer' },
};

/** The FOCUS service of a resource type; a type the API adds later is "Other", named by its id. */
export function serviceOf(type: ResourceTypeId): Service {
  return SERVICES[type] ?? { category: 'Other', name: type, resourceType: type };
}

const UNITS: Record<string, string> = {
  gpu_hours: 'GPU-Hours',
  requests: 'Requests',
  gb_hours: 'GB-Hours',
  gb: 'GB',
};

/** FOCUS unit name (its UnitFormat: "GB-Hours", "Requests"); a unit the API adds later keeps its id. */
export function focusUnit(unit: UnitId): string {
  return UNITS[unit] ?? unit;
}
