#!/usr/bin/env node
/**
 * Bundle budget: the JavaScript a first visit downloads before anything is
 * drawn (the entry script of dist/index.html and every module it preloads)
 * must stay within the budget, gzip-compressed. Run after `vite build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB || 150);
const dist = join(process.cwd(), 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((m) => m[1]);
if (files.length === 0) {
  console.error('check-bundle: no module scripts found in dist/index.html');
  process.exit(1);
}
let total = 0;
for (const file of new Set(files)) {
  const bytes = gzipSync(readFileSync(join(dist, file.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`  ${file}  ${(bytes / 1024).toFixed(1)} kB gzip`);
}
const kb = total / 1024;
console.log(`Initial JS: ${kb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (kb > BUDGET_KB) {
  console.error(`check-bundle: initial JS is over budget by ${(kb - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
