// Home: search with suggestions, genre and year filters, sort, and a list that pages with "Show more".
import { api } from './api.js';
import { el, hidden, score, count, showPage, titleOf } from './dom.js';
import { suggestions } from './suggest.js';

const GENRES = ['Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
  'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'];
const SORTS = [['relevance', 'Best match'], ['top', 'Top rated'], ['popular', 'Most rated'], ['recent', 'Recently rated'], ['title', 'Title A–Z']];
const PAGE_SIZE = 20;

export async function homePage(main) {
  const q = el('input', { id: 'q', name: 'q', type: 'search', maxlength: 200, enterkeyhint: 'search', placeholder: 'e.g. shawshank' });
  const genre = el('select', { id: 'genre', name: 'genre' }, el('option', { value: '' }, 'Any genre'), GENRES.map((g) => el('option', { value: g }, g)));
  const from = el('input', { id: 'year-from', name: 'from', inputmode: 'numeric', pattern: '[0-9]{4}', maxlength: 4, size: 4, title: 'A year like 1990' });
  const to = el('input', { id: 'year-to', name: 'to', inputmode: 'numeric', pattern: '[0-9]{4}', maxlength: 4, size: 4, title: 'A year like 1999' });
  const sort = el('select', { id: 'sort', name: 'sort' });
  const heading = el('h1', {}, 'Movies');
  const summary = el('p', { class: 'result-summary', role: 'status' });
  const list = el('ol', { class: 'movie-list', id: 'movie-list' });
  const more = el('button', { type: 'button', class: 'more', id: 'more-movies', hidden: true }, 'Show more movies');
  let cursor = null;
  let params = {};

  const apply = () => {
    const fields = { q: q.value.trim(), genre: genre.value, from: from.value, to: to.value, sort: sort.value };
    // filters the form has no field for (tag=, from a movie page's tag link) stay when one of the fields changes
    const state = new URLSearchParams([...new URLSearchParams(location.hash.split('?')[1] || '')]
      .filter(([name]) => !(name in fields)));
    for (const [name, v] of Object.entries(fields)) {
      if (v && !(name === 'sort' && v === (fields.q ? 'relevance' : 'top'))) state.append(name, v);
    }
    const hash = `#/?${state}`;
    if (location.hash === hash) update(state); else location.hash = hash;
  };
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find movies', onsubmit: (e) => { e.preventDefault(); apply(); } },
    el('div', { class: 'field field-search' }, el('label', { for: 'q' }, 'Search titles'),
      suggestions(q, { onChoose: (movie) => { location.hash = `#/movies/${movie.id}`; } })),
    el('div', { class: 'field' }, el('label', { for: 'genre' }, 'Genre'), genre),
    el('fieldset', { class: 'field years' }, el('legend', {}, 'Released'),
      el('div', { class: 'year-range' }, el('label', { for: 'year-from' }, 'from'), from, el('label', { for: 'year-to' }, 'to'), to)),
    el('div', { class: 'field' }, el('label', { for: 'sort' }, 'Sort by'), sort),
    el('button', { type: 'submit', class: 'primary' }, 'Search'));
  genre.addEventListener('change', apply);
  sort.addEventListener('change', apply);

  async function load() {
    const page = await api.movies({ ...params, limit: PAGE_SIZE, cursor });
    const start = list.children.length;
    list.append(...page.items.map(movieItem));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    summary.textContent = list.children.length === 0 ? 'No movies match. Check the spelling or widen the filters.'
      : `Showing ${count(list.children.length, 'movie', 'movies')}${cursor ? '' : ' (all)'}.`;
    return list.children[start];
  }

  async function update(query) {
    q.value = query.get('q') || '';
    genre.value = GENRES.includes(query.get('genre')) ? query.get('genre') : '';
    from.value = /^\d{4}$/.test(query.get('from') || '') ? query.get('from') : '';
    to.value = /^\d{4}$/.test(query.get('to') || '') ? query.get('to') : '';
    const searching = Boolean(q.value);
    const wanted = query.get('sort') || (searching ? 'relevance' : 'top');
    sort.replaceChildren(...SORTS.filter(([v]) => searching || v !== 'relevance')
      .map(([value, label]) => el('option', { value, selected: value === wanted }, label)));
    const year = from.value && to.value ? (from.value === to.value ? from.value : `${from.value}-${to.value}`)
      : from.value ? `${from.value}-` : to.value ? `-${to.value}` : '';
    const tag = query.get('tag');
    params = { q: q.value, genre: genre.value, year, sort: sort.value, tag };
    heading.textContent = searching ? `Movies matching “${q.value}”` : tag ? `Movies tagged “${tag}”` : 'Movies';
    document.title = `${heading.textContent} · Movie Ratings`;
    cursor = null;
    list.replaceChildren();
    await load();
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const first = await load();
      first?.querySelector('a')?.focus();
    } finally {
      more.disabled = false;
    }
  });

  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  await update(query);
  showPage(main, heading.textContent, heading, form, summary, list, more);
  return { name: 'home', update };
}

function movieItem(movie) {
  const average = movie.averageRating !== null ? `average ${score(movie.averageRating)}`
    : movie.averageHidden ? `average shown from ${movie.minimumRatingsForAverage} ratings` : 'not rated yet';
  return el('li', { class: 'movie-card' },
    el('h2', { class: 'movie-title' }, el('a', { href: `#/movies/${movie.id}` }, titleOf(movie)),
      movie.year ? el('span', { class: 'year' }, ` (${movie.year})`) : null),
    el('p', { class: 'genres' }, movie.genres.join(' · ')),
    el('p', { class: 'scores' },
      el('span', { class: 'weighted' }, el('span', { class: 'card-score-kind' }, 'Weighted score '),
        el('strong', {}, score(movie.weightedRating)), el('span', { 'aria-hidden': 'true' }, ' ★')),
      el('span', { class: 'detail' }, `${average} · ${count(movie.ratingCount, 'rating', 'ratings')}`)));
}
