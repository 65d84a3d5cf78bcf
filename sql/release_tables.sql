-- Typed base tables of one build, filled from the raw CSV tables by release_clean.sql.
-- No constraints: the import policy is applied in SQL and counted instead of aborting a COPY.
-- Schema-qualified: when the build schema lacks one of them (a first build, or typed copies a
-- build no longer makes) the search path would otherwise find and drop the published table.
DROP TABLE IF EXISTS discogs_build.release, discogs_build.release_artist, discogs_build.release_label,
    discogs_build.release_import_stats CASCADE;
-- Genres, styles, videos and tracks get no typed table here: they are only published, so they
-- are typed from their raw tables for the published releases (child_rows/). Typed copies an
-- older build left behind go.
DROP TABLE IF EXISTS discogs_build.release_genre, discogs_build.release_style, discogs_build.release_video,
    discogs_build.release_track, discogs_build.release_track_artist;

CREATE UNLOGGED TABLE release (
    id           integer NOT NULL,
    title        text NOT NULL,
    release_year smallint,
    country      text,
    released     text,
    master_id    integer,
    artwork_url  text,
    format       text  -- normalized (release_format)
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
-- Per-file counts of what the import policy dropped, reported as metadata.
CREATE UNLOGGED TABLE release_import_stats (
    file    text NOT NULL,
    reason  text NOT NULL,
    dropped bigint NOT NULL,
    total   bigint NOT NULL
);
