/**
 * The sandbox organisation: teams, users, priced SKUs and the resources whose
 * hourly usage the generator meters. Plain data; the generator turns it into
 * rows. Some resources are deliberately wasteful (named below) so that
 * optimisation rules have something true to find.
 */
import type { ResourceType } from '../../src/contract/billing.ts';

export interface Project {
  id: string;
  name: string;
}
export interface User {
  id: string;
  name: string;
  email: string;
  projectId: string;
}
export interface Sku {
  sku: string;
  resourceType: ResourceType;
  unit: 'gpu_hours' | 'requests' | 'gb_hours' | 'gb';
  unitPriceUsd: number;
  /** Price per unit on a one-year reservation, where one is offered. */
  reservedUnitPriceUsd: number | null;
  description: string;
}

export const PROJECTS: Project[] = [
  { id: 'research', name: 'Research' },
  { id: 'ml-platform', name: 'ML Platform' },
  { id: 'product-ai', name: 'Product AI' },
  { id: 'vision', name: 'Computer Vision' },
  { id: 'speech', name: 'Speech & Audio' },
  { id: 'data-eng', name: 'Data Engineering' },
];

const PEOPLE: Array<[string, string]> = [
  ['Amara Okafor', 'research'],
  ['Lukas Brandt', 'research'],
  ['Priya Raman', 'research'],
  ['Tomás Herrera', 'research'],
  ['Yuki Tanaka', 'research'],
  ['Hannah Schultz', 'ml-platform'],
  ['Omar Haddad', 'ml-platform'],
  ['Grace Liu', 'ml-platform'],
  ['Mateo Rossi', 'ml-platform'],
  ['Sofia Andersson', 'product-ai'],
  ['Daniel Kim', 'product-ai'],
  ['Chloé Martin', 'product-ai'],
  ['Ethan Walker', 'product-ai'],
  ['Fatima Zahra', 'product-ai'],
  ['Noah Fischer', 'vision'],
  ['Isabela Costa', 'vision'],
  ['Arjun Mehta', 'vision'],
  ['Mia Novak', 'vision'],
  ['Liam O’Connor', 'speech'],
  ['Elena Petrova', 'speech'],
  ['Kwame Mensah', 'speech'],
  ['Zoe Campbell', 'data-eng'],
  ['Ravi Shankar', 'data-eng'],
  ['Julia Weber', 'data-eng'],
  ['Samuel Adeyemi', 'data-eng'],
];

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export const USERS: User[] = PEOPLE.map(([name, projectId], i) => ({
  id: `u-${String(i + 1).padStart(3, '0')}`,
  name,
  email: `${slug(name)}@example.com`,
  projectId,
}));

/** Hours in an average month, used to quote monthly prices per hour. */
export const HOURS_PER_MONTH = 730;

export const SKUS: Sku[] = [
  { sku: 'gpu-h100', resourceType: 'clusters', unit: 'gpu_hours', unitPriceUsd: 3.49, reservedUnitPriceUsd: 2.29, description: 'GPU cluster, NVIDIA H100 80GB' },
  { sku: 'gpu-a100-80', resourceType: 'clusters', unit: 'gpu_hours', unitPriceUsd: 2.19, reservedUnitPriceUsd: 1.45, description: 'GPU cluster, NVIDIA A100 80GB' },
  { sku: 'gpu-a100-40', resourceType: 'clusters', unit: 'gpu_hours', unitPriceUsd: 1.59, reservedUnitPriceUsd: 1.05, description: 'GPU cluster, NVIDIA A100 40GB' },
  { sku: 'gpu-l40s', resourceType: 'clusters', unit: 'gpu_hours', unitPriceUsd: 1.19, reservedUnitPriceUsd: 0.79, description: 'GPU cluster, NVIDIA L40S' },
  { sku: 'gpu-a10g', resourceType: 'clusters', unit: 'gpu_hours', unitPriceUsd: 0.89, reservedUnitPriceUsd: 0.59, description: 'GPU cluster, NVIDIA A10G' },
  { sku: 'serverless-a100', resourceType: 'endpoints', unit: 'gpu_hours', unitPriceUsd: 2.69, reservedUnitPriceUsd: null, description: 'Serverless endpoint workers, A100 80GB' },
  { sku: 'serverless-l40s', resourceType: 'endpoints', unit: 'gpu_hours', unitPriceUsd: 1.49, reservedUnitPriceUsd: null, description: 'Serverless endpoint workers, L40S' },
  { sku: 'serverless-a10g', resourceType: 'endpoints', unit: 'gpu_hours', unitPriceUsd: 1.09, reservedUnitPriceUsd: null, description: 'Serverless endpoint workers, A10G' },
  { sku: 'training-h100', resourceType: 'training', unit: 'gpu_hours', unitPriceUsd: 3.29, reservedUnitPriceUsd: null, description: 'Managed training, NVIDIA H100 80GB' },
  { sku: 'training-a100', resourceType: 'training', unit: 'gpu_hours', unitPriceUsd: 2.09, reservedUnitPriceUsd: null, description: 'Managed training, NVIDIA A100 80GB' },
  { sku: 'text-to-image', resourceType: 'ai-services', unit: 'requests', unitPriceUsd: 0.003, reservedUnitPriceUsd: null, description: 'Text-to-Image Generation' },
  { sku: 'text-to-speech', resourceType: 'ai-services', unit: 'requests', unitPriceUsd: 0.003, reservedUnitPriceUsd: null, description: 'Text-to-Speech Synthesis' },
  { sku: 'llm', resourceType: 'ai-services', unit: 'requests', unitPriceUsd: 0.002, reservedUnitPriceUsd: null, description: 'LLM Inference' },
  { sku: 'embeddings', resourceType: 'ai-services', unit: 'requests', unitPriceUsd: 0.0001, reservedUnitPriceUsd: null, description: 'Text Embeddings' },
  { sku: 'storage-ssd', resourceType: 'storage', unit: 'gb_hours', unitPriceUsd: 0.1 / HOURS_PER_MONTH, reservedUnitPriceUsd: null, description: 'Network volume, NVMe SSD' },
  { sku: 'storage-object', resourceType: 'storage', unit: 'gb_hours', unitPriceUsd: 0.023 / HOURS_PER_MONTH, reservedUnitPriceUsd: null, description: 'Object storage' },
  { sku: 'egress-internet', resourceType: 'bandwidth', unit: 'gb', unitPriceUsd: 0.08, reservedUnitPriceUsd: null, description: 'Internet egress' },
  { sku: 'transfer-cross-region', resourceType: 'bandwidth', unit: 'gb', unitPriceUsd: 0.02, reservedUnitPriceUsd: null, description: 'Cross-region transfer' },
];

export type Region = 'us-east-1' | 'us-west-2' | 'eu-west-1';

/** UTC offset of the working day in each region, in hours. */
export const REGION_UTC_OFFSET: Record<Region, number> = { 'us-east-1': -5, 'us-west-2': -8, 'eu-west-1': 0 };

export interface ClusterSpec {
  id: string;
  name: string;
  sku: string;
  region: Region;
  projectId: string;
  ownerId: string;
  gpus: number;
  /** Scales between minGpus and gpus with load when set. */
  minGpus?: number;
  /** Month (from the start of the history) the cluster was created. */
  fromMonth: number;
  /** Typical GPU utilisation (0..1) and its daily swing. */
  util: number;
  utilSwing: number;
  /** Planted: utilisation collapses to ~2% from this month on (idle cluster). */
  idleFromMonth?: number;
}

export const CLUSTERS: ClusterSpec[] = [
  { id: 'cluster-gpu-h100-001', name: 'GPU Cluster H100-001', sku: 'gpu-h100', region: 'us-east-1', projectId: 'research', ownerId: 'u-001', gpus: 8, fromMonth: 0, util: 0.82, utilSwing: 0.1 },
  { id: 'cluster-gpu-h100-002', name: 'GPU Cluster H100-002', sku: 'gpu-h100', region: 'us-east-1', projectId: 'ml-platform', ownerId: 'u-006', gpus: 8, minGpus: 2, fromMonth: 3, util: 0.74, utilSwing: 0.15 },
  { id: 'cluster-gpu-a100-001', name: 'GPU Cluster A100-001', sku: 'gpu-a100-80', region: 'us-east-1', projectId: 'product-ai', ownerId: 'u-010', gpus: 8, minGpus: 4, fromMonth: 0, util: 0.68, utilSwing: 0.2 },
  { id: 'cluster-gpu-a100-002', name: 'GPU Cluster A100-002', sku: 'gpu-a100-80', region: 'us-west-2', projectId: 'vision', ownerId: 'u-015', gpus: 4, fromMonth: 1, util: 0.71, utilSwing: 0.18 },
  { id: 'cluster-gpu-a100-003', name: 'GPU Cluster A100-003', sku: 'gpu-a100-40', region: 'eu-west-1', projectId: 'speech', ownerId: 'u-019', gpus: 8, minGpus: 2, fromMonth: 0, util: 0.66, utilSwing: 0.2 },
  { id: 'cluster-gpu-l40s-001', name: 'GPU Cluster L40S-001', sku: 'gpu-l40s', region: 'us-west-2', projectId: 'product-ai', ownerId: 'u-011', gpus: 4, fromMonth: 7, util: 0.63, utilSwing: 0.22 },
  { id: 'cluster-gpu-a10g-001', name: 'GPU Cluster A10G-001', sku: 'gpu-a10g', region: 'eu-west-1', projectId: 'data-eng', ownerId: 'u-022', gpus: 2, fromMonth: 0, util: 0.58, utilSwing: 0.25 },
  // Planted waste: left running after a project ended; idle from month 11 on.
  { id: 'cluster-gpu-a100-004', name: 'GPU Cluster A100-004', sku: 'gpu-a100-80', region: 'us-west-2', projectId: 'vision', ownerId: 'u-017', gpus: 4, fromMonth: 2, util: 0.64, utilSwing: 0.15, idleFromMonth: 11 },
  // Planted waste: oversized, eight H100s that rarely pass a third of their capacity.
  { id: 'cluster-gpu-h100-003', name: 'GPU Cluster H100-003', sku: 'gpu-h100', region: 'eu-west-1', projectId: 'research', ownerId: 'u-003', gpus: 8, fromMonth: 5, util: 0.22, utilSwing: 0.08 },
];

export interface EndpointSpec {
  id: string;
  name: string;
  sku: string;
  region: Region;
  projectId: string;
  ownerId: string;
  minWorkers: number;
  gpusPerWorker: number;
  /** Concurrent requests per worker before scaling out. */
  capacity: number;
  /** Mean concurrency at the start of the history and its monthly growth. */
  baseConcurrency: number;
  growth: number;
  /** Seconds per request. */
  latency: number;
  fromMonth: number;
}

export const ENDPOINTS: EndpointSpec[] = [
  { id: 'ep-llm-chat-prod', name: 'Endpoint llm-chat (prod)', sku: 'serverless-a100', region: 'us-east-1', projectId: 'product-ai', ownerId: 'u-012', minWorkers: 1, gpusPerWorker: 1, capacity: 6, baseConcurrency: 9, growth: 0.05, latency: 2.4, fromMonth: 0 },
  { id: 'ep-sdxl-prod', name: 'Endpoint sdxl (prod)', sku: 'serverless-l40s', region: 'us-east-1', projectId: 'product-ai', ownerId: 'u-013', minWorkers: 1, gpusPerWorker: 1, capacity: 2, baseConcurrency: 3, growth: 0.04, latency: 4.5, fromMonth: 1 },
  { id: 'ep-whisper-eu', name: 'Endpoint whisper (eu)', sku: 'serverless-a10g', region: 'eu-west-1', projectId: 'speech', ownerId: 'u-020', minWorkers: 1, gpusPerWorker: 1, capacity: 4, baseConcurrency: 4, growth: 0.03, latency: 3, fromMonth: 0 },
  { id: 'ep-embed-prod', name: 'Endpoint embeddings (prod)', sku: 'serverless-a10g', region: 'us-east-1', projectId: 'ml-platform', ownerId: 'u-007', minWorkers: 1, gpusPerWorker: 1, capacity: 16, baseConcurrency: 10, growth: 0.06, latency: 0.2, fromMonth: 2 },
  { id: 'ep-detect-west', name: 'Endpoint object-detect (west)', sku: 'serverless-l40s', region: 'us-west-2', projectId: 'vision', ownerId: 'u-016', minWorkers: 1, gpusPerWorker: 1, capacity: 8, baseConcurrency: 5, growth: 0.03, latency: 0.6, fromMonth: 4 },
  // Planted waste: minimum workers far above the concurrency it ever sees.
  { id: 'ep-reranker-staging', name: 'Endpoint reranker (staging)', sku: 'serverless-a100', region: 'us-east-1', projectId: 'ml-platform', ownerId: 'u-008', minWorkers: 3, gpusPerWorker: 1, capacity: 8, baseConcurrency: 0.3, growth: 0, latency: 0.3, fromMonth: 6 },
  { id: 'ep-tts-beta', name: 'Endpoint tts (beta)', sku: 'serverless-a10g', region: 'eu-west-1', projectId: 'speech', ownerId: 'u-021', minWorkers: 3, gpusPerWorker: 1, capacity: 4, baseConcurrency: 0.4, growth: 0, latency: 1.5, fromMonth: 5 },
];

export interface AiStreamSpec {
  sku: 'text-to-image' | 'text-to-speech' | 'llm' | 'embeddings';
  projectId: string;
  region: Region;
  /** Requests per hour at the start of the history, at the daily mean. */
  basePerHour: number;
  growth: number;
}

export const AI_STREAMS: AiStreamSpec[] = [
  { sku: 'text-to-image', projectId: 'product-ai', region: 'us-east-1', basePerHour: 1500, growth: 0.05 },
  { sku: 'text-to-image', projectId: 'vision', region: 'us-west-2', basePerHour: 500, growth: 0.04 },
  { sku: 'text-to-image', projectId: 'product-ai', region: 'eu-west-1', basePerHour: 450, growth: 0.06 },
  { sku: 'text-to-speech', projectId: 'speech', region: 'eu-west-1', basePerHour: 700, growth: 0.04 },
  { sku: 'text-to-speech', projectId: 'product-ai', region: 'us-east-1', basePerHour: 600, growth: 0.05 },
  { sku: 'llm', projectId: 'product-ai', region: 'us-east-1', basePerHour: 2600, growth: 0.07 },
  { sku: 'llm', projectId: 'research', region: 'us-east-1', basePerHour: 500, growth: 0.03 },
  { sku: 'llm', projectId: 'data-eng', region: 'eu-west-1', basePerHour: 650, growth: 0.05 },
  { sku: 'llm', projectId: 'ml-platform', region: 'us-west-2', basePerHour: 400, growth: 0.04 },
  { sku: 'embeddings', projectId: 'ml-platform', region: 'us-east-1', basePerHour: 9000, growth: 0.06 },
  { sku: 'embeddings', projectId: 'data-eng', region: 'eu-west-1', basePerHour: 5000, growth: 0.05 },
];

export const AI_SERVICE_NAMES: Record<AiStreamSpec['sku'], string> = {
  'text-to-image': 'Text-to-Image Generation',
  'text-to-speech': 'Text-to-Speech Synthesis',
  llm: 'LLM Inference',
  embeddings: 'Text Embeddings',
};

export interface VolumeSpec {
  id: string;
  name: string;
  sku: 'storage-ssd' | 'storage-object';
  region: Region;
  projectId: string;
  ownerId: string;
  /** Size in GB when created, and GB added per day. */
  sizeGB: number;
  growthGBPerDay: number;
  fromMonth: number;
  /** Planted: no reads or writes from this month on (stale volume). */
  staleFromMonth?: number;
}

export const VOLUMES: VolumeSpec[] = [
  { id: 'vol-research-datasets', name: 'research-datasets', sku: 'storage-object', region: 'us-east-1', projectId: 'research', ownerId: 'u-002', sizeGB: 38000, growthGBPerDay: 60, fromMonth: 0 },
  { id: 'vol-research-checkpoints', name: 'research-checkpoints', sku: 'storage-ssd', region: 'us-east-1', projectId: 'research', ownerId: 'u-004', sizeGB: 9000, growthGBPerDay: 35, fromMonth: 0 },
  { id: 'vol-research-eu-mirror', name: 'research-eu-mirror', sku: 'storage-object', region: 'eu-west-1', projectId: 'research', ownerId: 'u-005', sizeGB: 21000, growthGBPerDay: 40, fromMonth: 5 },
  { id: 'vol-platform-models', name: 'platform-model-registry', sku: 'storage-ssd', region: 'us-east-1', projectId: 'ml-platform', ownerId: 'u-009', sizeGB: 6000, growthGBPerDay: 18, fromMonth: 0 },
  { id: 'vol-product-assets', name: 'product-generated-assets', sku: 'storage-object', region: 'us-east-1', projectId: 'product-ai', ownerId: 'u-014', sizeGB: 12000, growthGBPerDay: 85, fromMonth: 0 },
  { id: 'vol-vision-images', name: 'vision-training-images', sku: 'storage-object', region: 'us-west-2', projectId: 'vision', ownerId: 'u-018', sizeGB: 26000, growthGBPerDay: 30, fromMonth: 0 },
  { id: 'vol-vision-scratch', name: 'vision-scratch', sku: 'storage-ssd', region: 'us-west-2', projectId: 'vision', ownerId: 'u-016', sizeGB: 4000, growthGBPerDay: 5, fromMonth: 1 },
  { id: 'vol-speech-corpus', name: 'speech-corpus', sku: 'storage-object', region: 'eu-west-1', projectId: 'speech', ownerId: 'u-020', sizeGB: 15000, growthGBPerDay: 25, fromMonth: 0 },
  { id: 'vol-data-lake', name: 'data-lake', sku: 'storage-object', region: 'eu-west-1', projectId: 'data-eng', ownerId: 'u-023', sizeGB: 45000, growthGBPerDay: 110, fromMonth: 0 },
  { id: 'vol-data-warehouse-ssd', name: 'warehouse-hot-tier', sku: 'storage-ssd', region: 'eu-west-1', projectId: 'data-eng', ownerId: 'u-024', sizeGB: 7000, growthGBPerDay: 10, fromMonth: 2 },
  // Planted waste: untouched for months.
  { id: 'vol-archive-2023', name: 'archive-2023-experiments', sku: 'storage-ssd', region: 'us-east-1', projectId: 'research', ownerId: 'u-001', sizeGB: 14000, growthGBPerDay: 0, fromMonth: 0, staleFromMonth: 3 },
  { id: 'vol-speech-old-ckpt', name: 'speech-old-checkpoints', sku: 'storage-ssd', region: 'eu-west-1', projectId: 'speech', ownerId: 'u-019', sizeGB: 8000, growthGBPerDay: 0, fromMonth: 0, staleFromMonth: 6 },
];

export interface FlowSpec {
  id: string;
  name: string;
  sku: 'egress-internet' | 'transfer-cross-region';
  region: Region;
  projectId: string;
  ownerId: string;
  /** GB per hour at the start of the history, at the daily mean. */
  baseGBPerHour: number;
  growth: number;
}

export const FLOWS: FlowSpec[] = [
  { id: 'egress-us-east-1-product', name: 'Internet egress us-east-1 (Product AI)', sku: 'egress-internet', region: 'us-east-1', projectId: 'product-ai', ownerId: 'u-010', baseGBPerHour: 95, growth: 0.05 },
  { id: 'egress-us-west-2-vision', name: 'Internet egress us-west-2 (Computer Vision)', sku: 'egress-internet', region: 'us-west-2', projectId: 'vision', ownerId: 'u-015', baseGBPerHour: 25, growth: 0.03 },
  { id: 'egress-eu-west-1-speech', name: 'Internet egress eu-west-1 (Speech & Audio)', sku: 'egress-internet', region: 'eu-west-1', projectId: 'speech', ownerId: 'u-019', baseGBPerHour: 30, growth: 0.04 },
  { id: 'egress-eu-west-1-data', name: 'Internet egress eu-west-1 (Data Engineering)', sku: 'egress-internet', region: 'eu-west-1', projectId: 'data-eng', ownerId: 'u-022', baseGBPerHour: 18, growth: 0.04 },
  { id: 'egress-us-east-1-platform', name: 'Internet egress us-east-1 (ML Platform)', sku: 'egress-internet', region: 'us-east-1', projectId: 'ml-platform', ownerId: 'u-006', baseGBPerHour: 12, growth: 0.06 },
  // Planted: a dataset sync copying the same data across the Atlantic every hour.
  { id: 'xfer-us-east-1-eu-west-1', name: 'Cross-region us-east-1 → eu-west-1 (dataset sync)', sku: 'transfer-cross-region', region: 'us-east-1', projectId: 'research', ownerId: 'u-005', baseGBPerHour: 420, growth: 0.02 },
  { id: 'xfer-us-west-2-us-east-1', name: 'Cross-region us-west-2 → us-east-1', sku: 'transfer-cross-region', region: 'us-west-2', projectId: 'vision', ownerId: 'u-017', baseGBPerHour: 40, growth: 0.02 },
];

/** Training models launched by each team, and how many jobs a week they start. */
export interface TrainingTeam {
  projectId: string;
  jobsPerWeek: number;
  models: string[];
  region: Region;
}

export const TRAINING_TEAMS: TrainingTeam[] = [
  { projectId: 'research', jobsPerWeek: 2.2, models: ['llama-3-70b LoRA', 'mixtral-8x7b fine-tune', 'vit-h pretrain'], region: 'us-east-1' },
  { projectId: 'ml-platform', jobsPerWeek: 0.8, models: ['reranker distill', 'embedding-v4 train'], region: 'us-east-1' },
  { projectId: 'product-ai', jobsPerWeek: 1.2, models: ['sdxl brand LoRA', 'llama-3-8b chat SFT'], region: 'us-east-1' },
  { projectId: 'vision', jobsPerWeek: 1.0, models: ['detector-v7', 'segmenter-xl'], region: 'us-west-2' },
  { projectId: 'speech', jobsPerWeek: 0.6, models: ['whisper-large fine-tune', 'tts-voice clone'], region: 'eu-west-1' },
];

/** Spikes, in days from the start of the history (negative: from the start of the current month). */
export interface SpikeSpec {
  match: (resourceId: string, resourceType: ResourceType) => boolean;
  /** Start, as months + days from the start of the history. */
  month: number;
  day: number;
  days: number;
  factor: number;
  label: string;
}

export const SPIKES: SpikeSpec[] = [
  { label: 'Product launch', match: (id, t) => t === 'ai-services' && id === 'text-to-image', month: 4, day: 14, days: 3, factor: 2.6 },
  { label: 'Open dataset release', match: (id) => id === 'egress-us-east-1-product', month: 8, day: 2, days: 2, factor: 4 },
  { label: 'Runaway autoscaling', match: (id) => id === 'cluster-gpu-a100-001', month: 6, day: 20, days: 2, factor: 2 },
  // Ten days from the 10th of the twelfth month: an unusual week in the most recent data.
  { label: 'Holiday campaign', match: (id, t) => t === 'ai-services' && (id === 'text-to-image' || id === 'llm'), month: 12, day: 9, days: 10, factor: 2.4 },
];
