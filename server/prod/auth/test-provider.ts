/**
 * A real OpenID Connect provider for the tests (`oidc-provider` on a loopback
 * port), with a plain sign-in form (user name and password) and a few users
 * in different groups and teams. Consent is granted on sign-in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export interface TestUser {
  password: string;
  name: string;
  email: string;
  groups: string[];
  teams?: string[];
}

export const TEST_USERS: Record<string, TestUser> = {
  ada: { password: 'ada-password', name: 'Ada Admin', email: 'ada@example.com', groups: ['billing-admins', 'staff'] },
  eve: { password: 'eve-password', name: 'Eve Editor', email: 'eve@example.com', groups: ['billing-editors'] },
  vic: { password: 'vic-password', name: 'Vic Viewer', email: 'vic@example.com', groups: ['billing-viewers'] },
  tom: { password: 'tom-password', name: 'Tom Lead', email: 'tom@example.com', groups: ['billing-editors'], teams: ['Research', 'ml-platform'] },
  nia: { password: 'nia-password', name: 'Nia Nobody', email: 'nia@example.com', groups: ['staff'] },
  /** More teams than a session cookie can hold. */
  zed: {
    password: 'zed-password',
    name: 'Zed Many',
    email: 'zed@example.com',
    groups: ['billing-viewers'],
    teams: Array.from({ length: 300 }, (_, i) => `team-with-a-rather-long-name-${i}`),
  },
};

/** The users who can complete a sign-in. */
export const SIGN_IN_USERS = ['ada', 'eve', 'vic', 'tom', 'nia'] as const;

/** The role groups the test users are in, as the server is configured with them. */
export const TEST_ROLE_ENV = {
  ROLE_ADMIN_GROUPS: 'billing-admins',
  ROLE_EDITOR_GROUPS: 'billing-editors',
  ROLE_VIEWER_GROUPS: 'billing-viewers',
  TEAM_SCOPE_CLAIM: 'teams',
  OIDC_SCOPES: 'openid profile email groups',
};

export const TEST_CLIENT = { id: 'billing-dashboard', secret: 'test-client-secret-0123456789abcdef' };

export interface TestProvider {
  issuer: string;
  close: () => Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function loginForm(uid: string, error = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test identity provider</title></head><body><main>
<h1>Sign in to the test identity provider</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>User name <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** Starts the provider on 127.0.0.1:port (0: any free port); redirectUris: the dashboards' callbacks. */
export async function startTestProvider(port: number, redirectUris: string[]): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups', 'teams'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const user = TEST_USERS[id];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: user.name, email: user.email, groups: user.groups, teams: user.teams ?? [] }),
      };
    },
    // Every scope the client asks for is granted at sign-in: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!ctx.oidc.session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><title>Error</title></head><body><pre>${escapeHtml(JSON.stringify(out))}</pre></body></html>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
    if (!m) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'POST' && m[2]) {
          const form = await readForm(req);
          const login = form.get('login') ?? '';
          const user = TEST_USERS[login];
          if (!user || user.password !== form.get('password')) {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid, 'Wrong user name or password.'));
            return;
          }
          await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid));
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(err instanceof Error ? err.message : String(err));
      }
    })();
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
