/**
 * Security headers sent with every response of the production server.
 *
 * The Content-Security-Policy allows no inline script and no inline style
 * sheet: the built app is script and CSS files only (index.html's theme
 * snippet is the external /theme-init.js). React and Recharts set element
 * styles through the CSSOM (`element.style.x = …`), which CSP does not
 * restrict, so `style-src 'self'` is enough; a future `<style>` element or
 * `style="…"` attribute in markup would be reported by `npm run bench:web`
 * (it counts CSP violations) and blocked by the browser. 'wasm-unsafe-eval'
 * lets the budgets' forecast worker compile the MSTL library's WebAssembly
 * (a same-origin asset); it allows no JavaScript eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Sets the security headers on a response, copying it first if its headers are immutable. */
export function withSecurityHeaders(res: Response): Response {
  let out = res;
  try {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) out.headers.set(k, v);
  } catch {
    out = new Response(res.body, res);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) out.headers.set(k, v);
  }
  return out;
}
