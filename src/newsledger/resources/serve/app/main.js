// The dashboard's router: "#/" (with filters) is the overview, "#/incident/ID" one
// incident, "#/event/ID" an event in its article, "#/article/ID" an article.

import { getJSON } from './api.js';
import { showArticle, showEvent } from './article.js';
import { fillCountries, fillForm, fillTypes, fromParams, readForm } from './filters.js';
import { showIncident } from './incident.js';
import { outlines, showOverview } from './overview.js';

const view = document.getElementById('view');
const form = document.getElementById('filters');
const status = document.getElementById('status');

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  return { parts, params: new URLSearchParams(search) };
}

// Each render has a number; a view whose answers arrive after the reader has moved on
// (a newer render started) leaves the page alone.
let renders = 0;

function showError(message) {
  status.textContent = message;
  status.hidden = false;
}

async function render() {
  const mine = ++renders;
  const current = () => mine === renders;
  status.hidden = true;
  status.textContent = '';
  const { parts, params } = parseHash();
  document.body.dataset.view = parts[0] || 'overview';
  try {
    if (parts[0] === 'incident' && parts[1]) await showIncident(view, parts[1], current);
    else if (parts[0] === 'event' && parts[1]) await showEvent(view, parts[1], current);
    else if (parts[0] === 'article' && parts[1]) {
      await showArticle(view, parts[1], params.get('focus'), current);
    } else {
      fillForm(form, params);
      await showOverview(view, fromParams(params), current);
    }
  } catch (error) {
    if (current()) showError(error.message || String(error));
  }
  if (current()) document.body.dataset.ready = 'true';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams(readForm(form)).toString();
  window.location.hash = '#/' + (params ? '?' + params : '');
});

document.getElementById('clear-filters').addEventListener('click', () => {
  form.reset();
  window.location.hash = '#/';
});

window.addEventListener('hashchange', () => {
  document.body.dataset.ready = 'false';
  render();
});

async function start() {
  try {
    const [ledger, countries] = await Promise.all([getJSON('/api/ledger'), outlines()]);
    fillTypes(form, ledger.types);
    fillCountries(document.getElementById('country-list'), countries);
  } catch (error) {
    showError(error.message || String(error));
  }
  await render();
}

start();
