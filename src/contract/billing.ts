/**
 * The billing-usage API contract: zod schemas of every request and response,
 * written once from the public reference and imported by both the sandbox
 * server (to validate requests and shape responses) and the app (to validate
 * every response). Types are derived with z.infer, never written by hand.
 *
 * Written with Zod Mini (functional checks instead of method chains) so the
 * app's entry bundle carries no more of zod than the parsers themselves. Zod
 * Mini loads no locale: every message a request can get back is written out
 * here, and zod's own English wording (for a response that breaks the
 * contract) is loaded only when it is needed (src/api/client.ts).
 *
 * Split by concern into the files below, re-exported here so that every
 * import of the contract keeps working.
 */
export * from './common';
export * from './usage-request';
export * from './usage-response';
export * from './optimization';
export * from './forecast';
export * from './budgets';
export * from './errors';
