// Entry point: the hash router, the header's sign-in, and the page views.
import { session, ApiError } from './api.js';
import { startHostedSignIn, completeHostedSignIn, hostedSignOutUrl } from './auth.js';
import { el, showPage } from './dom.js';
import { homePage } from './home.js';
import { moviePage } from './movie.js';

const main = document.getElementById('main');
let current = null; // the view on screen, so a change of filters refreshes results rather than the page

function parse() {
  const [path, queryString] = location.hash.replace(/^#/, '').split('?');
  return { path: path || '/', query: new URLSearchParams(queryString || '') };
}

async function route() {
  const { path, query } = parse();
  const movie = /^\/movies\/(\d{1,18})$/.exec(path);
  const pages = {
    '/me': 'me', '/me/ratings': 'ratings', '/me/watchlist': 'watchlist', '/diary': 'diary', '/profile': 'profile',
  };
  const name = movie ? 'movie' : pages[path] || 'home';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.setAttribute('aria-busy', 'true');
  try {
    if (name === 'home' && current?.name === 'home') {
      await current.update(query);
      return;
    }
    if (name === 'movie') current = await moviePage(main, movie[1]);
    // the person's own pages load their code when first opened, so the movie page ships none of it
    else if (name === 'me') current = await (await import('./me.js')).mePage(main);
    else if (name === 'ratings') current = await (await import('./my-ratings.js')).myRatingsPage(main, query);
    else if (name === 'watchlist') current = await (await import('./watchlist.js')).watchlistPage(main, query);
    else if (name === 'profile') current = await (await import('./profile.js')).profilePage(main);
    else if (name === 'diary') current = await (await import('./diary.js')).diaryPage(main, query);
    else current = await homePage(main, query);
  } catch (error) {
    current = null;
    const notFound = error instanceof ApiError && error.status === 404;
    showPage(main, notFound ? 'Not found' : 'Something went wrong',
      el('h1', {}, notFound ? 'Not found' : 'Something went wrong'),
      el('p', {}, error instanceof ApiError ? error.message : 'The service could not be reached. Try again in a moment.'),
      el('p', {}, el('a', { href: '#/' }, 'Back to all movies')));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function showSession() {
  const signedIn = Boolean(session.token);
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('signed-in').hidden = !signedIn;
  document.getElementById('signed-in-name').textContent = session.user || '';
}

document.getElementById('sign-in').addEventListener('click', () => {
  startHostedSignIn().catch((failure) => {
    document.getElementById('sign-in-error').textContent = `Sign-in failed: ${failure.message}`;
  });
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  location.assign(hostedSignOutUrl());
});

window.addEventListener('session-changed', () => {
  showSession();
  current = null;
  route();
});
window.addEventListener('hashchange', route);
completeHostedSignIn()
  .then((signedIn) => { if (signedIn) session.save(signedIn.user, signedIn.token); })
  .catch((failure) => { document.getElementById('sign-in-error').textContent = `Sign-in failed: ${failure.message}`; })
  .finally(() => { showSession(); route(); });
