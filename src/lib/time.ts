/** The time constants of the app and the server (epoch milliseconds; UTC days have no leap seconds here). */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
