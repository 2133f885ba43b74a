-- Schema 3: quotes, claims and contradictions as rows, so that they can be filtered and
-- searched like events ("who said what about Sudan", "every death toll for this strike").
-- `extractions` keeps the JSON as it was written; these tables are what queries read.
-- Offsets (`start`, `end`) slice the article's clean text (articles.text); `events` is
-- a JSON array of the ids of the events a quote expresses or a claim quantifies.

CREATE TABLE quotes (
    id              TEXT PRIMARY KEY,      -- "<article hash, 12 hex>-q<n>"
    article_hash    TEXT NOT NULL REFERENCES articles (hash) ON DELETE CASCADE,
    position        INTEGER NOT NULL,      -- order in the article's extraction
    speaker_text    TEXT,
    speaker_name    TEXT,
    speaker_role    TEXT,
    speaker_country TEXT,
    speaker_sector  TEXT,
    anonymous       INTEGER NOT NULL DEFAULT 0,
    text            TEXT NOT NULL,
    direct          INTEGER NOT NULL,
    cue             TEXT,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    events          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX quotes_article ON quotes (article_hash);
CREATE INDEX quotes_speaker_country ON quotes (speaker_country);

CREATE TABLE claims (
    id           TEXT PRIMARY KEY,         -- "<article hash, 12 hex>-c<n>"
    article_hash TEXT NOT NULL REFERENCES articles (hash) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    subject      TEXT,
    subject_key  TEXT,
    value_min    REAL,                     -- NULL: unbounded on that side
    value_max    REAL,
    qualifier    TEXT,
    source       TEXT,                     -- who the figure is attributed to
    reported     TEXT,                     -- ISO date of the report
    unit         TEXT,                     -- currency code for money, else NULL
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    events       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX claims_article ON claims (article_hash);
CREATE INDEX claims_kind ON claims (kind);
CREATE INDEX claims_subject_key ON claims (subject_key);

CREATE TABLE contradictions (
    article_hash TEXT NOT NULL REFERENCES articles (hash) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    claim_a      TEXT NOT NULL,            -- claim ids
    claim_b      TEXT NOT NULL,
    note         TEXT NOT NULL,
    PRIMARY KEY (article_hash, position)
);
CREATE INDEX contradictions_claim_a ON contradictions (claim_a);
CREATE INDEX contradictions_claim_b ON contradictions (claim_b);

-- Ledgers written before schema 3 hold their quotes only as JSON. Releases before it
-- gave quotes no id, anonymity or events and found no claims or contradictions, so only
-- quotes move, numbered as the extractor numbers them; values a later build did write
-- are kept.
INSERT INTO quotes (id, article_hash, position, speaker_text, speaker_name, speaker_role,
                    speaker_country, speaker_sector, anonymous, text, direct, cue, start,
                    "end", events)
SELECT coalesce(nullif(json_extract(q.value, '$.id'), ''),
                substr(x.article_hash, 1, 12) || '-q' || (q.key + 1)),
       x.article_hash,
       q.key,
       json_extract(q.value, '$.speaker.text'),
       json_extract(q.value, '$.speaker.name'),
       json_extract(q.value, '$.speaker.role'),
       json_extract(q.value, '$.speaker.country'),
       json_extract(q.value, '$.speaker.sector'),
       coalesce(json_extract(q.value, '$.anonymous'), 0),
       json_extract(q.value, '$.text'),
       json_extract(q.value, '$.direct'),
       json_extract(q.value, '$.cue'),
       json_extract(q.value, '$.start'),
       json_extract(q.value, '$.end'),
       coalesce(json_extract(q.value, '$.events'), '[]')
FROM extractions x, json_each(x.quotes) q
ORDER BY x.rowid, q.key;

-- Search over what was said and who said it, kept in step like articles_fts.
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker_text, speaker_name, content = 'quotes', content_rowid = 'rowid'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker_text, speaker_name)
    VALUES (new.rowid, new.text, new.speaker_text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_text, speaker_name)
    VALUES ('delete', old.rowid, old.text, old.speaker_text, old.speaker_name);
END;
