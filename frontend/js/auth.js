// Sign-in: the identity provider's hosted page with the authorization code flow and PKCE (no client
// secret in the browser). On AWS config.js names Cognito's hosted UI; locally, the runtime's own
// OpenID Connect issuer, which speaks the same endpoints.
import config from '../config.js';

const PENDING = 'movie-ratings.sign-in';
const hosted = (config.auth?.hostedUiBaseUrl || '').replace(/\/$/, '');
const clientId = config.auth?.clientId || '';
const redirectUri = `${location.origin}/`;

const configured = Boolean(hosted && clientId);

const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function startHostedSignIn() {
  if (!configured) throw new Error('this site has no sign-in configured (config.js names no identity provider)');
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, back: location.hash }));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  location.assign(`${hosted}/oauth2/authorize?${new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid email profile',
    code_challenge_method: 'S256', code_challenge: challenge, state,
  })}`);
}

/** On the way back from the hosted UI: trades the code for tokens. Null when this is not such a return. */
export async function completeHostedSignIn() {
  const params = new URLSearchParams(location.search);
  if (!configured || !params.has('code')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/${pending?.back || ''}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('this sign-in was not started from this page');
  const response = await fetch(`${hosted}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code: params.get('code'), redirect_uri: redirectUri, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`the identity provider refused the sign-in (HTTP ${response.status})`);
  const tokens = await response.json();
  // The name shown comes from the ID token; the API is called with the access token, which is meant for it.
  const claims = JSON.parse(atob(tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return { user: claims.email || claims['cognito:username'] || 'you', token: tokens.access_token };
}

export function hostedSignOutUrl() {
  return `${hosted}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: redirectUri })}`;
}
