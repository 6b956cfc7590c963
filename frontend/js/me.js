// Profile (#/me): the signed-in person's taste at a glance: counts, their own star histogram, favourite genres.
import { api, session } from './api.js';
import { el, hidden, stars, count, showPage, HALF_STARS } from './dom.js';

export async function mePage(main) {
  if (!session.token) {
    showPage(main, 'Profile', el('h1', {}, 'Profile'), el('p', {}, 'Sign in (at the top of the page) to see your profile.'));
    return { name: 'me' };
  }
  const me = await api.summary();
  const name = me.displayName ?? session.user;
  const max = Math.max(1, ...Object.values(me.histogram));
  const bars = HALF_STARS.map((s) => {
    const n = me.histogram[s] ?? 0;
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = n ? `max(3px, ${(n / max) * 100}%)` : '0';
    return el('li', {}, el('span', { class: 'bar-label' }, stars(s)), el('span', { class: 'bar-track' }, bar),
      el('span', { class: 'bar-count' }, n.toLocaleString('en'), hidden(n === 1 ? ' film' : ' films')));
  }).reverse();
  const genres = me.favouriteGenres.length
    ? el('ol', { class: 'genre-list', id: 'favourite-genres' }, me.favouriteGenres.map((g) => el('li', {},
      el('strong', {}, g.genre), ` · average ${g.average.toFixed(2)} from ${count(g.ratings, 'film', 'films')}`)))
    : el('p', { id: 'favourite-genres' }, `Rate at least ${me.minimumRatingsForGenre} films of a genre to see it here.`);
  showPage(main, 'Profile',
    el('h1', {}, name),
    me.displayName ? null : el('p', { class: 'hint' }, 'Reviews show “Anonymous” until you ',
      el('a', { href: '#/profile' }, 'choose a display name'), '.'),
    el('ul', { class: 'profile-counts', id: 'profile-counts' },
      el('li', {}, el('a', { href: '#/me/ratings' }, el('strong', {}, me.ratings.toLocaleString('en')), ' rated')),
      el('li', {}, el('strong', {}, me.reviews.toLocaleString('en')), ' reviewed'),
      el('li', {}, el('a', { href: '#/me/watchlist' }, el('strong', {}, me.watchlist.toLocaleString('en')), ' to watch')),
      el('li', {}, el('strong', {}, me.diaryEntriesThisYear.toLocaleString('en')), ' diary entries this year')),
    el('section', { class: 'score-card', 'aria-labelledby': 'my-histogram-heading' },
      el('h2', { id: 'my-histogram-heading' }, 'How you rate'),
      el('ul', { class: 'histogram', 'aria-labelledby': 'my-histogram-heading' }, bars)),
    el('section', { 'aria-labelledby': 'genres-heading' },
      el('h2', { id: 'genres-heading' }, 'Favourite genres'),
      el('p', { class: 'hint' }, `By your average, from ${me.minimumRatingsForGenre} rated films of the genre.`), genres),
    el('p', {}, el('a', { href: '#/profile' }, 'Account: display name, your data')));
  return { name: 'me' };
}
