// The timeline: events a day as bars and the deaths they report as a line (uPlot).

import { h } from './dom.js';

let current = null;

export function drawTimeline(box, days) {
  if (current) current.destroy();
  current = null;
  box.replaceChildren();
  if (!days.length) {
    box.append(h('p', { class: 'empty' }, 'No dated event matches these filters.'));
    return null;
  }
  const xs = days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
  const data = [xs, days.map((d) => d.events), days.map((d) => d.fatalities)];
  const options = {
    width: Math.max(320, box.clientWidth || 640),
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true }, events: { auto: true }, killed: { auto: true } },
    series: [
      {},
      {
        label: 'Events',
        scale: 'events',
        stroke: '#2c6fbb',
        fill: 'rgba(44, 111, 187, 0.35)',
        paths: uPlot.paths.bars({ size: [0.8, 24] }),
        points: { show: false },
      },
      { label: 'Killed', scale: 'killed', stroke: '#b03a2e', width: 2 },
    ],
    axes: [
      {},
      { scale: 'events', label: 'events' },
      { scale: 'killed', side: 1, label: 'killed', grid: { show: false } },
    ],
  };
  current = new uPlot(options, data, box);
  return current;
}
