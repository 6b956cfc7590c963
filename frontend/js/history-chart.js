// A score's history as an inline SVG line chart (no third-party code) with the same numbers in a table
// for screen readers and anyone who prefers them. Each point is the average at the end of a month in which
// the ratings changed; a gap where the average was withheld (too few ratings).
import { el, score } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const monthName = (period) => new Date(`${period}-01T00:00:00Z`)
  .toLocaleDateString('en', { year: 'numeric', month: 'short', timeZone: 'UTC' });

/** The section: a heading, the chart (or a sentence when there is nothing to draw) and the data table. */
export function historySection(history) {
  const points = history.points;
  const section = el('section', { class: 'history', id: 'score-history', 'aria-labelledby': 'history-heading' },
    el('h2', { id: 'history-heading' }, 'Score over time'));
  const shown = points.filter((p) => p.average !== null);
  if (!shown.length) {
    section.append(el('p', { id: 'history-empty' }, 'Not enough ratings yet to show how the average moved.'));
    return section;
  }
  const first = shown[0];
  const last = shown[shown.length - 1];
  const summary = `Average rating by month, from ${score(first.average)} in ${monthName(first.period)} `
    + `to ${score(last.average)} in ${monthName(last.period)}, over ${points.length} months with new ratings.`;
  section.append(chart(points, summary), table(points));
  return section;
}

function chart(points, summary) {
  const x = (i) => PAD.left + (points.length === 1 ? 0.5 : i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (average) => PAD.top + ((5 - average) / 4.5) * (HEIGHT - PAD.top - PAD.bottom);
  const grid = [1, 2, 3, 4, 5].flatMap((stars) => [
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(stars), y2: y(stars), class: 'grid' }),
    svg('text', { x: PAD.left - 8, y: y(stars) + 4, 'text-anchor': 'end', class: 'axis' }, stars.toFixed(1))]);
  // a line per run of points with an average, so a withheld average leaves a gap rather than a false slope
  const runs = [];
  points.forEach((p, i) => {
    if (p.average === null) { runs.push([]); return; }
    if (!runs.length) runs.push([]);
    runs[runs.length - 1].push(`${x(i).toFixed(1)},${y(p.average).toFixed(1)}`);
  });
  const lines = runs.filter((r) => r.length).map((r) => r.length === 1
    ? svg('circle', { cx: r[0].split(',')[0], cy: r[0].split(',')[1], r: 3, class: 'line-dot' })
    : svg('polyline', { points: r.join(' '), class: 'line' }));
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  const labels = [
    svg('text', { x: PAD.left, y: HEIGHT - 8, class: 'axis' }, monthName(firstPoint.period)),
    svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end', class: 'axis' }, monthName(lastPoint.period)),
  ];
  return el('figure', { class: 'history-figure' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'history-summary', id: 'history-chart' },
    svg('title', { id: 'history-summary' }, summary), ...grid, ...lines, ...labels),
    el('figcaption', { class: 'hint' }, summary));
}

function table(points) {
  const rows = points.map((p) => el('tr', {},
    el('th', { scope: 'row' }, monthName(p.period)),
    el('td', {}, p.ratingCount.toLocaleString('en')),
    el('td', {}, p.average === null ? 'withheld' : score(p.average))));
  return el('details', { class: 'history-table' },
    el('summary', {}, 'Show the numbers'),
    el('table', { id: 'history-table' },
      el('caption', {}, 'Ratings and average at the end of each month in which they changed'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Month'), el('th', { scope: 'col' }, 'Ratings'),
        el('th', { scope: 'col' }, 'Average'))),
      el('tbody', {}, rows)));
}
