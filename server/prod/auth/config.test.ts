import { describe, expect, it } from 'vitest';
import { loadProdConfig } from '../config.ts';
import { parseAuthConfig } from './config.ts';
import { crossOriginReason } from './identify.ts';
import { percentages } from './scope.ts';
import { roleOf, safeReturnTo } from './session.ts';

const SECRET = 'x'.repeat(32);

describe('auth configuration', () => {
  it('defaults to AUTH_MODE=none in sandbox mode', () => {
    expect(loadProdConfig({}).auth.mode).toBe('none');
  });

  it('refuses to start against the real API until AUTH_MODE is set, naming the variable', () => {
    expect(() => loadProdConfig({ TENSORONE_API_URL: 'https://api.tensorone.ai', TENSORONE_API_KEY: 'k' })).toThrow(/AUTH_MODE: must be set when TENSORONE_API_URL is set/);
    expect(loadProdConfig({ TENSORONE_API_URL: 'https://api.tensorone.ai', TENSORONE_API_KEY: 'k', AUTH_MODE: 'none' }).auth.mode).toBe('none');
  });

  it('names every missing or bad variable of oidc and proxy mode', () => {
    const oidc = parseAuthConfig({ AUTH_MODE: 'oidc', SESSION_SECRET: 'short' }, true) as string[];
    expect(oidc.join('\n')).toMatch(/SESSION_SECRET: must be at least 32 characters/);
    const missing = parseAuthConfig({ AUTH_MODE: 'oidc', SESSION_SECRET: SECRET }, true) as string[];
    for (const name of ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'ROLE_VIEWER_GROUPS'])
      expect(missing.join('\n')).toContain(`${name}:`);
    const proxy = parseAuthConfig({ AUTH_MODE: 'proxy', SESSION_SECRET: SECRET, ROLE_VIEWER_GROUPS: 'v' }, true) as string[];
    expect(proxy.join('\n')).toMatch(/AUTH_PROXY_TRUSTED: is required/);
    const cidr = parseAuthConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '10.0.0.0/33', ROLE_VIEWER_GROUPS: 'v' }, true) as string[];
    expect(cidr.join('\n')).toMatch(/AUTH_PROXY_TRUSTED: "10.0.0.0\/33" has an invalid prefix length/);
    expect((parseAuthConfig({ AUTH_MODE: 'sso' }, true) as string[]).join()).toMatch(/AUTH_MODE: must be none, oidc or proxy/);
    const plain = { AUTH_MODE: 'oidc', SESSION_SECRET: SECRET, OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', PUBLIC_URL: 'https://b.example', ROLE_VIEWER_GROUPS: 'v' };
    expect((parseAuthConfig({ ...plain, OIDC_ISSUER_URL: 'http://login.example.com' }, true) as string[]).join()).toMatch(/OIDC_ISSUER_URL: must be https/);
    expect(Array.isArray(parseAuthConfig({ ...plain, OIDC_ISSUER_URL: 'http://127.0.0.1:9000' }, true))).toBe(false);
    expect((parseAuthConfig({ SESSION_TTL_HOURS: '0' }, false) as string[]).join()).toMatch(/SESSION_TTL_HOURS/);
    expect((parseAuthConfig({ DATABASE_URL: 'mysql://x' }, false) as string[]).join()).toMatch(/DATABASE_URL/);
  });

  it('never puts a secret into an error message', () => {
    const problems = parseAuthConfig({ AUTH_MODE: 'oidc', SESSION_SECRET: 'hunter2-short', OIDC_CLIENT_SECRET: 'client-secret-value' }, true) as string[];
    expect(problems.join('\n')).not.toMatch(/hunter2|client-secret-value/);
  });
});

describe('roles, return paths, origins, percentages', () => {
  const roles = { admin: ['a'], editor: ['e'], viewer: ['v'] };
  it('gives the highest role any group maps to, none without one', () => {
    expect(roleOf(['v', 'e'], roles)).toBe('editor');
    expect(roleOf(['a', 'v'], roles)).toBe('admin');
    expect(roleOf(['x'], roles)).toBe('none');
    expect(roleOf([], roles)).toBe('none');
  });

  it('keeps returnTo on this site', () => {
    expect(safeReturnTo('/usage?timeRange=last_month#x')).toBe('/usage?timeRange=last_month#x');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'usage', '/auth/logout', '/a\nb', null, ''])
      expect(safeReturnTo(bad)).toBe('/');
  });

  it('accepts same-origin writes and names why others are refused', () => {
    const pub = new URL('https://billing.example.com');
    const req = (h: Record<string, string>) => new Request('http://127.0.0.1:8080/v2/billing/budgets', { method: 'POST', headers: h });
    expect(crossOriginReason(req({ origin: 'https://billing.example.com', 'sec-fetch-site': 'same-origin' }), pub)).toBeNull();
    expect(crossOriginReason(req({}), pub)).toBeNull(); // not a browser: no cookie can ride along
    expect(crossOriginReason(req({ origin: 'https://evil.example' }), pub)).toMatch(/evil.example/);
    expect(crossOriginReason(req({ 'sec-fetch-site': 'same-site' }), pub)).toMatch(/same-site/);
    // A same-origin form post under Referrer-Policy: no-referrer.
    expect(crossOriginReason(req({ origin: 'null', 'sec-fetch-site': 'same-origin' }), pub)).toBeNull();
    expect(crossOriginReason(req({ origin: 'null' }), pub)).toMatch(/opaque/);
    expect(crossOriginReason(req({ origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080' }), undefined)).toBeNull();
    expect(crossOriginReason(req({ origin: 'http://127.0.0.1:9999', host: '127.0.0.1:8080' }), undefined)).toMatch(/not this site/);
  });

  it('makes percentages that add up to exactly 100.0', () => {
    for (const values of [[1, 1, 1], [2, 3, 5, 7, 11, 13], [0.01, 99.99], [1e6, 1, 1]]) {
      const p = percentages(values);
      expect(p.reduce((a, b) => a + Math.round(b * 10), 0)).toBe(1000);
    }
    expect(percentages([0, 0])).toEqual([0, 0]);
  });
});
