// One incident: what happened, every source with its toll, the contradictions between
// them, and each event with the sentence it came from and a link to its evidence.

import { getJSON } from './api.js';
import { externalLink, fields, h, permalink, range, route } from './dom.js';

export async function showIncident(view, incidentId, current) {
  const { incident, events } = await getJSON(`/api/incidents/${encodeURIComponent(incidentId)}`);
  if (!current()) return;
  const where = incident.location || {};
  const title = [incident.type, where.name && `in ${where.name}`, incident.date && `on ${incident.date}`]
    .filter(Boolean).join(' ');
  view.replaceChildren(
    h('section', { class: 'incident-view', dataset: { incident: incident.id } },
      h('p', {}, h('a', { href: '#/', class: 'back' }, '← all incidents')),
      h('h2', { id: 'incident-title' }, title),
      permalink(route('incident', incident.id)),
      fields([
        ['Id', incident.id],
        ['Type', incident.type],
        ['Date', [incident.date, incident.date_precision].filter(Boolean).join(' · ')],
        ['Place', [where.name, where.admin1, where.country].filter(Boolean).join(' · ')],
        ['Killed', range((incident.fatalities || {}).min, (incident.fatalities || {}).max)],
        ['Actors', (incident.actors || []).map((a) => [a.name, a.country, a.sector].filter(Boolean).join(' · ')).join('; ')],
        ['Targets', (incident.recipients || []).map((a) => [a.name, a.country, a.sector].filter(Boolean).join(' · ')).join('; ')],
        ['Reports', `${plural((incident.sources || []).length, 'source')} from ${plural(incident.outlets, 'outlet')}, ${incident.first_report || '?'} to ${incident.last_report || '?'}`],
      ]),
      h('h3', {}, 'Sources'),
      h('table', { class: 'list sources' },
        h('thead', {}, h('tr', {}, ['Outlet', 'Published', 'Toll', 'Article', 'Copies'].map((c) => h('th', {}, c)))),
        h('tbody', {}, (incident.sources || []).map((s) => h('tr', {},
          h('td', {}, s.outlet || ''),
          h('td', {}, s.published || ''),
          h('td', {}, s.fatalities ? [range(s.fatalities.min, s.fatalities.max), s.fatalities.text && `“${s.fatalities.text}”`].filter(Boolean).join(' ') : ''),
          h('td', {}, h('a', { href: route('article', s.article) }, s.article), ' ', externalLink(s.url, 'source page')),
          h('td', {}, (s.copies || []).length ? String(s.copies.length) : ''))))),
      (incident.contradictions || []).length
        ? [h('h3', {}, 'Contradictions'), h('ul', { class: 'contradictions' },
            incident.contradictions.map((c) => h('li', {}, c.note)))]
        : null,
      h('h3', {}, `Events (${events.length})`),
      h('ul', { class: 'events' }, events.map(eventItem))));
}

function eventItem(e) {
  const parties = [e.actor_text, e.recipient_text].filter(Boolean).join(' → ');
  return h('li', { class: 'event-item', dataset: { event: e.id } },
    h('div', { class: 'meta' },
      [e.type, e.date, parties, e.fatalities_min !== null ? `${range(e.fatalities_min, e.fatalities_max)} killed` : null,
        e.background ? 'background' : null].filter(Boolean).join(' · ')),
    h('blockquote', { class: 'evidence' }, e.sentence),
    h('div', {},
      h('a', { href: route('event', e.id), class: 'evidence-link' }, 'Evidence in the article'),
      ' · ', e.title || e.article_id, e.source ? ` (${e.source}${e.published ? `, ${e.published}` : ''})` : ''));
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
