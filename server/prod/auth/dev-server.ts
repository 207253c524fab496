/**
 * The Vite dev and preview servers have no sign-in: this plugin answers
 * `/auth/me` as the production server does with AUTH_MODE=none (an
 * anonymous administrator), and `/audit/*` with a 404 saying where the
 * activity log lives.
 */
import type { Connect, Plugin } from 'vite';

const ME = JSON.stringify({ user: { id: 'anonymous', name: 'Anonymous', email: null }, role: 'admin', teams: [], mode: 'none' });
const NO_AUDIT = JSON.stringify({
  error: { code: 'not_found', message: 'The activity log is kept by the production server (npm run build && npm run serve); the development server has none.' },
});

const middleware: Connect.NextHandleFunction = (req, res, next) => {
  const path = (req.url ?? '').split('?')[0]!;
  if (path !== '/auth/me' && !path.startsWith('/audit/')) return next();
  const body = path === '/auth/me' ? ME : NO_AUDIT;
  res.writeHead(path === '/auth/me' ? 200 : 404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
};

export function devSessionPlugin(): Plugin {
  return {
    name: 'tensorone-dev-session',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
