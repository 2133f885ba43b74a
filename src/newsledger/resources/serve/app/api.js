// Calls to the JSON API; an error answer becomes an ApiError with the server's message.

export class ApiError extends Error {}

export function query(params) {
  const kept = Object.entries(params || {}).filter(([, v]) => v !== '' && v !== null && v !== undefined);
  return kept.length ? '?' + new URLSearchParams(kept).toString() : '';
}

export async function getJSON(path, params) {
  const response = await fetch(path + query(params), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError((body && body.error) || `${response.status} ${response.statusText}`);
  }
  return body;
}
