import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { SANDBOX_DEFAULT_API_KEY, SANDBOX_DEFAULT_PORT } from './server/defaults.ts';
import { devSessionPlugin } from './server/prod/auth/dev-server.ts';
import { devFocusExportPlugin } from './server/prod/focus/dev-export.ts';

/**
 * The browser only ever calls same-origin `/v2/...`. This proxy forwards those
 * calls to TENSORONE_API_URL (the sandbox by default) and adds the API key on
 * the server side, so the key never reaches the bundle.
 */
function apiTarget(env: Record<string, string>): { target: string; key: string } {
  return {
    target: env.TENSORONE_API_URL || `http://127.0.0.1:${env.PORT || SANDBOX_DEFAULT_PORT}`,
    key: env.TENSORONE_API_KEY || env.SANDBOX_API_KEY || SANDBOX_DEFAULT_API_KEY,
  };
}

function apiProxy(env: Record<string, string>): Record<string, ProxyOptions> {
  const { target, key } = apiTarget(env);
  return {
    '/v2': {
      target,
      changeOrigin: true,
      secure: true,
      configure: (proxy) => {
        proxy.on('proxyReq', (req) => {
          req.removeHeader('cookie');
          req.setHeader('Authorization', `Bearer ${key}`);
        });
      },
    },
  };
}

/** Changes when the contract does (any file of src/contract/): the persisted query cache of an older contract is then discarded. */
function contractHash(): string {
  const dir = new URL('./src/contract/', import.meta.url);
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort())
    hash.update(file).update(readFileSync(new URL(file, dir)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * React Router's package exports only its development build (dev-only checks and
 * warnings included); the production build it ships beside it is the same API,
 * about 2 kB gzip smaller on the first load.
 */
const reactRouterProduction = [
  { find: /^react-router$/, replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)) },
  { find: /^react-router\/dom$/, replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/dom-export.mjs', import.meta.url)) },
];

export default defineConfig(({ mode, command }) => {
  // '' prefix: read every variable, but nothing here is exposed to the client
  // (only VITE_-prefixed variables are, and none is used).
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env } as Record<string, string>;
  const proxy = apiProxy(env);
  return {
    plugins: [react(), tailwindcss(), devSessionPlugin(), devFocusExportPlugin(apiTarget(env).target, apiTarget(env).key)],
    define: { 'import.meta.env.VITE_CONTRACT_HASH': JSON.stringify(contractHash()) },
    server: { host: '127.0.0.1', port: Number(env.WEB_PORT || 5173), strictPort: true, proxy },
    preview: { host: '127.0.0.1', port: Number(env.WEB_PORT || 4173), strictPort: true, proxy },
    resolve: command === 'build' ? { alias: reactRouterProduction } : {},
    // the forecast worker's MSTL library finds its WebAssembly beside its module (new URL(…, import.meta.url))
    optimizeDeps: { exclude: ['@bsull/augurs'] },
    build: {
      target: 'es2022',
      sourcemap: false,
      // Modules on the first load of many pages get chunks of their own instead of being scattered
      // over small shared chunks, each compressed alone, now that charts and tables are split off
      // (about 1.5 kB gzip per page): the filter schema, the calendar, the API client and clock;
      // and the budgets' month-end outlook, on the first load of Budgets and Forecast alike.
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              {
                name: 'first-load',
                test: /src[\\/](url-state[\\/]filter-schema|lib[\\/]period|api[\\/](client|usage|api-clock)|components[\\/]states[\\/]skeleton)\.tsx?$/,
              },
              { name: 'budget-outlook', test: /src[\\/](api[\\/](breach-outlook|budget-status)|lib[\\/]breach-text)\.ts$/ },
            ],
          },
        },
      },
    },
  };
});
