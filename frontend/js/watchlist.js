// Watchlist: the films the signed-in user wants to see, newest first or by title. Rating a film takes it off.
import { api, session, ApiError } from './api.js';
import { el, date, showPage, titleOf } from './dom.js';

const SORTS = [['added', 'Recently added'], ['title', 'Title A–Z']];

export async function watchlistPage(main, query) {
  const heading = el('h1', {}, 'Watchlist');
  if (!session.token) {
    showPage(main, 'Watchlist', heading, el('p', {}, 'Sign in (at the top of the page) to keep a list of films to see.'));
    return { name: 'watchlist' };
  }
  const wanted = SORTS.some(([v]) => v === query.get('sort')) ? query.get('sort') : 'added';
  const sort = el('select', { id: 'watchlist-sort' },
    SORTS.map(([value, label]) => el('option', { value, selected: value === wanted }, label)));
  sort.addEventListener('change', () => { location.hash = `#/me/watchlist?sort=${sort.value}`; });
  const status = el('p', { class: 'status', id: 'watchlist-status', role: 'status' });
  const list = el('ol', { class: 'my-ratings', id: 'watchlist' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'Show more');
  let cursor = null;
  const item = (film) => {
    const remove = el('button', { type: 'button', class: 'remove' }, 'Remove', el('span', { class: 'visually-hidden' }, ` ${titleOf(film)}`));
    const li = el('li', { class: 'my-rating' },
      el('h2', { class: 'movie-title' }, el('a', { href: `#/movies/${film.movieId}` }, titleOf(film)),
        film.year ? el('span', { class: 'year' }, ` (${film.year})`) : null),
      el('p', { class: 'detail' }, 'Added ', el('time', { datetime: film.addedAt }, date(film.addedAt))), remove);
    remove.addEventListener('click', async () => {
      remove.disabled = true;
      try {
        await api.unwatch(film.movieId);
        const next = li.nextElementSibling ?? li.previousElementSibling;
        li.remove();
        status.textContent = `Removed ${titleOf(film)} from your watchlist.`;
        (next?.querySelector('a') ?? heading).focus();
      } catch (error) {
        remove.disabled = false;
        status.textContent = `Not removed: ${error instanceof ApiError ? error.message : 'the service could not be reached.'}`;
      }
    });
    return li;
  };
  const load = async () => {
    const page = await api.watchlist({ sort: wanted, limit: 20, cursor });
    const start = list.children.length;
    list.append(...page.items.map(item));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    return list.children[start];
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { (await load())?.querySelector('a')?.focus(); } finally { more.disabled = false; }
  });
  await load();
  showPage(main, 'Watchlist', heading,
    el('p', { class: 'hint' }, 'Films you want to see. Rating a film takes it off the list.'),
    el('div', { class: 'field inline-field' }, el('label', { for: 'watchlist-sort' }, 'Sort by'), sort),
    list.children.length ? list : el('p', {}, 'Nothing on your watchlist yet. ', el('a', { href: '#/' }, 'Find a film to add.')),
    more, status);
  return { name: 'watchlist' };
}
