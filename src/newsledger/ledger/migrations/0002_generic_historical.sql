-- Schema 2: PLOVER's remaining auxiliary flags on events. Habitual or aggregate events
-- ("almost daily attacks") are `generic`; background from earlier years is `historical`.
-- Both, like negated and hypothetical events, stay out of listings unless asked for.
ALTER TABLE events ADD COLUMN generic INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;
