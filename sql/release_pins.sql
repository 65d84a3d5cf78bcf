-- The releases the station pins (filled by COPY): dedup keeps each beside its master's
-- best-ranked release and the library match keeps it whatever it decides. Always present, empty
-- without a pins file, so dedup and the match can read it.
DROP TABLE IF EXISTS release_pin;
CREATE UNLOGGED TABLE release_pin (id integer PRIMARY KEY);
