/**
 * Runs the breach simulation (server/analytics/forecast-breach.ts) off the
 * page's thread: one message in (the simulateMonth input), one out (the
 * month's paths, their buffer transferred). The forecast combines the model
 * with the MSTL peer as /usage/forecast does, so the worker loads the
 * library's WebAssembly module (an asset of its own, fetched on the first
 * forecast; the production CSP allows 'wasm-unsafe-eval'). Should it fail to
 * load, the model forecasts alone.
 */
import initMstl from '@bsull/augurs/mstl';
import { simulateMonth, type BreachInput } from '../../server/analytics/forecast-breach';
import { mstlPoints } from '../../server/analytics/forecast-mstl';

let loading: Promise<boolean> | undefined;
const peerReady = () =>
  (loading ??= initMstl().then(
    () => true,
    () => false,
  ));

self.onmessage = async (event: MessageEvent<Omit<BreachInput, 'amounts' | 'peer'>>) => {
  try {
    const peer = await peerReady();
    const paths = simulateMonth({ ...event.data, peer: peer ? mstlPoints : undefined });
    self.postMessage({ paths }, { transfer: [paths.cumulative.buffer] });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
