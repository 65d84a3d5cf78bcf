-- The published layout of the release before the cache recorded its schema version (version 0):
-- sql/cache_tables.sql, cache_constraints.sql and cache_indexes.sql as that release had them, frozen
-- here so the upgrade test can start from the cache an earlier release left behind. Never edit.

CREATE TABLE release (
    id                 integer PRIMARY KEY,
    title              text NOT NULL,
    release_year       smallint,
    country            text,
    artwork_url        text,
    released           text,
    master_id          integer,
    artwork_checked_at timestamptz,
    not_found          boolean NOT NULL DEFAULT false
);
CREATE TABLE release_artist (
    release_id  integer NOT NULL,
    artist_id   integer,
    artist_name text NOT NULL,
    extra       integer NOT NULL DEFAULT 0,
    role        text
);
CREATE TABLE release_label (
    release_id integer NOT NULL,
    label_name text NOT NULL,
    label_id   integer,
    catno      text
);
CREATE TABLE release_track (
    release_id integer NOT NULL,
    sequence   integer NOT NULL,
    position   text,
    title      text NOT NULL,
    duration   text
);
CREATE TABLE release_track_artist (
    release_id     integer NOT NULL,
    track_sequence integer NOT NULL,
    artist_name    text NOT NULL,
    extra          integer NOT NULL DEFAULT 0,
    role           text
);
CREATE TABLE release_genre (
    release_id integer NOT NULL,
    genre      text NOT NULL
);
CREATE TABLE release_style (
    release_id integer NOT NULL,
    style      text NOT NULL
);
CREATE TABLE release_video (
    release_id integer NOT NULL,
    sequence   integer,
    src        text NOT NULL,
    title      text,
    duration   integer,
    embed      boolean
);
CREATE TABLE cache_metadata (
    release_id     integer PRIMARY KEY,
    cached_at      timestamptz NOT NULL DEFAULT now(),
    source         text NOT NULL,
    last_validated timestamptz
);
CREATE TABLE lookup_negative (
    key_hash          bytea PRIMARY KEY,
    artist            text,
    track             text,
    artist_as_keyword boolean,
    attempted_at      timestamptz NOT NULL DEFAULT now(),
    ttl_seconds       integer NOT NULL DEFAULT 604800
);
CREATE TABLE cache_build (
    build_key           text PRIMARY KEY,
    dump_id             text NOT NULL,
    library_fingerprint text NOT NULL,
    built_at            timestamptz NOT NULL DEFAULT now(),
    published_at        timestamptz
);
ALTER TABLE release_artist ADD CONSTRAINT fk_release_artist_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_label ADD CONSTRAINT fk_release_label_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_track ADD CONSTRAINT fk_release_track_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_track_artist ADD CONSTRAINT fk_release_track_artist_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_genre ADD CONSTRAINT fk_release_genre_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_style ADD CONSTRAINT fk_release_style_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE release_video ADD CONSTRAINT fk_release_video_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
ALTER TABLE cache_metadata ADD CONSTRAINT fk_cache_metadata_release
    FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE;
CREATE INDEX idx_release_artist_release_id ON release_artist (release_id);
CREATE INDEX idx_release_label_release_id ON release_label (release_id);
CREATE INDEX idx_release_track_release_id ON release_track (release_id);
CREATE INDEX idx_release_track_artist_release_id ON release_track_artist (release_id);
CREATE INDEX idx_release_genre_release_id ON release_genre (release_id);
CREATE INDEX idx_release_style_release_id ON release_style (release_id);
CREATE INDEX idx_release_video_release_id ON release_video (release_id);
CREATE INDEX idx_cache_metadata_cached_at ON cache_metadata (cached_at);
CREATE INDEX idx_cache_metadata_source ON cache_metadata (source);
CREATE INDEX idx_lookup_negative_attempted_at ON lookup_negative (attempted_at);
CREATE INDEX idx_release_title_trgm ON release USING gin (lower(f_unaccent(title)) gin_trgm_ops);
CREATE INDEX idx_release_artist_name_trgm ON release_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops);
CREATE INDEX idx_release_track_title_trgm ON release_track USING gin (lower(f_unaccent(title)) gin_trgm_ops);
CREATE INDEX idx_release_track_artist_name_trgm ON release_track_artist USING gin (lower(f_unaccent(artist_name)) gin_trgm_ops);
