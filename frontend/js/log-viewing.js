// "Log a viewing" on the movie page: when you watched it, whether it was a rewatch, stars (which also set your
// rating) and a private note, written to your diary.
// Loaded only when someone opens the form, so the movie page stays within its weight budget.
import { api, request, waitUntilVisible, ApiError } from './api.js';
import { el } from './dom.js';
import { starInput } from './stars.js';

/** Today in UTC+14, the latest day the service accepts (nobody's today is ever refused as "in the future"). */
export function latestDay() {
  return new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
}

const localToday = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

/** Waits (at most about ten seconds) until the diary entry a write answered shows its version; false if not. */
async function waitUntilInDiary(written, { intervalMs = 200, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const version = written.ratingSet ? written.streamVersion - 1 : written.streamVersion;
  for (let wait = intervalMs; ; wait = Math.min(wait * 1.5, 1_000)) {
    try {
      const entry = await api.diaryEntry(written.entryId);
      if (entry.streamVersion >= version) return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    if (Date.now() + wait > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** The form, in place of the button that opened it. */
export function logViewingForm(movie, refresh) {
  const form = viewingForm({ prefix: '', save: 'Log viewing', entry: null, submit: async (viewing, status) => {
    const written = await api.logViewing({ movieId: Number(movie.id), ...viewing });
    const shown = await waitUntilInDiary(written);
    if (written.ratingSet) {
      const latest = await waitUntilVisible(movie.id, written);
      if (latest) await refresh(latest);
    }
    const year = viewing.watchedOn.slice(0, 4);
    status.replaceChildren(shown ? 'Logged in your diary. ' : 'Logged. It will show in your diary in a moment. ',
      el('a', { href: `#/diary?year=${year}`, id: 'see-diary' }, `See your ${year} diary`));
    form.querySelector('#viewing-note').value = '';
    form.querySelector('#rewatch').checked = true;
  } });
  return form;
}

/**
 * The diary page's "Edit": the logging form, prefilled with the entry, replacing the whole entry (PUT; an
 * emptied note removes it, stars left out leave the rating). done(entry, shown) runs once it is saved.
 */
export function editViewingForm(entry, done, cancel) {
  const form = viewingForm({ prefix: 'edit-', save: 'Save changes', entry, cancel, submit: async (viewing) => {
    const written = await request('PUT', `/api/me/diary/${encodeURIComponent(entry.entryId)}`,
      { body: viewing, auth: true });
    await done(viewing, await waitUntilInDiary(written));
  } });
  return form;
}

/** Day watched, rewatch, stars and note; submit(viewing, status) writes them, the form reports failures. */
function viewingForm({ prefix, save: label, entry, submit, cancel }) {
  const id = (name) => prefix + name;
  const watched = el('input', { id: id('watched-on'), name: 'watchedOn', type: 'date', required: true, min: '1870-01-01',
    max: latestDay(), value: entry?.watchedOn ?? localToday() });
  const rewatch = el('input', { id: id('rewatch'), name: 'rewatch', type: 'checkbox', checked: Boolean(entry?.rewatch) });
  const input = starInput({ name: id('viewing-stars'), legend: 'Stars for this viewing (optional; they become your rating)',
    value: entry?.stars == null ? null : Number(entry.stars).toFixed(1) });
  const note = el('textarea', { id: id('viewing-note'), name: 'note', maxlength: 2000, rows: 2, 'aria-describedby': id('viewing-note-hint') },
    entry?.note ?? '');
  const status = el('p', { class: 'status', id: id('viewing-status'), role: 'status' });
  const save = el('button', { type: 'submit', class: 'primary', id: id('log-viewing-button') }, label);
  const form = el('form', { class: 'viewing-form', id: id('viewing-form'), onsubmit: async (event) => {
    event.preventDefault();
    if (!watched.value) {
      status.textContent = 'Choose the day you watched it.';
      watched.focus();
      return;
    }
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      const viewing = { watchedOn: watched.value, rewatch: rewatch.checked };
      if (input.value) viewing.stars = Number(input.value);
      if (note.value.trim()) viewing.note = note.value.trim();
      await submit(viewing, status);
    } catch (error) {
      status.textContent = error instanceof ApiError ? `Not saved: ${error.message}` : 'Not saved: the service could not be reached.';
    } finally {
      save.disabled = false;
    }
  } },
  el('div', { class: 'field' }, el('label', { for: id('watched-on') }, 'Watched on'), watched),
  el('div', { class: 'checkbox' }, rewatch, el('label', { for: id('rewatch') }, 'I had seen it before (rewatch)')),
  input.element,
  el('label', { for: id('viewing-note') }, 'Note (optional)'),
  el('p', { id: id('viewing-note-hint'), class: 'hint' }, 'Only you see your note.'),
  note,
  el('div', { class: 'actions' }, save,
    cancel ? el('button', { type: 'button', id: id('cancel-viewing'), onclick: cancel }, 'Cancel') : null),
  status);
  return form;
}
