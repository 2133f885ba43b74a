-- newsledger ledger, schema 1: articles (identity = hash of normalised text), the events
-- found in them, the rest of each extraction, and full-text search over articles.

CREATE TABLE articles (
    hash              TEXT PRIMARY KEY,
    id                TEXT NOT NULL,
    title             TEXT,
    subtitle          TEXT,
    source            TEXT,
    url               TEXT,
    published         TEXT,
    published_from    TEXT,
    dateline          TEXT,            -- JSON object, or NULL
    language          TEXT NOT NULL DEFAULT 'en',
    origin            TEXT,
    text              TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    ingested_at       TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_id ON articles (id);

CREATE TABLE events (
    id                   TEXT PRIMARY KEY,
    article_hash         TEXT NOT NULL REFERENCES articles (hash) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    type                 TEXT NOT NULL,
    mode                 TEXT,
    cameo                TEXT,
    goldstein            REAL,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    actor_text           TEXT,
    actor_name           TEXT,
    actor_country        TEXT,
    actor_sector         TEXT,
    recipient_text       TEXT,
    recipient_name       TEXT,
    recipient_country    TEXT,
    recipient_sector     TEXT,
    date                 TEXT,
    date_precision       TEXT,
    location_name        TEXT,
    location_country     TEXT,
    fatalities_min       INTEGER,
    fatalities_max       INTEGER,
    injuries_min         INTEGER,
    injuries_max         INTEGER,
    verbal               INTEGER NOT NULL,
    negated              INTEGER NOT NULL,
    hypothetical         INTEGER NOT NULL,
    future               INTEGER NOT NULL,
    confidence           REAL NOT NULL,
    sentence             TEXT NOT NULL,   -- the first mention's sentence, for display
    record               TEXT NOT NULL    -- the event as the extract contract prints it
);
CREATE INDEX events_article ON events (article_hash);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_actor_country ON events (actor_country);
CREATE INDEX events_recipient_country ON events (recipient_country);

CREATE TABLE extractions (
    article_hash   TEXT PRIMARY KEY REFERENCES articles (hash) ON DELETE CASCADE,
    quotes         TEXT NOT NULL,   -- JSON arrays, as the extract contract prints them
    claims         TEXT NOT NULL,
    contradictions TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
