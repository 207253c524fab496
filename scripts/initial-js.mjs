/**
 * The JavaScript a first visit to a route downloads before anything is drawn:
 * the entry script of dist/index.html, the route's page chunk and every chunk
 * they import statically. Lazy chunks (the charts, the tables, the budget
 * editor's form code) are left out: they load after the page has painted.
 * Used by scripts/check-bundle.mjs and bench/web.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A chunk and everything it imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function closure(assets, start, seen = new Set()) {
  if (seen.has(start)) return seen;
  seen.add(start);
  const code = readFileSync(join(assets, start), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) closure(assets, m[1], seen);
  return seen;
}

/**
 * @param {string} distDir the build output (with index.html and assets/)
 * @param {string} pageChunk the page chunk's name before its hash, e.g. "overview-page"
 * @returns {{ files: Array<{ file: string, gzip: number }>, gzip: number }} gzip bytes (level 9) per file and in all
 */
export function initialJs(distDir, pageChunk) {
  const assets = join(distDir, 'assets');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/assets\/([^"]+)"/g)].map((m) => m[1]);
  const page = readdirSync(assets).find((f) => f.startsWith(`${pageChunk}-`) && f.endsWith('.js'));
  if (entry.length === 0 || !page) throw new Error(`could not find the entry script or the ${pageChunk} chunk in ${distDir}`);
  const names = new Set();
  for (const f of [...entry, page]) for (const c of closure(assets, f)) names.add(c);
  const files = [...names].map((file) => ({ file, gzip: gzipSync(readFileSync(join(assets, file)), { level: 9 }).length }));
  return { files, gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

/**
 * The routes of src/app/routes.tsx that load a page chunk, in their order:
 * `{ index: true, ...page(() => import('../features/overview/overview-page')) }`
 * is route "/" with chunk "overview-page"; `{ path: 'teams/:teamId', ... }` is "/teams/:teamId".
 * A route whose chunk repeats (the budget editor's new and edit routes) is listed once.
 * @param {string} source the text of src/app/routes.tsx
 * @returns {Array<{ route: string, chunk: string }>}
 */
export function routePageChunks(source) {
  const seen = new Set();
  const out = [];
  const re = /\{\s*(?:index:\s*true|path:\s*'([^']*)')\s*,\s*\.\.\.page\(\(\)\s*=>\s*import\('[^']*\/([^'/]+)'\)\)/g;
  for (const m of source.matchAll(re)) {
    const chunk = m[2];
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    out.push({ route: m[1] === undefined ? '/' : `/${m[1]}`, chunk });
  }
  return out;
}
