// Talks to the HTTP API (contract v1). Errors arrive as problem+json and are thrown as ApiError.
const TOKEN_KEY = 'movie-ratings.token';
const USER_KEY = 'movie-ratings.user';

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

async function request(method, path, { body, auth = false, headers = {} } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (auth && session.token) {
    init.headers.authorization = `Bearer ${session.token}`;
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && auth) session.clear();
    throw new ApiError(response.status, json);
  }
  return json;
}

export const api = {
  signIn: (user) => request('POST', '/api/dev/token', { body: { user } }),
  movies: (params) => request('GET', `/api/movies?${new URLSearchParams(params)}`),
  movie: (id) => request('GET', `/api/movies/${encodeURIComponent(id)}`),
  reviews: (id, cursor) => request('GET', `/api/movies/${encodeURIComponent(id)}/reviews?${new URLSearchParams(cursor ? { limit: 10, cursor } : { limit: 10 })}`),
  myRatings: (cursor) => request('GET', `/api/me/ratings?${new URLSearchParams(cursor ? { cursor } : {})}`, { auth: true }),
  rate: (id, stars, review) => request('PUT', `/api/movies/${encodeURIComponent(id)}/rating`, {
    body: review ? { stars, review } : { stars }, auth: true, headers: { 'idempotency-key': crypto.randomUUID() },
  }),
  unrate: (id) => request('DELETE', `/api/movies/${encodeURIComponent(id)}/rating`, { auth: true, headers: { 'idempotency-key': crypto.randomUUID() } }),
};

/** Polls the movie until the projection has reached the given position (read-your-writes), for at most ~10 s. */
export async function waitUntilVisible(movieId, position, { intervalMs = 150, attempts = 66 } = {}) {
  for (let i = 0; i < attempts; i++) {
    const movie = await api.movie(movieId);
    if (movie.projectedThrough >= position) return movie;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return null;
}
