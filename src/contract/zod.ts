/**
 * Zod Mini, configured for the contract. The dashboard's Content-Security-Policy
 * forbids eval: zod must not compile parsers with it (nor probe for it). Every
 * part of the contract imports z from here, so this runs before any schema is built.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
