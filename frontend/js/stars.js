// The rating input: ten native radio buttons (0.5 … 5.0) in a fieldset, drawn as five stars split in
// halves. Native radios give the keyboard behaviour (Tab into the group, arrow keys to move, Space to
// choose) and each has a spoken label ("3.5 stars"); the drawing follows the checked or hovered value.
import { el, hidden, HALF_STARS } from './dom.js';

export function starInput({ name = 'stars', legend = 'Your rating', value = null } = {}) {
  const readout = el('span', { class: 'star-readout', 'aria-hidden': 'true' });
  const halves = [];
  const starsRow = el('div', { class: 'star-row' });
  for (let star = 0; star < 5; star++) {
    const shape = el('span', { class: 'star-shape', 'aria-hidden': 'true' }, el('span', { class: 'fill left' }), el('span', { class: 'fill right' }));
    const box = el('span', { class: 'star' }, shape);
    for (const side of ['left', 'right']) {
      const v = HALF_STARS[star * 2 + (side === 'right' ? 1 : 0)];
      const id = `${name}-${v.replace('.', '-')}`;
      const input = el('input', { type: 'radio', name, value: v, id, class: 'star-radio', checked: v === value });
      const label = el('label', { for: id, class: `half ${side}` }, hidden(`${Number(v)} ${v === '1.0' ? 'star' : 'stars'}`));
      label.addEventListener('mouseenter', () => paint(v));
      label.addEventListener('mouseleave', () => paint(selected()));
      halves.push({ v, input, fill: shape.children[side === 'left' ? 0 : 1] });
      box.append(input, label);
    }
    starsRow.append(box);
  }
  const selected = () => halves.find((h) => h.input.checked)?.v ?? null;
  function paint(v) {
    for (const half of halves) half.fill.classList.toggle('on', v !== null && Number(half.v) <= Number(v));
    readout.textContent = v === null ? 'Not rated' : `${Number(v).toFixed(1)} / 5`;
  }
  const fieldset = el('fieldset', { class: 'star-input', id: `${name}-group` }, el('legend', {}, legend), starsRow, readout);
  fieldset.addEventListener('change', () => paint(selected()));
  paint(selected());
  return {
    element: fieldset,
    get value() { return selected(); },
    set value(v) { for (const half of halves) half.input.checked = half.v === v; paint(selected()); },
    focus() { (halves.find((h) => h.input.checked) ?? halves[0]).input.focus(); },
  };
}
