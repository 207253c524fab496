/**
 * The built app (`dist/`), read into memory at start-up with its br and gzip
 * variants compressed once at the highest level.
 *
 * - `/assets/*` (content-hashed by Vite): `public, max-age=31536000, immutable`.
 * - `index.html` and the other unhashed files (`/theme-init.js`, …): `no-cache`,
 *   revalidated with their ETag.
 * - Deep links (a GET/HEAD that is not a file, has no file extension and
 *   accepts text/html) get index.html, so the router can show the page.
 * - Anything else missing, `/assets/…` included, is a 404.
 *
 * Restart the server after a new build: the files are read once.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { weakEtag } from './http-cache.ts';
import { precompress, representation, send, type Representation } from './representation.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export interface Dist {
  dir: string;
  /** URL path (`/assets/index-abc.js`) → file. */
  files: Map<string, Representation>;
  index: Representation;
  bytes: number;
}

async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await walk(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Reads a built app into memory. Throws if it has no index.html. */
export async function loadDist(dir: string): Promise<Dist> {
  let paths: string[];
  try {
    paths = await walk(dir);
  } catch {
    throw new Error(`No built app at ${dir}: run \`npm run build\` first (or set DIST_DIR)`);
  }
  if (!paths.includes('/index.html'))
    throw new Error(`${dir} has no index.html: run \`npm run build\` first (or set DIST_DIR)`);
  const files = new Map<string, Representation>();
  let bytes = 0;
  await Promise.all(
    paths.map(async (urlPath) => {
      const body = await readFile(path.join(dir, ...urlPath.split('/')));
      bytes += body.byteLength;
      const type = TYPES[path.extname(urlPath).toLowerCase()] ?? 'application/octet-stream';
      const cacheControl = urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
      const rep = representation(200, { 'Content-Type': type, 'Cache-Control': cacheControl }, body, weakEtag(body));
      await precompress(rep);
      files.set(urlPath, rep);
    }),
  );
  return { dir, files, index: files.get('/index.html')!, bytes };
}

const NOT_FOUND_TEXT = new TextEncoder().encode('Not found\n');

function notFound(): Response {
  return new Response(NOT_FOUND_TEXT, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}

/** Whether a request is a browser navigation to an app route (deep link) rather than a file. */
function isDeepLink(pathname: string, req: Request): boolean {
  if (pathname.startsWith('/assets/')) return false;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  if (last.includes('.')) return false;
  return (req.headers.get('accept') ?? '').includes('text/html');
}

/** Answers a GET/HEAD for a static file, index.html for deep links, or 404. */
export async function serveStatic(dist: Dist, req: Request): Promise<Response> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url).pathname);
  } catch {
    return notFound();
  }
  const file = pathname === '/' ? dist.index : dist.files.get(pathname);
  if (file) return send(file, req, 'max');
  if (isDeepLink(pathname, req)) return send(dist.index, req, 'max');
  return notFound();
}
