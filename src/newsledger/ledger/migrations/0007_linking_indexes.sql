-- Schema 7: two partial indexes for linking (link/linker.py `_candidates`), which looks
-- for the stored events of one country within a few days of each new event.
--
-- An event without a date of its own is dated by its article, so linking reads the
-- undated events of the country among the articles published in those days. With only
-- the index by article, SQLite read every event of those articles to find the few of
-- that country: on a dense ledger (385,000 events, 5,800 articles) that one query took
-- two thirds of the ingesting process's time, and the workers waited for it.
CREATE INDEX events_undated ON events (location_country, article_hash) WHERE date IS NULL;

-- A month-precise date may begin up to a month before the window; those events were
-- found among every dated event of the country in that month.
CREATE INDEX events_month ON events (location_country, date) WHERE date_precision = 'month';
