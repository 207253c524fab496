/**
 * Test helpers: serve a Hono app on loopback with the Node bindings (so the
 * peer address is known), and sign in through the test provider's form over
 * plain HTTP, following each redirect by hand with a small cookie jar.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { TEST_USERS } from './test-provider.ts';

export interface Served {
  url: string;
  close: () => Promise<void>;
}

/** Listens on 127.0.0.1:port (0: any); `app()` is looked up per request, so it may be set after listening. */
export async function serveApp(app: () => Hono, port = 0): Promise<Served> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (req, env) => app().fetch(req, env), port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per host (paths ignored: every cookie of a host is sent). */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(host, cookies);
  }

  header(url: string): string {
    return [...(this.jar.get(new URL(url).host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
}

export interface SignedIn {
  /** The session cookie, `t1_session=…`. */
  cookie: string;
  /** The Set-Cookie line of the session cookie. */
  setCookie: string;
  /** Where the dashboard sent the browser after sign-in. */
  landed: string;
}

/** Signs `user` in at the dashboard, starting at /auth/login?returnTo=…; follows the provider's form. */
export async function signIn(dashboard: string, user: string, returnTo = '/'): Promise<SignedIn> {
  const jar = new CookieJar();
  let url = `${dashboard}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  let setCookie = '';
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url), accept: 'text/html' } });
    jar.store(url, res);
    const session = res.headers.getSetCookie().find((l) => l.startsWith('t1_session='));
    if (session) setCookie = session;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url).href;
      await res.body?.cancel();
      if (setCookie && next.startsWith(dashboard)) {
        return { cookie: `t1_session=${jar.get(dashboard, 't1_session')}`, setCookie, landed: next.slice(dashboard.length) };
      }
      url = next;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action) throw new Error(`sign-in stopped at ${url} (${res.status}): ${html.slice(0, 300)}`);
    const post = new URL(action.replace(/&amp;/g, '&'), url).href;
    const form = new URLSearchParams({ login: user, password: TEST_USERS[user]?.password ?? 'wrong' });
    const sent = await fetch(post, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(post), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    jar.store(post, sent);
    if (sent.status < 300 || sent.status >= 400) throw new Error(`the provider refused ${user}: ${sent.status} ${(await sent.text()).slice(0, 300)}`);
    url = new URL(sent.headers.get('location')!, post).href;
  }
  throw new Error('sign-in did not finish within 12 redirects');
}
