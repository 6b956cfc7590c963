// My ratings: the signed-in user's current ratings, by date, stars or title, with the total; "Show more" pages on.
import { api, session } from './api.js';
import { el, hidden, stars, date, count, showPage, titleOf } from './dom.js';

const SORTS = [['date', 'Latest first'], ['stars', 'Most stars first'], ['title', 'Title A–Z']];

export async function myRatingsPage(main, query) {
  const heading = el('h1', {}, 'My ratings');
  if (!session.token) {
    showPage(main, 'My ratings', heading, el('p', {}, 'Sign in (at the top of the page) to see the films you have rated.'));
    return { name: 'ratings' };
  }
  const wanted = SORTS.some(([v]) => v === query.get('sort')) ? query.get('sort') : 'date';
  const sort = el('select', { id: 'ratings-sort' },
    SORTS.map(([value, label]) => el('option', { value, selected: value === wanted }, label)));
  sort.addEventListener('change', () => { location.hash = `#/me/ratings?sort=${sort.value}`; });
  const total = el('p', { class: 'result-summary', id: 'ratings-total' });
  const list = el('ol', { class: 'my-ratings', id: 'my-ratings' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'Show more');
  let cursor = null;
  const load = async () => {
    const page = await api.myRatings({ sort: wanted, limit: 20, cursor });
    total.textContent = `${count(page.total, 'film', 'films')} rated.`;
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
    el('div', { class: 'field inline-field' }, el('label', { for: 'ratings-sort' }, 'Sort by'), sort), total,
    list.children.length ? list : el('p', {}, 'You have not rated anything yet. ', el('a', { href: '#/' }, 'Find a film to rate.')), more);
  return { name: 'ratings' };
}
