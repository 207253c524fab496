#!/usr/bin/env node
/**
 * `npm start`: the sandbox billing API and the dashboard's dev server, together.
 *
 * - Starts the sandbox (`node --import tsx server/index.ts`) and waits for
 *   GET /healthz. Its first start creates and fills the database, which takes
 *   a while; later starts reuse it.
 * - Then starts the Vite dev server, which proxies /v2 to the API and adds the key.
 * - With TENSORONE_API_URL set, no sandbox is started: the dashboard talks to that API.
 * - Ctrl-C (SIGINT) or SIGTERM is passed on to both; if either exits, the other
 *   is stopped and this script exits too.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const realApi = env.TENSORONE_API_URL?.trim() || '';
const apiPort = Number(env.PORT || 8787);
const webPort = Number(env.WEB_PORT || 5173);
const sandboxUrl = `http://127.0.0.1:${apiPort}`;
const dashboardUrl = `http://127.0.0.1:${webPort}/`;
const HEALTH_TIMEOUT_MS = 180_000;

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;

function log(message) {
  console.log(`[start] ${message}`);
}

function run(name, args) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) {
      if (children.size === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    log(`${name} exited (${signal ?? `code ${code}`}); stopping.`);
    shutdown('SIGTERM', code === 0 ? 1 : (code ?? 1));
  });
  child.on('error', (err) => {
    log(`${name} could not start: ${err.message}`);
    shutdown('SIGTERM', 1);
  });
  return child;
}

function shutdown(signal, exitCode) {
  if (!stopping) {
    stopping = true;
    process.exitCode = exitCode;
  }
  if (children.size === 0) process.exit(process.exitCode ?? exitCode);
  for (const child of children.values()) {
    if (child.pid !== undefined && child.exitCode === null) child.kill(signal);
  }
  // A child that ignores the signal is killed after a grace period.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(process.exitCode ?? exitCode);
  }, 10_000).unref();
}

process.on('SIGINT', () => shutdown('SIGINT', 130));
process.on('SIGTERM', () => shutdown('SIGTERM', 143));

/** Whether nothing listens on 127.0.0.1:port yet. */
function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function requireFreePort(port, what, variable) {
  if (await portIsFree(port)) return;
  log(`port ${port} (${what}) is already in use: stop whatever uses it, or set ${variable} to another port.`);
  process.exit(1);
}

async function isUp(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitFor(url, name, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let nextNote = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (stopping || !children.has(name)) return false;
    if (await isUp(url)) return true;
    if (Date.now() >= nextNote) {
      log(`waiting for ${name} at ${url} …`);
      nextNote = Date.now() + 10_000;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function viteBin() {
  const require = createRequire(path.join(root, 'package.json'));
  return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

async function main() {
  await requireFreePort(webPort, 'dashboard', 'WEB_PORT');
  if (realApi) {
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@|[?#]/i.test(realApi)) {
      // never printed: it holds a secret
      log('TENSORONE_API_URL must not carry credentials (user:password@, or a query string such as ?token=…): put the key in TENSORONE_API_KEY.');
      process.exit(1);
    }
    log(`TENSORONE_API_URL is set: using ${realApi}, no sandbox started.`);
    if (!env.TENSORONE_API_KEY) log('warning: TENSORONE_API_KEY is not set; the API will likely answer 401.');
  } else {
    await requireFreePort(apiPort, 'sandbox API', 'PORT');
    log(`starting the sandbox API on ${sandboxUrl} (the first start fills the database, allow a minute or two) …`);
    const started = Date.now();
    run('sandbox', ['--import', 'tsx', 'server/index.ts']);
    if (!(await waitFor(`${sandboxUrl}/healthz`, 'sandbox', HEALTH_TIMEOUT_MS))) {
      if (!stopping) {
        log(`the sandbox did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s.`);
        shutdown('SIGTERM', 1);
      }
      return;
    }
    log(`sandbox ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }

  run('dashboard', [viteBin()]);
  if (await waitFor(dashboardUrl, 'dashboard', 60_000)) {
    const api = realApi || `${sandboxUrl} (sandbox)`;
    console.log(`\n  Dashboard: ${dashboardUrl}\n  API:       ${api}\n  Press Ctrl-C to stop.\n`);
  } else if (!stopping) {
    log(`the dashboard did not answer on ${dashboardUrl} within 60 s.`);
    shutdown('SIGTERM', 1);
  }
}

main().catch((err) => {
  console.error(err);
  shutdown('SIGTERM', 1);
});
