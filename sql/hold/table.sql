-- Which run holds the database's build (written by that run once it has the build lock), so that
-- a build that has to wait can name the run it waits for. One row: there is one holder at a time.
CREATE SCHEMA IF NOT EXISTS discogs_build;
CREATE TABLE IF NOT EXISTS discogs_build.build_hold (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    run_id  text NOT NULL,
    dump_id text,
    pid     integer NOT NULL,
    since   timestamptz NOT NULL DEFAULT now()
);
