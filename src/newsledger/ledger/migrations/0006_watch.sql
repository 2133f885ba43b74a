-- Schema 6: what `newsledger watch` remembers of each feed URL between polls, so that
-- the next request is conditional (If-None-Match, If-Modified-Since) and an unchanged
-- feed costs one 304. It lives in the ledger, not in a file beside it, so that it always
-- describes the articles this ledger holds: a ledger restored from a backup or swapped
-- for another never inherits validators that would hide items it lacks.
CREATE TABLE watch_sources (
    source        TEXT PRIMARY KEY,   -- the feed URL as given to `watch`
    etag          TEXT,               -- the ETag of the last response stored
    last_modified TEXT,               -- its Last-Modified
    stored_at     TEXT NOT NULL       -- when its items were last stored (UTC, ISO 8601)
);
