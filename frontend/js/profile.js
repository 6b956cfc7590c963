// Account: the display name shown with the user's reviews, a copy of their data, and erasure.
import { api, session, ApiError } from './api.js';
import { el, showPage } from './dom.js';

const failure = (error) => (error instanceof ApiError ? error.message : 'the service could not be reached.');

export async function profilePage(main) {
  const heading = el('h1', {}, 'Account');
  if (!session.token) {
    showPage(main, 'Account', heading, el('p', {}, 'Sign in (at the top of the page) to choose your display name.'));
    return { name: 'profile' };
  }
  const profile = await api.profile();
  const input = el('input', {
    id: 'display-name', name: 'displayName', type: 'text', autocomplete: 'nickname', maxlength: '32',
    minlength: '3', required: true, 'aria-describedby': 'display-name-help', value: profile.displayName || '',
  });
  const nameStatus = el('p', { class: 'status', id: 'display-name-status', role: 'status' });
  const nameForm = el('form', { class: 'rating-form', id: 'profile-form' },
    el('label', { for: 'display-name' }, 'Display name'),
    input,
    el('p', { id: 'display-name-help', class: 'help' },
      '3 to 32 letters, digits, spaces and - _ . \' — shown with your reviews. A name that looks like someone else\'s is refused.'),
    el('button', { type: 'submit' }, 'Save name'),
    nameStatus);
  nameForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    nameStatus.textContent = 'Saving…';
    try {
      const saved = await api.saveProfile(input.value);
      input.value = saved.displayName;
      nameStatus.textContent = `Saved. Your reviews now show “${saved.displayName}”.`;
    } catch (error) {
      nameStatus.textContent = `Not saved: ${failure(error)}`;
    }
  });

  const dataStatus = el('p', { class: 'status', id: 'my-data-status', role: 'status' });
  const download = el('button', { type: 'button', id: 'export' }, 'Download my data');
  download.addEventListener('click', async () => {
    dataStatus.textContent = 'Preparing…';
    try {
      const data = await api.exportMine();
      const link = el('a', {
        href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })),
        download: 'my-movie-ratings-data.json',
      }, 'my-movie-ratings-data.json');
      dataStatus.replaceChildren(`Ready: ${data.ratings.length} rating(s), ${data.events.length} event(s). Save `, link);
    } catch (error) {
      dataStatus.textContent = `Not exported: ${failure(error)}`;
    }
  });
  const confirm = el('input', { type: 'checkbox', id: 'confirm-erase' });
  const erase = el('button', { type: 'button', id: 'erase', class: 'danger' }, 'Delete my data');
  erase.addEventListener('click', async () => {
    if (!confirm.checked) {
      dataStatus.textContent = 'Tick the box first: deleting cannot be undone.';
      confirm.focus();
      return;
    }
    dataStatus.textContent = 'Deleting…';
    try {
      const erased = await api.eraseMine();
      input.value = '';
      confirm.checked = false;
      dataStatus.textContent = `Deleted: your name, your review texts and ${erased.streams} rating(s) are gone.`;
    } catch (error) {
      dataStatus.textContent = `Not deleted: ${failure(error)}`;
    }
  });
  const data = el('section', { class: 'my-data', 'aria-labelledby': 'my-data-heading' },
    el('h2', { id: 'my-data-heading' }, 'Your data'),
    el('p', {}, download),
    el('div', { class: 'checkbox' }, confirm,
      el('label', { for: 'confirm-erase' }, 'I understand that deleting removes my name, reviews and ratings for good')),
    el('p', {}, erase),
    dataStatus);
  showPage(main, 'Account', heading, nameForm, data);
  return { name: 'profile' };
}
