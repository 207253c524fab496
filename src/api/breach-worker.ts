/**
 * Runs the breach simulation (server/analytics/forecast-breach.ts) off the
 * page's thread: one message in (the simulateMonth input), one out (the
 * month's paths, their buffer transferred).
 */
import { simulateMonth, type BreachInput } from '../../server/analytics/forecast-breach';

self.onmessage = (event: MessageEvent<Omit<BreachInput, 'amounts'>>) => {
  try {
    const paths = simulateMonth(event.data);
    self.postMessage({ paths }, { transfer: [paths.cumulative.buffer] });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
