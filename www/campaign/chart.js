// The campaign's chart: each state's count over the seconds since it started, as SVG lines,
// with a legend of the counts now.
import { $, el } from '../ui.js';

const SERIES = [
  ['queued', '#8a94a3'],
  ['sent', '#0b5cd5'],
  ['delivered', '#12703a'],
  ['refused', '#a15c00'],
  ['failed', '#b3261e'],
];

function attributes(node, values) {
  for (const [k, v] of Object.entries(values)) node.setAttribute(k, v);
}

/** `points`: `{t, queued, sent, delivered, refused, failed}` over time; `now`: the counts now. */
export function drawChart(points, recipients, now) {
  const svg = $('campaign-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const total = Math.max(recipients, 1);
  const span = Math.max(points.at(-1)?.t ?? 1, 1);
  const x = (t) => 40 + (t / span) * 550;
  const y = (v) => 190 - (v / total) * 180;
  const nodes = [svg.querySelector('title')];
  for (const [at, label] of [
    [0, '0'],
    [total, total.toLocaleString()],
  ]) {
    const text = document.createElementNS(ns, 'text');
    attributes(text, { x: 2, y: y(at) + 4, 'font-size': 11, fill: '#5a6676' });
    text.textContent = label;
    nodes.push(text);
  }
  for (const [state, color] of SERIES) {
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.map((p) => `${x(p.t).toFixed(1)},${y(p[state]).toFixed(1)}`).join(' '));
    attributes(line, { fill: 'none', stroke: color, 'stroke-width': 2, 'data-state': state });
    nodes.push(line);
  }
  svg.replaceChildren(...nodes);
  $('campaign-legend').replaceChildren(
    ...SERIES.map(([state, color]) => el('span', `${state} ${now[state].toLocaleString()}`, { style: `--swatch: ${color}`, id: `campaign-${state}` })),
  );
}
