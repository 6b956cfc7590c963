// Search as you type: an ARIA 1.2 combobox whose listbox offers matching titles (debounced; a newer
// keystroke cancels the older request). Arrow keys move through the offers, Enter opens one, Escape closes.
import { api } from './api.js';
import { el, titleOf } from './dom.js';

export function suggestions(input, { onChoose, delayMs = 180 } = {}) {
  const list = el('ul', { id: `${input.id}-suggestions`, role: 'listbox', class: 'suggestions', 'aria-label': 'Suggested movies', hidden: true });
  const status = el('p', { class: 'visually-hidden', role: 'status' });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');
  let timer = null;
  let inFlight = null;
  let items = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index) => {
    active = index;
    [...list.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', list.children[index].id);
      list.children[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const show = (movies) => {
    items = movies;
    list.replaceChildren(...movies.map((movie, i) => el('li', {
      id: `${list.id}-${i}`, role: 'option', 'aria-selected': 'false', class: 'suggestion',
      onmousedown: (e) => e.preventDefault(), // keep focus in the input
      onclick: () => { close(); onChoose(movie); },
    }, el('span', { class: 'suggestion-title' }, titleOf(movie)), ' ', el('span', { class: 'year' }, movie.year ?? ''))));
    status.textContent = movies.length ? `${movies.length} suggestions; use the arrow keys to choose` : 'No matching titles';
    if (movies.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(-1);
    } else {
      close();
    }
  };

  const lookUp = async (q) => {
    inFlight?.abort();
    inFlight = new AbortController();
    try {
      const page = await api.movies({ q, limit: 6 }, inFlight.signal);
      if (input.value.trim() === q) show(page.items);
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { inFlight?.abort(); close(); return; }
    timer = setTimeout(() => lookUp(q), delayMs);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight((active + 1) % items.length); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
    else if (event.key === 'Escape') { event.preventDefault(); close(); }
    else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); const movie = items[active]; close(); onChoose(movie); }
  });
  input.addEventListener('blur', () => setTimeout(close, 0));
  return el('div', { class: 'combobox' }, input, list, status);
}
