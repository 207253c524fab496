/**
 * The sandbox organisation at a given scale (SANDBOX_SCALE). Scale 1 is the
 * catalog exactly as written (catalog.ts). Scale n adds n − 1 business units,
 * each a copy of the six teams with their people, clusters, endpoints,
 * training, AI traffic, volumes and flows, under its own name ("Atlas
 * Research") and drawn larger or smaller, later or earlier, from a hash of the
 * unit: the same mix of workloads and planted waste, n times over.
 */
import {
  AI_STREAMS,
  CLUSTERS,
  ENDPOINTS,
  FLOWS,
  PROJECTS,
  TRAINING_TEAMS,
  USERS,
  VOLUMES,
  type AiStreamSpec,
  type ClusterSpec,
  type EndpointSpec,
  type FlowSpec,
  type Project,
  type TrainingTeam,
  type User,
  type VolumeSpec,
} from './catalog.ts';
import { hashUnit } from './hash.ts';

export const MAX_SCALE = 50;

export interface Organisation {
  scale: number;
  projects: Project[];
  users: User[];
  clusters: ClusterSpec[];
  endpoints: EndpointSpec[];
  aiStreams: AiStreamSpec[];
  volumes: VolumeSpec[];
  flows: FlowSpec[];
  trainingTeams: TrainingTeam[];
  /** Users of a project, in catalog order. */
  membersOf: (projectId: string) => User[];
}

/** Business-unit names of the copies, in order (unit 1 is "Atlas"). */
const UNITS = [
  'Atlas', 'Borealis', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Halcyon', 'Iris', 'Juniper',
  'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Onyx', 'Polaris', 'Quartz', 'Raven', 'Sierra', 'Tundra',
  'Umbra', 'Vertex', 'Willow', 'Xenon', 'Yarrow', 'Zephyr', 'Aurora', 'Basalt', 'Cedar', 'Dune',
  'Echo', 'Falcon', 'Glacier', 'Harbor', 'Indigo', 'Jasper', 'Krypton', 'Lotus', 'Mistral', 'Nova',
  'Orchid', 'Pinnacle', 'Quill', 'Rowan', 'Saffron', 'Talon', 'Unity', 'Vireo', 'Wren',
];

const FIRST = [
  'Aiko', 'Bruno', 'Carmen', 'Dmitri', 'Esther', 'Felix', 'Gabriela', 'Hiro', 'Ines', 'Jonas',
  'Keira', 'Leon', 'Maya', 'Nikolai', 'Olivia', 'Pedro', 'Rania', 'Stefan', 'Tara', 'Umar',
  'Vera', 'William', 'Ximena', 'Yusuf', 'Zara', 'Aditya', 'Beatriz', 'Caleb', 'Dalia', 'Emil',
  'Freya', 'Goran', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena', 'Marco', 'Nadia', 'Oscar',
];
const LAST = [
  'Abara', 'Berg', 'Castillo', 'Dubois', 'Eriksen', 'Ferreira', 'Gupta', 'Horvat', 'Ibrahim', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Olsen', 'Park', 'Quinn', 'Rahman', 'Sato', 'Torres',
  'Uddin', 'Varga', 'Wójcik', 'Xu', 'Yilmaz', 'Zhou', 'Achebe', 'Bianchi', 'Chen', 'Demir',
  'Esposito', 'Fontaine', 'García', 'Hughes', 'Iyer', 'Jovanović', 'Keller', 'Lopez', 'Murphy', 'Nowak',
];

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

const userId = (n: number) => `u-${String(n).padStart(3, '0')}`;

function withMembers(o: Omit<Organisation, 'membersOf'>): Organisation {
  const byProject = new Map<string, User[]>();
  for (const u of o.users) {
    const list = byProject.get(u.projectId) ?? [];
    list.push(u);
    byProject.set(u.projectId, list);
  }
  return { ...o, membersOf: (id) => byProject.get(id) ?? [] };
}

/** The organisation as catalog.ts writes it. */
export const BASE_ORGANISATION: Organisation = withMembers({
  scale: 1,
  projects: PROJECTS,
  users: USERS,
  clusters: CLUSTERS,
  endpoints: ENDPOINTS,
  aiStreams: AI_STREAMS,
  volumes: VOLUMES,
  flows: FLOWS,
  trainingTeams: TRAINING_TEAMS,
});

/** One business unit's copy of the base organisation. */
class Unit {
  readonly name: string;
  readonly key: string;
  /** How large the unit's workloads are against the base (0.5 to 1.6). */
  readonly size: number;
  /** Months after the base's resources that the unit's start. */
  readonly lag: number;

  constructor(readonly index: number) {
    const word = UNITS[(index - 1) % UNITS.length]!;
    this.name = index <= UNITS.length ? word : `${word} ${Math.ceil(index / UNITS.length)}`;
    this.key = slug(this.name).replaceAll('.', '-');
    this.size = 0.5 + 1.1 * this.draw(1);
    this.lag = Math.floor(this.draw(2) * 4);
  }

  /** A number in [0, 1) fixed by the unit, a salt and optional parts. */
  draw(salt: number, ...parts: number[]): number {
    return hashUnit(9001, this.index, salt, ...parts);
  }

  project = (id: string) => `${this.key}-${id}`;
  user = (id: string) => userId(Number(id.slice(2)) + this.index * USERS.length);
  from = (month: number) => Math.min(11, month + this.lag);
  /** Planted waste is kept in about half the units. */
  keepsWaste = (k: number) => this.draw(3, k) < 0.5;
  scaled = (x: number, digits = 0) => Number((x * this.size).toFixed(digits));
}

/** The power of two nearest to x (GPU counts come in 1, 2, 4, 8, 16). */
function gpuCount(x: number): number {
  return 2 ** Math.max(0, Math.min(4, Math.round(Math.log2(Math.max(1, x)))));
}

/** Cluster ids number on from the base's: the base has three H100s, so Atlas's are H100-004…006. */
function clusterId(base: ClusterSpec, unit: number): { id: string; name: string } {
  const m = /^(cluster-gpu-[a-z0-9]+)-(\d+)$/.exec(base.id)!;
  const prefix = m[1]!;
  const same = CLUSTERS.filter((c) => c.id.startsWith(`${prefix}-`)).length;
  const n = String(Number(m[2]) + unit * same).padStart(3, '0');
  return { id: `${prefix}-${n}`, name: `${base.name.replace(/-\d+$/, '')}-${n}` };
}

function unitOrganisation(u: Unit): Omit<Organisation, 'scale' | 'membersOf' | 'trainingTeams'> & { trainingTeams: TrainingTeam[] } {
  const projects = PROJECTS.map((p) => ({ id: u.project(p.id), name: `${u.name} ${p.name}` }));
  const users = USERS.map((base, i) => {
    const k = u.index * USERS.length + i;
    // (k mod 40, (k div 40 + 7k) mod 40) is one-to-one for k < 1,600: every name differs, and a team's differ in both parts.
    const name = `${FIRST[k % FIRST.length]} ${LAST[(Math.floor(k / FIRST.length) + 7 * k) % LAST.length]}`;
    return { id: u.user(base.id), name, email: `${slug(name)}@example.com`, projectId: u.project(base.projectId) };
  });
  const clusters = CLUSTERS.map((c, k): ClusterSpec => {
    const gpus = gpuCount(c.gpus * u.size);
    const out: ClusterSpec = {
      ...clusterId(c, u.index),
      sku: c.sku,
      region: c.region,
      projectId: u.project(c.projectId),
      ownerId: u.user(c.ownerId),
      gpus,
      fromMonth: u.from(c.fromMonth),
      util: Number((c.util + 0.1 * (u.draw(4, k) - 0.5)).toFixed(2)),
      utilSwing: c.utilSwing,
    };
    if (c.minGpus !== undefined) out.minGpus = Math.max(1, Math.round((c.minGpus * gpus) / c.gpus));
    if (c.idleFromMonth !== undefined && u.keepsWaste(k)) out.idleFromMonth = Math.max(out.fromMonth + 2, c.idleFromMonth);
    // The oversized cluster is only oversized where the unit keeps its waste.
    if (c.util < 0.3 && !u.keepsWaste(k)) out.util = 0.7;
    return out;
  });
  const endpoints = ENDPOINTS.map((e, k): EndpointSpec => {
    const wasteful = e.minWorkers > 1;
    const minWorkers = wasteful && !u.keepsWaste(100 + k) ? 1 : e.minWorkers;
    return {
      ...e,
      id: `ep-${u.key}-${e.id.slice(3)}`,
      name: e.name.replace(/^Endpoint /, `Endpoint ${u.key}-`),
      projectId: u.project(e.projectId),
      ownerId: u.user(e.ownerId),
      minWorkers,
      baseConcurrency: u.scaled(e.baseConcurrency, 2),
      fromMonth: u.from(e.fromMonth),
    };
  });
  const aiStreams = AI_STREAMS.map((s) => ({ ...s, projectId: u.project(s.projectId), basePerHour: u.scaled(s.basePerHour) }));
  const volumes = VOLUMES.map((v, k): VolumeSpec => {
    const out: VolumeSpec = {
      ...v,
      id: `vol-${u.key}-${v.id.slice(4)}`,
      name: `${u.key}-${v.name}`,
      projectId: u.project(v.projectId),
      ownerId: u.user(v.ownerId),
      sizeGB: u.scaled(v.sizeGB),
      growthGBPerDay: u.scaled(v.growthGBPerDay),
      fromMonth: u.from(v.fromMonth),
    };
    if (v.staleFromMonth !== undefined) {
      if (u.keepsWaste(200 + k)) out.staleFromMonth = Math.max(out.fromMonth + 1, v.staleFromMonth);
      else delete out.staleFromMonth;
    }
    return out;
  });
  const flows = FLOWS.map((f, k): FlowSpec => {
    const sync = f.id === 'xfer-us-east-1-eu-west-1';
    const team = PROJECTS.find((p) => p.id === f.projectId)!.name;
    return {
      ...f,
      id: f.id.startsWith('xfer-') ? `xfer-${u.key}-${f.id.slice(5)}` : `${f.id.replace(/-[a-z]+$/, '')}-${u.project(f.projectId)}`,
      name: f.name.replace(`(${team})`, `(${u.name} ${team})`).replace('(dataset sync)', `(${u.name} dataset sync)`),
      projectId: u.project(f.projectId),
      ownerId: u.user(f.ownerId),
      // A unit without the planted sync copies a tenth as much.
      baseGBPerHour: u.scaled(sync && !u.keepsWaste(300 + k) ? f.baseGBPerHour / 10 : f.baseGBPerHour, 1),
    };
  });
  const trainingTeams = TRAINING_TEAMS.map((t) => ({
    ...t,
    projectId: u.project(t.projectId),
    jobsPerWeek: u.scaled(t.jobsPerWeek, 2),
  }));
  return { projects, users, clusters, endpoints, aiStreams, volumes, flows, trainingTeams };
}

const cache = new Map<number, Organisation>([[1, BASE_ORGANISATION]]);

/** The organisation at `scale` (an integer from 1 to MAX_SCALE). */
export function organisation(scale: number): Organisation {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE)
    throw new RangeError(`scale must be a whole number from 1 to ${MAX_SCALE}, not ${scale}`);
  const known = cache.get(scale);
  if (known) return known;
  const parts = [BASE_ORGANISATION, ...Array.from({ length: scale - 1 }, (_, i) => unitOrganisation(new Unit(i + 1)))];
  const org = withMembers({
    scale,
    projects: parts.flatMap((p) => p.projects),
    users: parts.flatMap((p) => p.users),
    clusters: parts.flatMap((p) => p.clusters),
    endpoints: parts.flatMap((p) => p.endpoints),
    aiStreams: parts.flatMap((p) => p.aiStreams),
    volumes: parts.flatMap((p) => p.volumes),
    flows: parts.flatMap((p) => p.flows),
    trainingTeams: parts.flatMap((p) => p.trainingTeams),
  });
  cache.set(scale, org);
  return org;
}
