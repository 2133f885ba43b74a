// Building the page from data without ever parsing data as markup: every string that
// comes from the ledger (article text, titles, URLs, names) becomes a text node or an
// attribute value, never innerHTML. Links to the outside world are made only for
// http(s) URLs, so `javascript:` and `data:` URLs are shown as text.

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'href') el.setAttribute('href', internalOrSafe(value));
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  appendAll(el, children);
  return el;
}

export function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));  // a string: a text node
  }
  return el;
}

// An http(s) URL as the browser resolves it, else null.
export function safeUrl(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// The dashboard's own links start with "#/" or "/"; anything else must be http(s).
function internalOrSafe(href) {
  if (/^#\//.test(href) || /^\/(?!\/)/.test(href)) return href;
  return safeUrl(href) ?? '#';
}

// A link to an article's page on its outlet's site, or the URL as plain text.
export function externalLink(url, label) {
  const href = safeUrl(url);
  if (!href) return url ? h('span', { class: 'url unsafe', title: 'not an http(s) link' }, url) : '';
  return h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label || url);
}

export function route(...parts) {
  return '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
}

// A field list: [label, value] pairs; empty values are left out.
export function fields(pairs) {
  const list = h('dl', { class: 'fields' });
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === '' ||
        (Array.isArray(value) && !value.length)) continue;
    list.append(h('dt', {}, label), h('dd', {}, value));
  }
  return list;
}

export function range(min, max) {
  if (min === null || min === undefined) return max === null || max === undefined ? '' : `up to ${max}`;
  if (max === null || max === undefined) return `${min}`;
  return min === max ? `${min}` : `${min}–${max}`;
}

// A button that puts this page's permanent address in a box beside it and copies it.
export function permalink(hashPath, label = 'Copy permalink') {
  const url = new URL('/' + hashPath, window.location.origin).href;
  const box = h('input', { class: 'permalink', readonly: true, value: url, 'aria-label': 'Permalink', hidden: true });
  const note = h('span', { class: 'copied', 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button',
    class: 'copy-permalink',
    onclick: async () => {
      box.hidden = false;
      box.select();
      try {
        await navigator.clipboard.writeText(url);
        note.textContent = 'copied';
      } catch {
        note.textContent = 'select and copy';
      }
    },
  }, label);
  return h('span', { class: 'permalink-box' }, button, box, note);
}
