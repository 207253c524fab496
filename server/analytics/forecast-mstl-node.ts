/**
 * The MSTL peer on the server and in the benchmark: forecast-mstl.ts with
 * its WebAssembly module loaded once, synchronously, from node_modules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync } from '@bsull/augurs/mstl';
import type { PeerForecaster } from './forecast-fit-daily.ts';
import { mstlDaily as mstlDailyReady, type MstlDaily } from './forecast-mstl.ts';

export { mstlPeriod, mstlPeriods, type MstlDaily } from './forecast-mstl.ts';

let ready = false;

/** Loads the WebAssembly module once. */
export function initMstl(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@bsull/augurs/mstl');
  initSync({ module: readFileSync(entry.replace(/mstl\.js$/, 'mstl_bg.wasm')) });
  ready = true;
}

/** mstlDaily of forecast-mstl.ts, the module loaded first. */
export function mstlDaily(values: ArrayLike<number>, horizon: number, levels: number[]): MstlDaily {
  initMstl();
  return mstlDailyReady(values, horizon, levels);
}

/** The library as the model's peer (see fitSeries): its daily point forecast. */
export const mstlPeer: PeerForecaster = (history, horizon) => mstlDaily(history, horizon, []).point;
