// A movie: its scores and how they are distributed, your rating and review, and everyone's reviews.
import { api, session, waitUntilVisible, ApiError } from './api.js';
import { el, hidden, score, stars, starsInWords, count, date, showPage, titleOf, HALF_STARS } from './dom.js';
import { starInput } from './stars.js';
import { historySection } from './history-chart.js';

export async function moviePage(main, id) {
  // the history is extra: a page whose history cannot be read still shows everything else
  const [movie, mine, history, similar, listed, tags] = await Promise.all([api.movie(id), ownRating(id),
    api.history(id).catch(() => null), api.similar(id).catch(() => null), watchlistStatus(id),
    session.token && api.myTags(id).catch(() => 0)]);
  const scoreCard = el('section', { class: 'score-card', id: 'score-card', 'aria-labelledby': 'score-heading' });
  const reviews = el('section', { class: 'reviews', id: 'reviews', 'aria-labelledby': 'reviews-heading' });
  renderScore(scoreCard, movie);
  // the reader's own review (its id comes with their rating, never from the public list) gets no Helpful vote
  let own = mine?.reviewId;
  const refresh = async (latest) => {
    renderScore(scoreCard, latest);
    own = (await ownRating(id))?.reviewId; // a write may have added, replaced or removed the review
    await renderReviews(reviews, id, latest.reviewCount, { cache: 'no-cache' }, own);
  };
  showPage(main, titleOf(movie),
    el('p', { class: 'back' }, el('a', { href: '#/' }, '← All movies')),
    el('h1', {}, titleOf(movie), movie.year ? el('span', { class: 'year' }, ` (${movie.year})`) : null),
    el('p', { class: 'genres' }, movie.genres.join(' · ')),
    externalLinks(movie),
    listed ? watchlistButton(movie, listed) : null,
    el('div', { class: 'movie-layout' }, scoreCard, ratingSection(movie, mine, refresh)),
    logViewingSection(movie, refresh),
    tagsSection(movie, tags),
    similar ? similarSection(similar) : null,
    history ? historySection(history) : null,
    reviews);
  await renderReviews(reviews, id, movie.reviewCount, {}, own);
  return { name: 'movie' };
}

/** "Log a viewing": a button that loads the diary's form (log-viewing.js) when it is wanted. */
function logViewingSection(movie, refresh) {
  const section = el('section', { class: 'log-viewing', id: 'log-viewing', 'aria-labelledby': 'log-viewing-heading' },
    el('h2', { id: 'log-viewing-heading' }, 'Diary'));
  if (!session.token) return section.appendChild(el('p', {}, 'Sign in to log when you watch it.')).parentNode;
  const open = el('button', { type: 'button', id: 'open-log-viewing' }, 'Log a viewing');
  open.addEventListener('click', async () => {
    const form = (await import('./log-viewing.js')).logViewingForm(movie, refresh);
    open.replaceWith(form);
    form.querySelector('input')?.focus();
  });
  section.append(open);
  return section;
}

function tagsSection(movie, mine) {
  const s = el('section', { id: 'tags' }, el('h2', {}, 'Tags'), el('ul', {}, movie.tags.map((t) =>
    el('li', {}, el('a', { href: `#/?sort=popular&tag=${encodeURIComponent(t.tag)}` }, t.tag), ' ' + t.count))));
  if (mine) s.append(el('ul', { 'aria-label': 'Your tags' }, mine.tags.map(tagItem)),
    el('button', { type: 'button', id: 'add-tag' }, 'Add a tag'));
  s.onclick = async (e) => e.target.type == 'button' && (await import('./tag-editor.js')).click(movie, e.target);
  return s;
}

export const tagItem = (t) => el('li', {}, t, ' ', el('button', { type: 'button', value: t, 'aria-label': 'Remove ' + t }, '×'));

/** The film's pages elsewhere, from the catalogue's ids; nothing when it has none. */
function externalLinks(movie) {
  const links = [['IMDb', movie.imdbUrl, 'imdb-link'], ['TMDB', movie.tmdbUrl, 'tmdb-link']].filter(([, url]) => url);
  if (!links.length) return null;
  return el('p', { class: 'external-links' }, 'Elsewhere: ', ...links.flatMap(([name, url, id], i) => [
    i ? ' · ' : null,
    el('a', { href: url, id, rel: 'noopener noreferrer external' }, name, hidden(` page of ${titleOf(movie)}`))]));
}

/** "More like this": films the same people like (both rated 4.0 or more), most alike first. */
function similarSection(similar) {
  const section = el('section', { class: 'similar', id: 'similar', 'aria-labelledby': 'similar-heading' },
    el('h2', { id: 'similar-heading' }, 'More like this'));
  if (!similar.items.length) {
    section.append(el('p', {}, 'Not enough people like this film and others yet to suggest similar ones.'));
    return section;
  }
  section.append(
    el('p', { class: 'hint' }, 'Films liked by the same people (rated 4 stars or more).'),
    el('ol', { class: 'similar-list', id: 'similar-list' }, similar.items.map((m) => el('li', {},
      el('a', { href: `#/movies/${m.id}` }, titleOf(m)), m.year ? el('span', { class: 'year' }, ` (${m.year})`) : null,
      el('span', { class: 'detail' }, ` · ${m.coLikes.toLocaleString('en')} people like both`)))));
  return section;
}

async function ownRating(id) {
  if (!session.token) return null;
  try {
    const page = await api.myRatings({ movie: id, limit: 1 });
    return page.items.find((r) => String(r.movieId) === String(id)) ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

async function watchlistStatus(id) {
  if (!session.token) return null;
  return api.watchlist({ movie: id }).catch(() => null);
}

/** A toggle (aria-pressed): on the person's watchlist or not. Rating the film takes it off (the server's rule). */
function watchlistButton(movie, listed) {
  const button = el('button', { type: 'button', id: 'watchlist-toggle', class: 'watchlist-toggle' });
  const status = el('span', { class: 'status', id: 'watchlist-toggle-status', role: 'status' });
  const show = (on) => {
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? '✓ On your watchlist' : '+ Add to watchlist';
  };
  show(listed.onWatchlist);
  button.addEventListener('click', async () => {
    const on = button.getAttribute('aria-pressed') === 'true';
    button.disabled = true;
    try {
      const answer = on ? await api.unwatch(movie.id) : await api.watch(movie.id);
      show(answer.onWatchlist);
      status.textContent = answer.onWatchlist ? 'Added to your watchlist.' : 'Removed from your watchlist.';
    } catch (error) {
      status.textContent = `Not changed: ${error instanceof ApiError ? error.message : 'the service could not be reached.'}`;
    } finally {
      button.disabled = false;
    }
  });
  return el('p', { class: 'watchlist-line' }, button, ' ', status);
}

function renderScore(card, movie) {
  // below the minimum the answer leaves out histogram and weighted score: they would give the average away
  const withheld = movie.histogram === null;
  const max = withheld ? 1 : Math.max(1, ...Object.values(movie.histogram));
  const average = movie.averageRating !== null
    ? ['Average ', el('strong', { id: 'average-rating' }, score(movie.averageRating)), ' from ', el('strong', { id: 'rating-count' }, count(movie.ratingCount, 'rating', 'ratings'))]
    : movie.averageHidden
      ? [el('strong', { id: 'rating-count' }, count(movie.ratingCount, 'rating', 'ratings')), el('span', { id: 'average-hidden' },
        ` so far. The average shows from ${movie.minimumRatingsForAverage} ratings.`)]
      : [el('span', { id: 'rating-count' }, 'No ratings yet. Be the first.')];
  const bars = withheld ? [] : HALF_STARS.map((s) => {
    const n = movie.histogram[s] ?? 0;
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = n ? `max(3px, ${(n / max) * 100}%)` : '0';
    return el('li', {}, el('span', { class: 'bar-label' }, stars(s)), el('span', { class: 'bar-track' }, bar),
      el('span', { class: 'bar-count' }, n.toLocaleString('en'), hidden(n === 1 ? ' rating' : ' ratings')));
  }).reverse();
  card.replaceChildren(
    el('h2', { id: 'score-heading' }, 'Score'),
    el('p', { class: 'big-score' }, el('span', { id: 'weighted-rating' }, score(movie.weightedRating)),
      el('span', { class: 'out-of' }, ' / 5'), el('span', { class: 'score-kind' }, ' weighted score')),
    el('p', { class: 'average' }, ...average),
    el('details', { class: 'explain' }, el('summary', {}, 'What is the weighted score?'),
      el('p', {}, 'The average pulled towards the mean of all films until a film has enough ratings to speak for itself (IMDb’s formula), so one enthusiastic vote cannot top the charts.')),
    el('h3', { id: 'histogram-heading' }, 'How people rated it'),
    withheld ? el('p', { id: 'histogram-hidden' }, `Shown from ${movie.minimumRatingsForAverage} ratings.`)
      : el('ul', { class: 'histogram', 'aria-labelledby': 'histogram-heading' }, bars));
}

function ratingSection(movie, mine, refresh) {
  const section = el('section', { class: 'your-rating', id: 'your-rating', 'aria-labelledby': 'your-rating-heading' },
    el('h2', { id: 'your-rating-heading' }, 'Your rating'));
  if (!session.token) {
    section.append(el('p', {}, 'Sign in to rate this film and write a review. '),
      el('button', { type: 'button', id: 'sign-in-to-rate', onclick: () => document.getElementById('sign-in').click() },
        'Sign in to rate'));
    return section;
  }
  const input = starInput({ name: 'stars', legend: 'Stars (half stars allowed)', value: mine ? Number(mine.stars).toFixed(1) : null });
  const text = el('textarea', { id: 'review-text', name: 'review', maxlength: 5000, rows: 4, 'aria-describedby': 'review-hint' }, mine?.reviewText ?? '');
  const spoiler = el('input', { id: 'spoiler', name: 'spoiler', type: 'checkbox', checked: Boolean(mine?.reviewSpoiler) });
  const status = el('p', { class: 'status', id: 'rating-status', role: 'status' });
  const save = el('button', { type: 'submit', class: 'primary', id: 'save-rating' }, mine ? 'Update rating' : 'Save rating');
  const remove = el('button', { type: 'button', id: 'delete-rating', class: 'danger', hidden: !mine }, 'Delete my rating');
  // deleting asks first, and says the review goes too: the rating and its review are one thing in this design
  const confirmText = el('p', { id: 'delete-question' });
  const yes = el('button', { type: 'button', id: 'confirm-delete', class: 'danger' }, 'Yes, delete');
  const no = el('button', { type: 'button', id: 'keep-rating' }, 'Keep it');
  const confirmBox = el('div', { class: 'confirm', id: 'delete-confirm', role: 'group', 'aria-labelledby': 'delete-question', hidden: true },
    confirmText, el('div', { class: 'actions' }, yes, no));
  const busy = (on) => { save.disabled = on; remove.disabled = on; yes.disabled = on; };

  async function track(command, done) {
    busy(true);
    status.textContent = 'Saving…';
    try {
      const accepted = await command();
      const latest = await waitUntilVisible(movie.id, accepted);
      if (latest) {
        await refresh(latest);
        status.textContent = done;
      } else {
        status.textContent = 'Saved. It will show in the score in a moment.';
      }
      return true;
    } catch (error) {
      status.textContent = error instanceof ApiError ? `Not saved: ${error.message}` : 'Not saved: the service could not be reached.';
      return false;
    } finally {
      busy(false);
    }
  }

  const form = el('form', { class: 'rating-form', id: 'rating-form', onsubmit: async (event) => {
    event.preventDefault();
    if (!input.value) {
      status.textContent = 'Choose how many stars first.';
      input.focus();
      return;
    }
    const review = text.value.trim() ? { text: text.value.trim(), spoiler: spoiler.checked } : null;
    if (await track(() => api.rate(movie.id, Number(input.value), review), `Saved: ${starsInWords(input.value)}. The score now includes your rating.`)) {
      save.textContent = 'Update rating';
      remove.hidden = false;
    }
  } },
  input.element,
  el('label', { for: 'review-text' }, 'Review (optional)'),
  el('p', { id: 'review-hint', class: 'hint' }, 'Shown to everyone with your name. Leave it empty to rate without a review; clearing it removes your review.'),
  text,
  el('div', { class: 'checkbox' }, spoiler, el('label', { for: 'spoiler' }, 'My review contains spoilers')),
  el('div', { class: 'actions' }, save, remove),
  confirmBox,
  status);
  remove.addEventListener('click', () => {
    confirmText.textContent = text.value.trim()
      ? 'Delete your rating? Your review goes with it, for everyone.'
      : 'Delete your rating? If you wrote a review, it goes with it.';
    confirmBox.hidden = false;
    no.focus();
  });
  no.addEventListener('click', () => { confirmBox.hidden = true; remove.focus(); });
  yes.addEventListener('click', async () => {
    confirmBox.hidden = true;
    if (await track(() => api.unrate(movie.id), 'Deleted. Your rating and review no longer count.')) {
      input.value = null;
      text.value = '';
      spoiler.checked = false;
      save.textContent = 'Save rating';
      remove.hidden = true;
      save.focus();
    }
  });
  section.append(form);
  return section;
}

/** Reviews, newest first, ten at a time. After the user's own write they are revalidated, never taken from cache. */
async function renderReviews(section, id, total, options, own) {
  const list = el('ul', { class: 'review-list', id: 'review-list' });
  const more = el('button', { type: 'button', class: 'more', id: 'more-reviews', hidden: true }, 'Show more reviews');
  let cursor = null;
  const load = async () => {
    const page = await api.reviews(id, cursor, options);
    const start = list.children.length;
    list.append(...page.items.map((review) => reviewItem(review, id, own)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    return list.children[start];
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { (await load())?.querySelector('.review-author')?.focus(); } finally { more.disabled = false; }
  });
  await load();
  const sort = el('select', { id: 'review-sort' }, el('option', { value: 'newest' }, 'Newest'),
    el('option', { value: 'helpful' }, 'Most helpful'));
  sort.value = options.sort ?? 'newest';
  sort.onchange = () => renderReviews(section, id, total, { ...options, sort: sort.value }, own)
    .then(() => section.querySelector('#review-sort').focus());
  section.replaceChildren(el('h2', { id: 'reviews-heading' }, `Reviews (${total.toLocaleString('en')})`),
    el('label', { for: 'review-sort' }, 'Sort by '), sort, list.children.length ? list : el('p', {}, 'No reviews yet.'), more);
}

function reviewItem(review, id, own) {
  const body = el('p', { class: 'review-text' }, review.text);
  const canVote = session.token && review.reviewId !== own; // one's own review: the count, no vote
  const vote = el(canVote ? 'button' : 'span', { class: 'helpful', 'data-review': review.reviewId },
    `Helpful (${review.helpfulCount})`);
  if (canVote) Object.assign(vote, { type: 'button', onclick: async () => (await import('./helpful.js')).toggle(vote, id) });
  const meta = el('p', { class: 'review-meta' },
    el('strong', { class: 'review-author', tabindex: '-1' }, review.author), ' · ',
    el('span', { class: 'review-stars' }, hidden('rated '), stars(review.stars)), ' · ',
    el('time', { datetime: review.writtenAt }, date(review.writtenAt)), ' · ', vote);
  if (!review.spoiler) return el('li', { class: 'review' }, meta, body);
  const bodyId = `review-${crypto.randomUUID()}`;
  body.id = bodyId;
  body.hidden = true;
  const reveal = el('button', { type: 'button', class: 'reveal', 'aria-expanded': 'false', 'aria-controls': bodyId }, 'Show spoiler');
  reveal.addEventListener('click', () => {
    const showing = body.hidden;
    body.hidden = !showing;
    reveal.setAttribute('aria-expanded', String(showing));
    reveal.textContent = showing ? 'Hide spoiler' : 'Show spoiler';
  });
  return el('li', { class: 'review spoiler' }, meta, el('p', { class: 'spoiler-warning' }, 'This review contains spoilers.'), reveal, body);
}
