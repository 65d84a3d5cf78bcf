-- Track tables of one build: only the dedup survivors' tracks are kept.
DROP TABLE IF EXISTS release_track, release_track_artist CASCADE;
CREATE UNLOGGED TABLE release_track (
    release_id integer NOT NULL,
    sequence   integer NOT NULL,
    position   text,
    title      text NOT NULL,
    duration   text
);
CREATE UNLOGGED TABLE release_track_artist (
    release_id     integer NOT NULL,
    track_sequence integer NOT NULL,
    artist_name    text NOT NULL,
    extra          integer NOT NULL,
    role           text
);
