// Helpful votes on reviews (issue 20), loaded on the first click of a "Helpful (n)" button of the movie page.
import { request, ApiError } from './api.js';

const api = {
  helpful: (id, review, on) => request(on ? 'PUT' : 'DELETE', `/api/movies/${id}/reviews/${review}/helpful`, { auth: true }),
  myHelpful: (id) => request('GET', `/api/me/helpful?movie=${id}`, { auth: true, cache: 'no-cache' }),
};

const votes = new Map(); // movie id → the caller's votes there (review ids), read once

/** Marks the button's review helpful, or takes the vote back, and says so next to it. */
export async function toggle(button, movieId) {
  button.disabled = true;
  const note = button.nextElementSibling?.classList.contains('status') ? button.nextElementSibling
    : button.insertAdjacentElement('afterend', Object.assign(document.createElement('span'), { className: 'status', role: 'status' }));
  // what the person saw decides: an unpressed button marks (PUT is idempotent, so a vote already cast stays),
  // a pressed one takes the vote back; the votes are known only after the first click
  const on = button.getAttribute('aria-pressed') !== 'true';
  try {
    const mine = await ownVotes(movieId);
    const review = button.dataset.review;
    const had = mine.has(review);
    await api.helpful(movieId, review, on);
    on ? mine.add(review) : mine.delete(review);
    const count = Number(button.textContent.match(/\d+/)[0]) + (on === had ? 0 : on ? 1 : -1);
    button.textContent = `Helpful (${Math.max(0, count)})`;
    button.setAttribute('aria-pressed', String(on));
    note.textContent = on ? ' You found this review helpful.' : ' Vote taken back.';
  } catch (error) {
    note.textContent = error instanceof ApiError && error.status === 403
      ? ' That is your own review.' : ` Not changed: ${error instanceof ApiError ? error.message : 'the service could not be reached.'}`;
  } finally {
    button.disabled = false;
    button.focus();
  }
}

/** The caller's votes on the film; once read, every button of the page shows whether it is pressed. */
async function ownVotes(movieId) {
  if (!votes.has(movieId)) {
    votes.set(movieId, new Set((await api.myHelpful(movieId)).reviewIds));
    for (const button of document.querySelectorAll('button.helpful')) {
      button.setAttribute('aria-pressed', String(votes.get(movieId).has(button.dataset.review)));
    }
  }
  return votes.get(movieId);
}
