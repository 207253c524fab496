import * as z from 'zod';

// The Content-Security-Policy forbids eval; tell zod not to probe for it
// (the probe would be reported as a CSP violation on every page).
z.config({ jitless: true });
