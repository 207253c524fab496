/**
 * OpenID Connect sign-in with `openid-client` (v6): authorization code flow
 * with PKCE (S256), state and nonce. The provider's metadata is discovered on
 * first use and kept; a failed discovery is retried on the next sign-in.
 */
import * as client from 'openid-client';
import type { AuthConfig } from './config.ts';
import { strings, type LoginState, type Principal } from './session.ts';

export interface OidcClient {
  /** Where to send the browser to sign in, and the state to keep until it comes back. */
  start(returnTo: string): Promise<{ url: URL; state: LoginState }>;
  /** Exchanges the callback's code for the user (throws on any failed check). */
  finish(callbackUrl: URL, state: LoginState): Promise<Principal>;
}

export function createOidcClient(cfg: NonNullable<AuthConfig['oidc']>, publicUrl: URL): OidcClient {
  const redirectUri = new URL('/auth/callback', publicUrl).href;
  let discovered: Promise<client.Configuration> | null = null;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(cfg.issuer, cfg.clientId, { redirect_uris: [redirectUri], response_types: ['code'] }, client.ClientSecretBasic(cfg.clientSecret), {
        // A provider on plain http (a loopback test provider) is allowed only when configured so.
        ...(cfg.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  }

  return {
    async start(returnTo) {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state: LoginState = { verifier, state: client.randomState(), nonce: client.randomNonce(), returnTo };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: cfg.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: state.state,
        nonce: state.nonce,
      });
      return { url, state };
    },

    async finish(callbackUrl, state) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: state.verifier,
        expectedState: state.state,
        expectedNonce: state.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider sent no ID token');
      let source: Record<string, unknown> = claims;
      // Providers often put groups only in the userinfo answer.
      if (claims[cfg.groupsClaim] === undefined || (cfg.teamsClaim && claims[cfg.teamsClaim] === undefined)) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        source = { ...info, ...claims };
        for (const k of [cfg.groupsClaim, cfg.teamsClaim]) if (k && claims[k] === undefined) source[k] = info[k];
      }
      const name = [source.name, source.preferred_username, source.email, claims.sub].find((v) => typeof v === 'string' && v) as string;
      return {
        id: claims.sub,
        name,
        email: typeof source.email === 'string' ? source.email : null,
        groups: strings(source[cfg.groupsClaim]),
        teams: cfg.teamsClaim ? strings(source[cfg.teamsClaim]) : [],
      };
    },
  };
}
