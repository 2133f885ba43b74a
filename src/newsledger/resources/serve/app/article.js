// An article with the evidence behind each event, quote and claim highlighted in its
// text, and the coded fields beside it. "#/event/ID" opens the event's article with the
// event selected.

import { getJSON } from './api.js';
import { externalLink, fields, h, permalink, range, route } from './dom.js';
import { evidenceSpans, highlight } from './highlight.js';

export async function showEvent(view, eventId, current) {
  const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  if (current()) await showArticle(view, event.article.hash, eventId, current);
}

export async function showArticle(view, articleId, focusEvent, current) {
  const found = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
  if (!current()) return;
  const { article } = found;
  const textBox = h('div', { id: 'article-text', class: 'article-text' });
  const cards = h('div', { class: 'cards' });
  view.replaceChildren(
    h('section', { class: 'article-view' },
      h('div', { class: 'article-main' },
        h('h2', { id: 'article-title' }, article.title || article.id),
        article.subtitle ? h('p', { class: 'subtitle' }, article.subtitle) : null,
        h('p', { class: 'meta' },
          [article.source, article.published, article.language].filter(Boolean).join(' · '),
          ' ', externalLink(article.url)),
        h('p', { class: 'legend' },
          h('mark', { class: 'event' }, 'event'), ' ', h('mark', { class: 'trigger event' }, 'trigger'), ' ',
          h('mark', { class: 'quote' }, 'quote'), ' ', h('mark', { class: 'claim' }, 'claim'),
          ' Click a highlight or a card to see what was coded from it.'),
        textBox),
      h('aside', { class: 'article-side' },
        h('h3', {}, `${found.events.length} events, ${found.quotes.length} quotes, ${found.claims.length} claims`),
        cards)));

  highlight(textBox, article.text, evidenceSpans(found));
  cards.append(
    ...found.events.map((e) => eventCard(e, article.text)),
    ...found.quotes.map(quoteCard),
    ...found.claims.map(claimCard),
    ...found.contradictions.map((c) => h('div', { class: 'card contradiction' },
      h('h4', {}, 'Contradiction'), h('p', {}, c.note), h('p', { class: 'meta' }, c.claims.join(' vs ')))));

  const select = (key, scroll) => {
    for (const el of view.querySelectorAll('.sel')) el.classList.remove('sel');
    const marks = textBox.querySelectorAll(`mark[data-keys~="${CSS.escape(key)}"]`);
    for (const mark of marks) mark.classList.add('sel');
    const card = cards.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (card) card.classList.add('sel');
    if (scroll) {
      if (marks[0]) marks[0].scrollIntoView({ block: 'center' });
      if (card) card.scrollIntoView({ block: 'nearest' });
    }
  };
  textBox.addEventListener('click', (event) => {
    const mark = event.target.closest('mark[data-keys]');
    if (!mark) return;
    const keys = mark.dataset.keys.split(' ');
    const selected = keys.findIndex((k) => mark.classList.contains('sel') && cards.querySelector(`[data-key="${CSS.escape(k)}"].sel`));
    select(keys[(selected + 1) % keys.length], false);  // a second click moves to the next span here
    const card = cards.querySelector('.card.sel');
    if (card) card.scrollIntoView({ block: 'nearest' });
  });
  cards.addEventListener('click', (event) => {
    const card = event.target.closest('.card[data-key]');
    if (card && !event.target.closest('a, button, input')) select(card.dataset.key, true);
  });
  if (focusEvent) select(`e:${focusEvent}`, true);
}

function party(p) {
  if (!p) return null;
  const words = p.name && p.name !== p.text ? `${p.text} (${p.name})` : p.text;
  return [words, p.country, p.sector, p.role].filter(Boolean).join(' · ');
}

function place(l) {
  if (!l) return null;
  const at = l.lat !== null && l.lat !== undefined ? `${l.lat.toFixed(2)}, ${l.lon.toFixed(2)}` : null;
  return [l.name, l.admin1, l.country, at, l.precision && `precision: ${l.precision}`].filter(Boolean).join(' · ');
}

function toll(t) {
  return t ? [range(t.min, t.max), t.text && `“${t.text}”`].filter(Boolean).join(' ') : null;
}

function eventCard(e, text) {
  const flags = ['verbal', 'negated', 'hypothetical', 'future', 'generic', 'historical', 'background']
    .filter((f) => e[f]);
  const evidence = (e.mentions || []).map((m) => h('blockquote', { class: 'evidence' }, text.slice(m.start, m.end)));
  return h('div', { class: 'card event', dataset: { key: `e:${e.id}`, event: e.id } },
    h('h4', {}, h('span', { class: 'tag event' }, 'Event'), ' ', e.type, e.mode ? ` (${e.mode})` : ''),
    fields([
      ['Actor', party(e.actor)],
      ['Recipient', party(e.recipient)],
      ['Date', e.date ? [e.date, e.date_precision, e.date_text && `“${e.date_text}”`].filter(Boolean).join(' · ') : null],
      ['Place', place(e.location)],
      ['Killed', toll(e.fatalities)],
      ['Injured', toll(e.injuries)],
      ['CAMEO', e.cameo ? `${e.cameo}${e.goldstein !== null && e.goldstein !== undefined ? ` (Goldstein ${e.goldstein})` : ''}` : null],
      ['ACLED', e.acled ? [e.acled.event_type, e.acled.sub_event_type].filter(Boolean).join(' / ') : null],
      ['Flags', flags.join(', ')],
      ['Confidence', e.confidence !== undefined ? String(e.confidence) : null],
      ['Incident', e.incident ? h('a', { href: route('incident', e.incident) }, e.incident) : null],
      ['Id', e.id],
    ]),
    evidence,
    permalink(route('event', e.id), 'Copy event permalink'));
}

function quoteCard(q) {
  const words = q.speaker_name && q.speaker_name !== q.speaker_text
    ? `${q.speaker_text} (${q.speaker_name})` : q.speaker_text;
  const speaker = [words, q.speaker_role, q.speaker_country, q.speaker_sector].filter(Boolean).join(' · ');
  return h('div', { class: 'card quote', dataset: { key: `q:${q.id}` } },
    h('h4', {}, h('span', { class: 'tag quote' }, 'Quote'), ' ', q.direct ? 'direct' : 'reported'),
    fields([
      ['Speaker', speaker || (q.anonymous ? 'anonymous' : null)],
      ['Cue', q.cue],
      ['Said', q.text],
      ['Events', (q.events || []).length ? q.events.map((id) => h('a', { href: route('event', id), class: 'ref' }, id)) : null],
    ]));
}

function claimCard(c) {
  return h('div', { class: 'card claim', dataset: { key: `c:${c.id}` } },
    h('h4', {}, h('span', { class: 'tag claim' }, 'Claim'), ' ', c.kind),
    fields([
      ['Subject', c.subject],
      ['Value', [c.qualifier, range(c.value_min, c.value_max), c.unit].filter(Boolean).join(' ')],
      ['Source', c.source],
      ['Reported', c.reported],
      ['Text', c.text],
    ]));
}
