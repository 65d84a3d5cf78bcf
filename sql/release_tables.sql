-- Typed base tables of one build, filled from the raw CSV tables by release_clean.sql.
-- No constraints: the import policy is applied in SQL and counted instead of aborting a COPY.
DROP TABLE IF EXISTS release, release_artist, release_label, release_genre, release_style,
    release_video, release_import_stats CASCADE;

CREATE UNLOGGED TABLE release (
    id           integer NOT NULL,
    title        text NOT NULL,
    release_year smallint,
    country      text,
    released     text,
    master_id    integer,
    artwork_url  text
);
CREATE UNLOGGED TABLE release_artist (
    release_id  integer NOT NULL,
    artist_id   integer,
    artist_name text NOT NULL,
    extra       integer NOT NULL,
    role        text
);
CREATE UNLOGGED TABLE release_label (
    release_id integer NOT NULL,
    label_name text NOT NULL,
    label_id   integer,
    catno      text
);
CREATE UNLOGGED TABLE release_genre (release_id integer NOT NULL, genre text NOT NULL);
CREATE UNLOGGED TABLE release_style (release_id integer NOT NULL, style text NOT NULL);
CREATE UNLOGGED TABLE release_video (
    release_id integer NOT NULL,
    sequence   integer,
    src        text NOT NULL,
    title      text,
    duration   integer,
    embed      boolean
);
-- Per-file counts of what the import policy dropped, reported as metadata.
CREATE UNLOGGED TABLE release_import_stats (
    file    text NOT NULL,
    reason  text NOT NULL,
    dropped bigint NOT NULL,
    total   bigint NOT NULL
);
