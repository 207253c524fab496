/**
 * Building the app and running the production server as a child process, for
 * the benchmarks (bench/load.ts, bench/web.ts) and the build smoke test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `vite build` into `outDir` (a fresh folder, so a running server's dist/ is left alone). */
export function viteBuild(outDir: string): Promise<void> {
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${stderr}`))));
  });
}

export interface ProdServer {
  url: string;
  child: ChildProcess;
  /** Spawn → /healthz 200, in ms. */
  startMs: number;
  stop: () => Promise<void>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts `node --import tsx server/serve.ts` with `env` on top of the current
 * environment (TENSORONE_API_URL cleared unless given, so it runs the
 * sandbox), and waits for /healthz.
 */
export async function startProdServer(
  port: number,
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<ProdServer> {
  const url = `http://127.0.0.1:${port}`;
  if (await healthy(url)) throw new Error(`port ${port} is already in use; set BENCH_PORT`);
  const started = performance.now();
  // The audit file beside the sandbox's, or in a folder of its own (proxy mode), so a spawned
  // server never shares one with a running `npm run serve` (an embedded file has one writer).
  const auditDir = env.AUDIT_DB || env.SANDBOX_DB ? undefined : mkdtempSync(path.join(tmpdir(), 'prod-audit-'));
  const auditDb = env.AUDIT_DB ?? (env.SANDBOX_DB ? path.join(path.dirname(env.SANDBOX_DB), 'audit.duckdb') : path.join(auditDir!, 'audit.duckdb'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TENSORONE_API_URL: '',
      TENSORONE_API_KEY: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
      AUDIT_DB: auditDb,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  const removeAuditDir = () => auditDir && rmSync(auditDir, { recursive: true, force: true });
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return void removeAuditDir();
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 5_000);
    await done;
    clearTimeout(timer);
    removeAuditDir();
  };
  while (performance.now() - started < timeoutMs) {
    if (exited) {
      removeAuditDir();
      throw new Error(`the production server exited before it was healthy (${exited})`);
    }
    if (await healthy(url)) return { url, child, startMs: performance.now() - started, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the production server was not healthy within ${timeoutMs / 1000} s`);
}
