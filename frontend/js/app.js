import { api, session, ApiError } from './api.js';
import { el } from './dom.js';
import { topMovies, moviePage, myRatings } from './views.js';

const main = document.getElementById('main');

async function route() {
  const [path, queryString] = location.hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(queryString || '');
  const movie = /^\/movies\/(\d+)$/.exec(path || '');
  try {
    if (movie) await moviePage(main, movie[1]);
    else if (path === '/me') await myRatings(main);
    else await topMovies(main, query);
  } catch (error) {
    main.replaceChildren(el('h1', {}, 'Something went wrong'),
      el('p', {}, error instanceof ApiError ? error.message : 'The service could not be reached.'));
  }
}

function showSession() {
  const signedIn = Boolean(session.token);
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('signed-in').hidden = !signedIn;
  document.getElementById('my-ratings-link').hidden = !signedIn;
  document.getElementById('signed-in-name').textContent = session.user || '';
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = new FormData(event.target).get('user');
  try {
    const issued = await api.signIn(user);
    session.save(issued.user, issued.token);
    showSession();
    await route();
  } catch (error) {
    alert(error instanceof ApiError ? error.message : 'Sign-in failed');
  }
});

document.getElementById('sign-out').addEventListener('click', async () => {
  session.clear();
  showSession();
  await route();
});

window.addEventListener('hashchange', route);
showSession();
route();
