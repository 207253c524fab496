import type { Database } from '../db/database.ts';

export interface Names {
  resource: Map<string, string>;
  project: Map<string, string>;
  user: Map<string, string>;
  service: Map<string, string>;
}

const cache = new WeakMap<Database, { filledTo: number; names: Promise<Names> }>();

/** Display names of resources, projects, users and services (cached until the data grows). */
export function loadNames(db: Database): Promise<Names> {
  const hit = cache.get(db);
  if (hit && hit.filledTo === db.filledTo) return hit.names;
  const names = (async () => {
    const pairs = (sql: string) => db.all<{ k: string; v: string }>(sql).then((rs) => new Map(rs.map((r) => [r.k, r.v])));
    const [resource, project, user, service] = await Promise.all([
      pairs('SELECT resource_id AS k, name AS v FROM resources'),
      pairs('SELECT project_id AS k, name AS v FROM projects'),
      pairs('SELECT user_id AS k, name AS v FROM users'),
      pairs('SELECT sku AS k, description AS v FROM prices'),
    ]);
    return { resource, project, user, service };
  })();
  cache.set(db, { filledTo: db.filledTo, names });
  names.catch(() => cache.delete(db));
  return names;
}
