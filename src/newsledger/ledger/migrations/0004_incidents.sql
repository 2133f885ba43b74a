-- Schema 4: incidents, one real-world happening across articles and outlets (link/).
-- Each linked event names its incident; an incident's `record` holds its full JSON (the
-- sources with their tolls, the contradictions between them, and why each member
-- joined). `copy_of` groups syndicated or mirrored copies of one report: a copy names
-- the first stored article of its group, which is counted as the one source.

ALTER TABLE events ADD COLUMN incident TEXT;
-- What linking compares, as columns so it need not read each event's record.
ALTER TABLE events ADD COLUMN location_lat REAL;
ALTER TABLE events ADD COLUMN location_lon REAL;
ALTER TABLE events ADD COLUMN location_admin1 TEXT;
ALTER TABLE events ADD COLUMN location_precision TEXT;
ALTER TABLE events ADD COLUMN fatalities_text TEXT;
UPDATE events SET
    location_lat = json_extract(record, '$.location.lat'),
    location_lon = json_extract(record, '$.location.lon'),
    location_admin1 = json_extract(record, '$.location.admin1'),
    location_precision = json_extract(record, '$.location.precision'),
    fatalities_text = json_extract(record, '$.fatalities.text');
CREATE INDEX events_incident ON events (incident);
CREATE INDEX events_country_date ON events (location_country, date);

ALTER TABLE articles ADD COLUMN copy_of TEXT;

CREATE TABLE incidents (
    id               TEXT PRIMARY KEY,   -- "inc-" + 12 hex of the members' ids: stable
    type             TEXT NOT NULL,
    date             TEXT,
    date_precision   TEXT,
    location_name    TEXT,
    location_country TEXT,
    fatalities_min   INTEGER,
    fatalities_max   INTEGER,
    articles         INTEGER NOT NULL,
    sources          INTEGER NOT NULL,   -- distinct reports, copies counted once
    outlets          INTEGER NOT NULL,
    first_report     TEXT,
    last_report      TEXT,
    record           TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents (date);
CREATE INDEX incidents_country ON incidents (location_country);
