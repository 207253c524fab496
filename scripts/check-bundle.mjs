#!/usr/bin/env node
/**
 * Bundle budget: the JavaScript a first visit to each page downloads before
 * anything is drawn — the entry script of dist/index.html, the page's chunk and
 * every module they import statically (lazy chunks such as the charts and the
 * tables are left out; see initial-js.mjs) — must stay within the budget on
 * every route of src/app/routes.tsx, gzip-compressed (1 kB = 1,000 bytes).
 * Prints one line per route. Run after `vite build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialJs, routePageChunks } from './initial-js.mjs';

// The budget is the target, 150 kB; BUNDLE_BUDGET_KB overrides it.
const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB || 150);
const TARGET_KB = 150;

const dist = join(process.cwd(), 'dist');
let rows;
try {
  const routes = routePageChunks(readFileSync(join(process.cwd(), 'src/app/routes.tsx'), 'utf8'));
  if (routes.length === 0) throw new Error('found no lazily loaded page in src/app/routes.tsx');
  rows = routes.map(({ route, chunk }) => ({ route, chunk, kb: initialJs(dist, chunk).gzip / 1000 }));
} catch (err) {
  console.error(`check-bundle: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const routeWidth = Math.max(5, ...rows.map((r) => r.route.length));
const chunkWidth = Math.max(10, ...rows.map((r) => r.chunk.length));
console.log(`Initial JS per page, kB gzip (budget ${BUDGET_KB} kB, target ${TARGET_KB} kB; charts and tables load lazily after it)`);
console.log(`  ${'Route'.padEnd(routeWidth)}  ${'Page chunk'.padEnd(chunkWidth)}  ${'kB gzip'.padStart(7)}  Budget`);
for (const { route, chunk, kb } of rows) {
  console.log(`  ${route.padEnd(routeWidth)}  ${chunk.padEnd(chunkWidth)}  ${kb.toFixed(1).padStart(7)}  ${kb <= BUDGET_KB ? 'within' : `over by ${(kb - BUDGET_KB).toFixed(1)} kB`}`);
}
const over = rows.filter((r) => r.kb > BUDGET_KB);
const largest = rows.reduce((a, r) => (r.kb > a.kb ? r : a));
console.log(`Largest: ${largest.route} at ${largest.kb.toFixed(1)} kB gzip (target ${TARGET_KB} kB: ${largest.kb <= TARGET_KB ? 'met' : 'not met'})`);
if (over.length > 0) {
  console.error(`check-bundle: ${over.length} page${over.length === 1 ? '' : 's'} over budget: ${over.map((r) => r.route).join(', ')}`);
  process.exit(1);
}
