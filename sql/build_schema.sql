-- The build schema holds one build's working tables. Unlogged: they are rebuilt from the CSVs
-- whenever lost, and skipping WAL is most of the load time saved.
CREATE SCHEMA IF NOT EXISTS discogs_build;

-- One row per finished step: which inputs (build key) the step's tables were built from.
-- Written in the same transaction as the step's tables, so it can never claim work that a
-- crash rolled back.
CREATE TABLE IF NOT EXISTS discogs_build.build_step (
    step        text PRIMARY KEY,
    build_key   text NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now()
);

-- Converter CSVs hold integers as text; anything else (empty, junk, overflow) is NULL so the
-- import policy can count it instead of a cast aborting the whole statement. Plain digits (all
-- but a few ids) take the first branch, which is about twice as fast as the regular expression.
CREATE OR REPLACE FUNCTION discogs_build.to_int(text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN length($1) BETWEEN 1 AND 9 AND ltrim($1, '0123456789') = '' THEN $1::integer
                      WHEN $1 ~ '^\s*-?[0-9]{1,9}\s*$' THEN btrim($1)::integer END $$;

-- A Discogs id (master, artist, label) or NULL: ids start at 1, and 0 is how dumps and the
-- reference converter say "none" (a release without a master is <master_id>0</master_id>).
-- Kept as 0 it would be an id: dedup would rank every masterless release together.
CREATE OR REPLACE FUNCTION discogs_build.to_id(text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT nullif(greatest(discogs_build.to_int($1), 0), 0) $$;

-- A release's format, normalized for format-aware dedup and published as release.format: the
-- first of its formats (converter: `{qty}x{name}` joined by ", ", in dump order) that is a
-- medium a station files (Vinyl, Lathe Cut, Flexi-disc and Acetate are Vinyl, or 7" when the
-- release's format descriptions say 7"; CD, CDr, SACD and CDV are CD; Cassette and
-- Microcassette are Cassette; File is Digital), else 'other' ("Box Set, CD" is CD: a box names
-- no medium); NULL for a release that lists no format.
CREATE OR REPLACE FUNCTION discogs_build.release_format(formats text, descriptions text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN coalesce(btrim(formats), '') = '' THEN NULL
                ELSE coalesce((
                    SELECT CASE WHEN kind = 'Vinyl' AND '7"' = ANY (string_to_array(descriptions, ', ')) THEN '7"'
                                ELSE kind END
                    FROM (SELECT CASE lower(regexp_replace(btrim(f.name), '^[0-9]+x', ''))
                                     WHEN 'vinyl' THEN 'Vinyl' WHEN 'lathe cut' THEN 'Vinyl'
                                     WHEN 'flexi-disc' THEN 'Vinyl' WHEN 'acetate' THEN 'Vinyl'
                                     WHEN 'cd' THEN 'CD' WHEN 'cdr' THEN 'CD' WHEN 'sacd' THEN 'CD' WHEN 'cdv' THEN 'CD'
                                     WHEN 'cassette' THEN 'Cassette' WHEN 'microcassette' THEN 'Cassette'
                                     WHEN 'file' THEN 'Digital' END AS kind, f.pos
                          FROM unnest(string_to_array(formats, ', ')) WITH ORDINALITY AS f (name, pos)) k
                    WHERE kind IS NOT NULL ORDER BY pos LIMIT 1), 'other') END $$;

-- The releases the station pins (cache/pins.py): filled by deduped_releases, read by dedup and
-- the library match; empty when nothing is pinned.
CREATE UNLOGGED TABLE IF NOT EXISTS discogs_build.release_pin (id integer PRIMARY KEY);
