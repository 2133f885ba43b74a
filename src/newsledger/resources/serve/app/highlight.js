// Evidence spans over an article's text. The text is cut at every span boundary; each
// piece becomes a text node, wrapped in a <mark> naming the spans that cover it. Only
// textContent is ever set, so markup in an article stays text.

// spans: [{key, kind, start, end}], offsets into `text`.
export function highlight(container, text, spans) {
  const cuts = new Set([0, text.length]);
  const clean = [];
  for (const span of spans) {
    const start = Math.max(0, Math.min(text.length, span.start));
    const end = Math.max(start, Math.min(text.length, span.end));
    if (end > start) {
      clean.push({ ...span, start, end });
      cuts.add(start);
      cuts.add(end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = clean.filter((s) => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (!covering.length) {
      pieces.append(document.createTextNode(piece));
      continue;
    }
    const mark = document.createElement('mark');
    mark.className = [...new Set(covering.map((s) => s.kind))].join(' ');
    mark.dataset.keys = [...new Set(covering.map((s) => s.key))].join(' ');
    mark.dataset.start = String(from);
    mark.textContent = piece;
    pieces.append(mark);
  }
  container.replaceChildren(pieces);
}

// The spans of an article's events (each mention, and its trigger word), quotes and
// claims.
export function evidenceSpans(article) {
  const spans = [];
  for (const event of article.events) {
    const key = `e:${event.id}`;
    for (const m of event.mentions || []) {
      spans.push({ key, kind: 'event', start: m.start, end: m.end });
      if (m.trigger_start !== null && m.trigger_start !== undefined) {
        spans.push({ key, kind: 'trigger', start: m.trigger_start, end: m.trigger_end });
      }
    }
  }
  for (const quote of article.quotes) {
    spans.push({ key: `q:${quote.id}`, kind: 'quote', start: quote.start, end: quote.end });
  }
  for (const claim of article.claims) {
    spans.push({ key: `c:${claim.id}`, kind: 'claim', start: claim.start, end: claim.end });
  }
  return spans;
}
