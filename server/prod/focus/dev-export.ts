/**
 * `GET /exports/focus.csv` on the Vite dev and preview servers (`npm start`,
 * `npm run preview`), which have no sign-in: the same export as the production
 * server's, asking the API the dev proxy forwards to, with its key.
 */
import { Readable } from 'node:stream';
import type { Connect, Plugin } from 'vite';
import { focusExport } from './focus-export.ts';
import { DEFAULT_FOCUS_ACCOUNT } from './focus-rows.ts';

export function devFocusExportPlugin(target: string, key: string): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://dev');
    if (url.pathname !== '/exports/focus.csv' || req.method !== 'GET') return next();
    const base = target.replace(/\/+$/, '');
    focusExport(url, (search) => fetch(`${base}/v2/billing/usage?${search}`, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } }), {
      account: DEFAULT_FOCUS_ACCOUNT,
    })
      .then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        if (!answer.body) return void res.end();
        Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream).on('error', () => res.destroy()).pipe(res);
      })
      .catch((err: unknown) => next(err));
  };
  return {
    name: 'tensorone-dev-focus-export',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
