// The HTTP API (contract v1 and its extensions). Errors arrive as problem+json and are thrown as ApiError.
import config from '../config.js';

const TOKEN_KEY = 'movie-ratings.token';
const USER_KEY = 'movie-ratings.user';
const base = config.apiBaseUrl.replace(/\/$/, '');

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  get user() { return localStorage.getItem(USER_KEY); },
  save(user, token) { localStorage.setItem(USER_KEY, user); localStorage.setItem(TOKEN_KEY, token); },
  clear() { localStorage.removeItem(USER_KEY); localStorage.removeItem(TOKEN_KEY); },
};

export async function request(method, path, { body, auth = false, headers = {}, signal, cache } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers }, signal, cache };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (auth && session.token) init.headers.authorization = `Bearer ${session.token}`;
  const response = await fetch(base + path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    if (response.status === 401 && auth) {
      session.clear();
      window.dispatchEvent(new Event('session-changed'));
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

const query = (params) => {
  const defined = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return defined.length ? `?${new URLSearchParams(defined)}` : '';
};
const movie = (id) => `/api/movies/${encodeURIComponent(id)}`;

export const api = {
  movies: (params, signal) => request('GET', `/api/movies${query(params)}`, { signal }),
  movie: (id, options = {}) => request('GET', movie(id), options),
  similar: (id, limit = 10) => request('GET', `${movie(id)}/similar${query({ limit })}`),
  history: (id, interval = 'month') => request('GET', `${movie(id)}/history${query({ interval })}`),
  reviews: (id, cursor, options = {}) =>
    request('GET', `${movie(id)}/reviews${query({ limit: 10, cursor, sort: options.sort })}`, options),

  myRatings: (params = {}) => request('GET', `/api/me/ratings${query(params)}`, { auth: true, cache: 'no-cache' }),
  rate: (id, stars, review) => request('PUT', `${movie(id)}/rating`, {
    body: review ? { stars, review } : { stars }, auth: true, headers: { 'idempotency-key': crypto.randomUUID() },
  }),
  profile: () => request('GET', '/api/me/profile', { auth: true, cache: 'no-store' }),
  saveProfile: (displayName) => request('PUT', '/api/me/profile', { body: { displayName }, auth: true }),
  exportMine: () => request('GET', '/api/me/export', { auth: true, cache: 'no-store' }),
  eraseMine: () => request('DELETE', '/api/me', { auth: true }),
  unrate: (id) => request('DELETE', `${movie(id)}/rating`, { auth: true, headers: { 'idempotency-key': crypto.randomUUID() } }),
  // issue 20: the caller's watchlist and profile summary
  watchlist: (params = {}) => request('GET', `/api/me/watchlist${query(params)}`, { auth: true, cache: 'no-cache' }),
  watch: (id) => request('PUT', `/api/me/watchlist/${encodeURIComponent(id)}`, { auth: true }),
  unwatch: (id) => request('DELETE', `/api/me/watchlist/${encodeURIComponent(id)}`, { auth: true }),
  myTags: (id) => request('GET', '/api/me/tags?movie=' + id, { auth: true, cache: 'no-cache' }),
  summary: () => request('GET', '/api/me/profile/summary', { auth: true, cache: 'no-cache' }),
  // the diary (issue 20)
  diary: (params = {}) => request('GET', `/api/me/diary${query(params)}`, { auth: true, cache: 'no-cache' }),
  diaryEntry: (id) => request('GET', `/api/me/diary/${encodeURIComponent(id)}`, { auth: true, cache: 'no-cache' }),
  logViewing: (viewing) => request('POST', '/api/me/diary', {
    body: viewing, auth: true, headers: { 'idempotency-key': crypto.randomUUID() },
  }),
  deleteViewing: (id) => request('DELETE', `/api/me/diary/${encodeURIComponent(id)}`, { auth: true }),
};

/**
 * Read-your-writes on the writer's own stream: polls the caller's rating of the movie (revalidating, never
 * from cache) until the projections reflect the version of their (user, movie) stream the write was given,
 * then reads the movie, for at most about ten seconds. An event the projector cannot apply elsewhere (another
 * user's, or another movie's) holds the global watermark back but never this. Null if it did not get there.
 */
export async function waitUntilVisible(movieId, accepted, { intervalMs = 200, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (let wait = intervalMs; ; wait = Math.min(wait * 1.5, 1_000)) {
    const mine = await api.myRatings({ movie: movieId, limit: 1 });
    if (mine.projectedVersion >= accepted.streamVersion) return api.movie(movieId, { cache: 'no-cache' });
    if (Date.now() + wait > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
