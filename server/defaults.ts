/** Defaults shared by the sandbox and the dev proxy. */
export const SANDBOX_DEFAULT_PORT = 8787;
export const SANDBOX_DEFAULT_API_KEY = 'sandbox-local-key';
export const SANDBOX_DEFAULT_DB = '.data/billing.duckdb';
