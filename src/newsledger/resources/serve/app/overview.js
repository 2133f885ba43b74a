// The overview under the current filters: a map of incidents, a timeline of events,
// the incident list and the articles.

import { getJSON } from './api.js';
import { externalLink, h, range, route } from './dom.js';
import { drawMap } from './map.js';
import { drawTimeline } from './timeline.js';

let outlinesRequest = null;

export function outlines() {
  outlinesRequest = outlinesRequest || getJSON('/api/countries.geojson');
  return outlinesRequest;
}

export async function showOverview(view, filters, current) {
  const mapBox = h('div', { id: 'map', class: 'map' });
  const timelineBox = h('div', { id: 'timeline', class: 'timeline' });
  const incidentRows = h('tbody');
  const incidentMore = h('button', { type: 'button', class: 'more', hidden: true }, 'More incidents');
  const incidentCount = h('span', { class: 'count' });
  const articleList = h('ul', { class: 'articles' });
  const articleMore = h('button', { type: 'button', class: 'more', hidden: true }, 'More articles');
  view.replaceChildren(
    h('section', { class: 'overview' },
      h('div', { class: 'panel map-panel' }, h('h2', {}, 'Map of incidents'), mapBox),
      h('div', { class: 'panel timeline-panel' }, h('h2', {}, 'Timeline: events a day'), timelineBox),
      h('div', { class: 'panel incidents-panel' },
        h('h2', {}, 'Incidents ', incidentCount),
        h('table', { id: 'incidents', class: 'list' },
          h('thead', {}, h('tr', {},
            ['Date', 'Type', 'Place', 'Country', 'Killed', 'Sources', 'Outlets'].map((c) => h('th', {}, c)))),
          incidentRows),
        incidentMore),
      h('div', { class: 'panel articles-panel' },
        h('h2', {}, 'Articles'),
        h('p', { class: 'hint' }, 'Filtered by dates and source.'),
        articleList, articleMore)));

  const params = filters;  // the incident list takes every filter the form has
  const articleParams = { since: filters.since, until: filters.until, source: filters.source };
  const [incidents, points, timeline, countries, articles] = await Promise.all([
    getJSON('/api/incidents.json', { ...params, limit: 50 }),
    getJSON('/api/incidents.geojson', params),
    getJSON('/api/timeline', filters),
    outlines(),
    getJSON('/api/articles.json', { ...articleParams, limit: 25 }),
  ]);
  if (!current()) return;

  incidentCount.textContent = `(${incidents.total})`;
  const countryCounts = new Map(incidents.facets.country.map((f) => [f.value, f.count]));
  drawMap(mapBox, countries, points, countryCounts, (code) => {
    const next = new URLSearchParams({ ...filters, country: code });
    window.location.hash = '#/?' + next.toString();
  });
  drawTimeline(timelineBox, timeline.days);
  pageInto(incidentRows, incidentMore, incidents, '/api/incidents.json', params, incidentRow);
  pageInto(articleList, articleMore, articles, '/api/articles.json', articleParams, articleItem);
}

// Rows of one page into `target`, and a button that fetches the next page.
function pageInto(target, button, page, path, params, render) {
  target.append(...page.rows.map(render));
  if (!page.rows.length) target.append(render(null));
  button.hidden = !page.next;
  button.onclick = async () => {
    button.disabled = true;
    const next = await getJSON(path, { ...params, limit: 50, cursor: page.next });
    button.disabled = false;
    page = next;
    target.append(...next.rows.map(render));
    button.hidden = !next.next;
  };
}

function incidentRow(row) {
  if (!row) return h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No incident matches these filters.'));
  const link = route('incident', row.id);
  return h('tr', { dataset: { incident: row.id } },
    h('td', {}, row.date || row.first_report || ''),
    h('td', {}, h('a', { href: link, class: 'incident-link' }, row.type)),
    h('td', {}, row.location_name || ''),
    h('td', {}, row.location_country || ''),
    h('td', { class: 'num' }, range(row.fatalities_min, row.fatalities_max)),
    h('td', { class: 'num' }, String(row.sources)),
    h('td', {}, (row.outlet_names || []).join(', ')));
}

function articleItem(row) {
  if (!row) return h('li', { class: 'empty' }, 'No article matches these filters.');
  return h('li', { dataset: { article: row.hash } },
    h('a', { href: route('article', row.hash), class: 'article-link' }, row.title || row.id),
    ' ',
    h('span', { class: 'meta' }, [row.source, row.published].filter(Boolean).join(' · ')),
    ' ',
    externalLink(row.url, 'source page'));
}
