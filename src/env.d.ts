interface ImportMetaEnv {
  /** A hash of the contract, set by vite.config.ts at build time (see query-persistence.ts). */
  readonly VITE_CONTRACT_HASH?: string;
}
