// Builds DOM nodes from data without ever parsing it as HTML: every string becomes a text node or an
// attribute value, so a review saying <script> or <img onerror> stays text.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Text only screen readers read, e.g. the unit after a number shown as a bar. */
export const hidden = (text) => el('span', { class: 'visually-hidden' }, text);

/** The title as people write it ("The Godfather"); older answers without one fall back to the catalogue's. */
export const titleOf = (movie) => movie.displayTitle ?? movie.title;

export const HALF_STARS = ['0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0', '4.5', '5.0'];

export const score = (value) => (value === null || value === undefined ? '–' : value.toFixed(2));

/** "4.5 ★" on screen, "4.5 stars" for screen readers. */
export const stars = (value) => el('span', { class: 'stars' }, Number(value).toFixed(1),
  el('span', { 'aria-hidden': 'true' }, ' ★'), hidden(' stars'));

export const starsInWords = (value) => `${Number(value).toFixed(1)} out of 5 stars`;

export const count = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function date(iso) {
  return iso ? new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' }) : '';
}

/** Shows a page: replaces main, titles the document and moves focus to the heading for screen readers. */
export function showPage(main, title, ...children) {
  document.title = `${title} · Movie Ratings`;
  main.replaceChildren(...children.filter((child) => child !== null && child !== undefined));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
}
