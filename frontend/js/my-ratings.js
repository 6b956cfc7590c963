// My ratings: the signed-in user's current ratings, newest first, paged with "Show more".
import { api, session } from './api.js';
import { el, hidden, stars, date, showPage, titleOf } from './dom.js';

export async function myRatingsPage(main) {
  const heading = el('h1', {}, 'My ratings');
  if (!session.token) {
    showPage(main, 'My ratings', heading, el('p', {}, 'Sign in (at the top of the page) to see the films you have rated.'));
    return { name: 'me' };
  }
  const list = el('ol', { class: 'my-ratings', id: 'my-ratings' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'Show more');
  let cursor = null;
  const load = async () => {
    const page = await api.myRatings({ limit: 20, cursor });
    const start = list.children.length;
    list.append(...page.items.map((rating) => el('li', { class: 'my-rating' },
      el('h2', { class: 'movie-title' }, el('a', { href: `#/movies/${rating.movieId}` }, titleOf(rating)),
        rating.year ? el('span', { class: 'year' }, ` (${rating.year})`) : null),
      el('p', {}, el('span', { class: 'review-stars' }, hidden('You rated it '), stars(rating.stars)), ' · ',
        el('time', { datetime: rating.updatedAt }, date(rating.updatedAt))),
      rating.reviewText ? el('p', { class: 'review-text' }, rating.reviewText) : null)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    return list.children[start];
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { (await load())?.querySelector('a')?.focus(); } finally { more.disabled = false; }
  });
  await load();
  showPage(main, 'My ratings', heading,
    list.children.length ? list : el('p', {}, 'You have not rated anything yet. ', el('a', { href: '#/' }, 'Find a film to rate.')), more);
  return { name: 'me' };
}
