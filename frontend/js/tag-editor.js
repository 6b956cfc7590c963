// Your tags on the movie page (issue 19): removing one and the "Add a tag" form. movie.js renders the tags and
// sends every click on a button of its tags section here; this module is fetched on the first such click only,
// because the signed-in movie page is at its weight budget (61,440 B, JourneyBrowserTest).
import { request, ApiError } from './api.js';
import { el } from './dom.js';
import { tagItem } from './movie.js';

const path = (movie) => `/api/me/tags/${encodeURIComponent(movie.id)}`;

/** A click on "Add a tag" or on one of your tags' remove buttons. */
export async function click(movie, button) {
  const section = button.closest('section');
  let status = section.querySelector('[role=status]');
  if (!status) section.append(status = el('p', { class: 'status', id: 'tag-status', role: 'status' }));
  const list = section.querySelector('ul[aria-label]');
  if (button.id === 'add-tag') {
    const form = editor(movie, list, status);
    button.replaceWith(form);
    form.querySelector('input').focus();
    return;
  }
  try {
    await request('DELETE', `${path(movie)}?tag=${encodeURIComponent(button.value)}`, { auth: true });
    const next = button.closest('li').nextElementSibling?.querySelector('button') ?? section.querySelector('#new-tag, #add-tag');
    button.closest('li').remove();
    status.textContent = `Removed “${button.value}”.`;
    next?.focus();
  } catch (error) {
    status.textContent = failure(error);
  }
}

const failure = (error) => `Not changed: ${error instanceof ApiError ? error.message : 'the service could not be reached.'}`;

/** The form, in place of the button that opened it; an added tag joins your list. */
function editor(movie, list, status) {
  const input = el('input', { id: 'new-tag', name: 'tag', maxlength: 100, required: true, autocomplete: 'off',
    'aria-describedby': 'new-tag-hint' });
  const form = el('form', { class: 'tag-editor', id: 'tag-editor' },
    el('label', { for: 'new-tag' }, 'Add a tag'), ' ', input, ' ', el('button', { type: 'submit' }, 'Add'),
    el('p', { class: 'hint', id: 'new-tag-hint' }, 'A word or a few, up to 100 characters. Others see how many people use a tag, not who.'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const submit = form.querySelector('button');
    submit.disabled = true;
    try {
      const answer = await request('POST', path(movie), { auth: true, body: { tag: input.value } });
      if (answer.eventId) list.append(tagItem(answer.tag));
      status.textContent = answer.eventId ? `Added “${answer.tag}”.` : `You already have “${answer.tag}” here.`;
      input.value = '';
    } catch (error) {
      status.textContent = failure(error);
    } finally {
      submit.disabled = false;
      input.focus();
    }
  });
  return form;
}
