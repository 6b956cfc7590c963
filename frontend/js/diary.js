// Diary: the signed-in person's viewings of one year, grouped by month, newest first, with the years that hold
// viewings to move between; "Show more" pages on (a page may end inside a month: the month continues).
import { api, session, ApiError } from './api.js';
import { el, hidden, stars, showPage, titleOf } from './dom.js';

const monthName = (month) => new Date(`${month}-01T00:00:00Z`)
  .toLocaleDateString('en', { year: 'numeric', month: 'long', timeZone: 'UTC' });
const dayOf = (iso) => new Date(`${iso}T00:00:00Z`)
  .toLocaleDateString('en', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

export async function diaryPage(main, query, message = '') {
  const heading = el('h1', {}, 'Diary');
  if (!session.token) {
    showPage(main, 'Diary', heading, el('p', {}, 'Sign in (at the top of the page) to see the films you have logged.'));
    return { name: 'diary' };
  }
  const asked = query.get('year');
  const first = await api.diary({ year: /^\d{4}$/.test(asked ?? '') ? asked : undefined, limit: 50 });
  const year = first.year;
  heading.textContent = `Diary ${year}`;
  const months = el('div', { class: 'diary-months', id: 'diary-months' });
  const more = el('button', { type: 'button', class: 'more', id: 'more-diary', hidden: true }, 'Show more');
  const status = el('p', { class: 'status', id: 'diary-status', role: 'status' });
  let cursor = null;
  const show = (page) => {
    let firstNew = null;
    for (const group of page.months) {
      let list = months.querySelector(`ol[data-month="${group.month}"]`);
      if (!list) {
        const id = `month-${group.month}`;
        list = el('ol', { class: 'diary-entries', 'aria-labelledby': id, dataset: { month: group.month } });
        months.append(el('section', { class: 'diary-month' }, el('h2', { id }, monthName(group.month)), list));
      }
      for (const entry of group.entries) {
        const item = entryItem(entry, status, reload);
        firstNew ??= item;
        list.append(item);
      }
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
    return firstNew;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { show(await api.diary({ year, limit: 50, cursor }))?.querySelector('a')?.focus(); } finally { more.disabled = false; }
  });
  // after an edit: the year the entry is in now, read again, with what happened said in the status line
  const reload = async (y, said) => {
    history.replaceState(null, '', `#/diary?year=${y}`);
    await diaryPage(main, new URLSearchParams({ year: y }), said);
  };
  show(first);
  showPage(main, `Diary ${year}`, heading, yearNavigation(year, first.years),
    months.children.length ? months : el('p', { id: 'diary-empty' }, `No viewings logged in ${year}. `,
      el('a', { href: '#/' }, 'Find a film'), ' and log a viewing on its page.'),
    more, status);
  status.textContent = message;
  return { name: 'diary' };
}

/** Links to the years that hold viewings, this one marked as current, newest first. */
function yearNavigation(year, years) {
  const all = [...new Set([year, ...years])].sort((a, b) => b - a);
  return el('nav', { class: 'diary-years', 'aria-label': 'Diary years' },
    el('ul', {}, all.map((y) => el('li', {}, y === year
      ? el('a', { href: `#/diary?year=${y}`, 'aria-current': 'page' }, String(y))
      : el('a', { href: `#/diary?year=${y}` }, String(y))))));
}

function entryItem(entry, status, reload) {
  const title = titleOf(entry);
  const what = ` viewing of ${title} on ${entry.watchedOn}`;
  const edit = el('button', { type: 'button', class: 'small edit' }, 'Edit', hidden(what));
  const remove = el('button', { type: 'button', class: 'danger small' }, 'Delete', hidden(what));
  const body = el('div', { class: 'diary-body' },
    el('a', { href: `#/movies/${entry.movieId}` }, title), entry.year ? el('span', { class: 'year' }, ` (${entry.year})`) : null,
    entry.rewatch ? el('span', { class: 'rewatch' }, ' · rewatch') : null,
    entry.stars !== null ? el('span', { class: 'review-stars' }, ' · ', hidden('you gave it '), stars(entry.stars)) : null,
    entry.note ? el('p', { class: 'diary-note' }, entry.note) : null);
  const actions = el('div', { class: 'diary-actions' }, edit, ' ', remove);
  const item = el('li', { class: 'diary-entry', dataset: { entry: entry.entryId } },
    el('time', { class: 'diary-day', datetime: entry.watchedOn }, dayOf(entry.watchedOn)), body, actions);

  // the logging form, loaded on first use and prefilled; saved, the page is read again (the entry may move)
  edit.addEventListener('click', async () => {
    document.querySelector('#edit-viewing-form')?.querySelector('#edit-cancel-viewing')?.click();
    const { editViewingForm } = await import('./log-viewing.js');
    const close = () => { form.replaceWith(body); actions.hidden = false; edit.focus(); };
    const form = editViewingForm(entry, async (viewing, shown) => {
      const month = monthName(viewing.watchedOn.slice(0, 7));
      await reload(viewing.watchedOn.slice(0, 4), shown
        ? `Saved the viewing of ${title}: ${dayOf(viewing.watchedOn)}, in ${month}.`
        : `Saved the viewing of ${title}. It will show in ${month} in a moment.`);
    }, close);
    body.replaceWith(form);
    actions.hidden = true;
    form.querySelector('input').focus();
  });

  // deleting asks first and says what stays: the rating is not the diary's to take back
  const question = el('p', { id: `delete-question-${entry.entryId}` }, `Delete the${what}? Your rating of it stays.`);
  const yes = el('button', { type: 'button', class: 'danger small confirm-delete' }, 'Yes, delete');
  const no = el('button', { type: 'button', class: 'small keep' }, 'Keep it');
  const confirm = el('div', { class: 'confirm', role: 'group', 'aria-labelledby': question.id, hidden: true },
    question, el('div', { class: 'actions' }, yes, ' ', no));
  item.append(confirm);
  remove.addEventListener('click', () => { confirm.hidden = false; no.focus(); });
  no.addEventListener('click', () => { confirm.hidden = true; remove.focus(); });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await api.deleteViewing(entry.entryId);
      const gone = await waitUntilGone(entry.entryId);
      const list = item.parentElement;
      item.remove();
      if (list && !list.children.length) list.closest('section')?.remove();
      document.querySelector('#main h1')?.focus();
      status.textContent = `Deleted the${what}.${gone ? '' : ' It may show for a moment more.'} Your rating of it stays.`;
    } catch (error) {
      yes.disabled = false;
      status.textContent = error instanceof ApiError ? `Not deleted: ${error.message}` : 'Not deleted: the service could not be reached.';
    }
  });
  return item;
}

/** The read side has taken the entry off (a reload no longer shows it); false after about ten seconds. */
async function waitUntilGone(entryId) {
  for (let wait = 200, deadline = Date.now() + 10_000; ; wait = Math.min(wait * 1.5, 1_000)) {
    try {
      await api.diaryEntry(entryId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return true;
      throw error;
    }
    if (Date.now() + wait > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
