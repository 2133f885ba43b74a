-- Schema 5: events told as background, the earlier happening a report measures its news
-- against ("The attack came hours after a car bomb killed 11"). They stay in listings
-- and link to incidents; an article's main event is never one of them. Rows stored by
-- schema 4 read their flag from the record (absent there: 0).
ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
UPDATE events SET background = coalesce(json_extract(record, '$.background'), 0);
