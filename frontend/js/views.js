import { api, session, waitUntilVisible, ApiError } from './api.js';
import { el, formatScore, HALF_STARS } from './dom.js';

export async function topMovies(main, query) {
  const sort = query.get('sort') || 'top';
  const q = query.get('q') || '';
  const page = await api.movies({ sort, limit: 25, ...(q ? { q } : {}), ...(query.get('cursor') ? { cursor: query.get('cursor') } : {}) });
  const sortSelect = el('select', { id: 'sort', name: 'sort' },
    ['top', 'popular', 'recent', 'title'].map((value) => el('option', { value, selected: value === sort }, value)));
  const search = el('input', { id: 'q', name: 'q', type: 'search', value: q, placeholder: 'Title contains…' });
  const form = el('form', { class: 'list-controls', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/?${new URLSearchParams({ sort: sortSelect.value, ...(search.value ? { q: search.value } : {}) })}`;
  } }, el('label', { for: 'q' }, 'Search'), search, el('label', { for: 'sort' }, 'Sort'), sortSelect, el('button', { type: 'submit' }, 'Show'));
  const rows = page.items.map((movie, index) => el('li', { class: 'movie-row' },
    el('span', { class: 'rank' }, `${index + 1}.`),
    el('a', { href: `#/movies/${movie.id}`, class: 'movie-link' }, movie.title),
    el('span', { class: 'year' }, movie.year ?? ''),
    el('span', { class: 'score', title: 'weighted rating' }, formatScore(movie.weightedRating)),
    el('span', { class: 'count' }, `${movie.ratingCount} ratings`)));
  const next = page.nextCursor
    ? el('a', { class: 'next-page', href: `#/?${new URLSearchParams({ sort, ...(q ? { q } : {}), cursor: page.nextCursor })}` }, 'Next page →')
    : null;
  main.replaceChildren(el('h1', {}, 'Movies'), form, el('ol', { class: 'movie-list', id: 'movie-list' }, rows), next);
}

export async function moviePage(main, id) {
  const movie = await api.movie(id);
  const score = el('section', { class: 'score-card', id: 'score-card', 'aria-live': 'polite' });
  const status = el('p', { class: 'status', id: 'rating-status', role: 'status' });
  renderScore(score, movie);
  const reviews = el('section', { class: 'reviews' }, el('h2', {}, 'Reviews'));
  main.replaceChildren(
    el('h1', {}, movie.title, ' ', el('span', { class: 'year' }, movie.year ? `(${movie.year})` : '')),
    el('p', { class: 'genres' }, movie.genres.join(' · ')),
    score, ratingForm(movie, score, status, reviews), status, reviews);
  await renderReviews(reviews, id);
}

function renderScore(container, movie) {
  const max = Math.max(1, ...Object.values(movie.histogram));
  container.replaceChildren(
    el('p', { class: 'big-score' }, el('span', { id: 'weighted-rating' }, formatScore(movie.weightedRating)), ' weighted'),
    el('p', {}, 'Average ', el('strong', { id: 'average-rating' }, formatScore(movie.averageRating)),
      ' from ', el('strong', { id: 'rating-count' }, movie.ratingCount), ' ratings'),
    el('ul', { class: 'histogram', 'aria-label': 'How people rated it' }, HALF_STARS.map((stars) => el('li', {},
      el('span', { class: 'bar-label' }, `${stars}★`),
      el('span', { class: 'bar', style: null, dataset: { width: Math.round((movie.histogram[stars] / max) * 100) } }),
      el('span', { class: 'bar-count' }, movie.histogram[stars])))));
  for (const bar of container.querySelectorAll('.bar')) bar.style.width = `${bar.dataset.width}%`;
}

function ratingForm(movie, score, status, reviews) {
  if (!session.token) {
    return el('p', { class: 'hint' }, 'Sign in (top right) to rate this movie.');
  }
  const stars = el('select', { id: 'stars', name: 'stars', required: true },
    el('option', { value: '' }, 'Choose…'), HALF_STARS.map((value) => el('option', { value }, `${value} ★`)));
  const text = el('textarea', { id: 'review-text', name: 'review', maxlength: 5000, rows: 3 });
  const spoiler = el('input', { id: 'spoiler', name: 'spoiler', type: 'checkbox' });
  const submit = async (event) => {
    event.preventDefault();
    if (!stars.value) { status.textContent = 'Choose how many stars.'; return; }
    const review = text.value.trim() ? { text: text.value, spoiler: spoiler.checked } : null;
    await track(status, score, reviews, movie.id, () => api.rate(movie.id, Number(stars.value), review));
  };
  const remove = async () => track(status, score, reviews, movie.id, () => api.unrate(movie.id));
  return el('form', { class: 'rating-form', id: 'rating-form', onsubmit: submit },
    el('h2', {}, 'Your rating'),
    el('label', { for: 'stars' }, 'Stars'), stars,
    el('label', { for: 'review-text' }, 'Review (optional)'), text,
    el('label', { class: 'inline' }, spoiler, ' Contains spoilers'),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'submit-rating' }, 'Save rating'),
      el('button', { type: 'button', id: 'delete-rating', onclick: remove }, 'Delete my rating')));
}

async function track(status, score, reviews, movieId, command) {
  status.textContent = 'Saving…';
  try {
    const accepted = await command();
    const movie = await waitUntilVisible(movieId, accepted.position);
    if (movie) {
      renderScore(score, movie);
      await renderReviews(reviews, movieId);
      status.textContent = 'Saved. The score includes your rating.';
    } else {
      status.textContent = 'Saved. The score will include it shortly.';
    }
  } catch (error) {
    status.textContent = error instanceof ApiError ? `Not saved: ${error.message}` : 'Not saved: the service could not be reached.';
  }
}

async function renderReviews(container, id) {
  const page = await api.reviews(id);
  const items = page.items.map((review) => {
    const body = el('p', { class: 'review-text' }, review.text);
    if (review.spoiler) {
      body.hidden = true;
      return el('li', { class: 'review' }, el('p', { class: 'review-meta' }, `${review.author} · ${review.stars}★`),
        el('button', { type: 'button', class: 'reveal', onclick: (e) => { body.hidden = false; e.target.remove(); } }, 'Show spoiler'), body);
    }
    return el('li', { class: 'review' }, el('p', { class: 'review-meta' }, `${review.author} · ${review.stars}★`), body);
  });
  container.replaceChildren(el('h2', {}, 'Reviews'), items.length ? el('ul', { class: 'review-list' }, items) : el('p', {}, 'No reviews yet.'));
}

export async function myRatings(main) {
  if (!session.token) {
    main.replaceChildren(el('h1', {}, 'My ratings'), el('p', {}, 'Sign in to see your ratings.'));
    return;
  }
  const page = await api.myRatings();
  main.replaceChildren(el('h1', {}, 'My ratings'), page.items.length
    ? el('ul', { class: 'movie-list' }, page.items.map((rating) => el('li', { class: 'movie-row' },
      el('a', { href: `#/movies/${rating.movieId}` }, rating.title), el('span', { class: 'score' }, `${rating.stars}★`))))
    : el('p', {}, 'You have not rated anything yet.'));
}
