// Sign-in on AWS: Cognito's hosted UI with the authorization code flow and PKCE (no client secret in
// the browser). Used when config.js names a hosted UI; the local runtime uses its dev sign-in instead.
import config from '../config.js';

const PENDING = 'movie-ratings.sign-in';
const hosted = (config.auth?.hostedUiBaseUrl || '').replace(/\/$/, '');
const clientId = config.auth?.clientId || '';
const redirectUri = `${location.origin}/`;

export const usesHostedUi = Boolean(hosted && clientId);

const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function startHostedSignIn() {
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
  if (!usesHostedUi || !params.has('code')) return null;
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
  const claims = JSON.parse(atob(tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return { user: claims.email || claims['cognito:username'] || 'you', token: tokens.id_token };
}

export function hostedSignOutUrl() {
  return `${hosted}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: redirectUri })}`;
}
