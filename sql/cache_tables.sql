-- The published cache: the contract the lookup service reads and writes.
-- Created fresh in the next-cache schema (search_path: discogs_next, public) by every build and
-- swapped in whole, so constraints and defaults are the same after every publish.
-- Foreign keys are added by cache_constraints.sql once the rows are in.
CREATE TABLE release (
    id                 integer PRIMARY KEY,
    title              text NOT NULL,
    release_year       smallint,
    country            text,
    artwork_url        text,
    released           text,
    master_id          integer,
    artwork_checked_at timestamptz,
    not_found          boolean NOT NULL DEFAULT false,
    format             text  -- normalized: Vinyl, CD, Cassette, 7", Digital or other
);
-- No UNIQUE (release_id, artist_name): the same name may be both a main and an extra credit,
-- and the lookup service replaces credits by delete-and-reinsert.
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
-- Masters of the published releases, and their credited artists (from the masters dump).
CREATE TABLE master (
    id              integer PRIMARY KEY,
    title           text NOT NULL,
    year            smallint,
    main_release_id integer
);
CREATE TABLE master_artist (
    master_id   integer NOT NULL,
    artist_id   integer,
    artist_name text NOT NULL
);
-- Artists credited on the published releases (from the artists dump). The service fills in
-- image_url and fetched_at when it fetches an artist from the API (fetched_at NULL: a build's
-- row, never fetched), and tombstones the ones Discogs answers 404 for (not_found).
CREATE TABLE artist (
    id         integer PRIMARY KEY,
    name       text NOT NULL,
    profile    text,
    image_url  text,
    fetched_at timestamptz,
    not_found  boolean NOT NULL DEFAULT false
);
-- alias_id is NULL in a build's rows (the converter's artist_alias.csv names aliases only).
CREATE TABLE artist_alias (
    artist_id  integer NOT NULL,
    alias_id   integer,
    alias_name text NOT NULL
);
CREATE TABLE artist_name_variation (
    artist_id integer NOT NULL,
    name      text NOT NULL
);
-- active is NULL in a build's rows: the dump does not say (the service reads NULL as active).
CREATE TABLE artist_member (
    artist_id   integer NOT NULL,
    member_id   integer NOT NULL,
    member_name text NOT NULL,
    active      boolean
);
CREATE TABLE artist_url (
    artist_id integer NOT NULL,
    url       text NOT NULL
);
-- The lookup service's negative-result cache: empty after a first build, carried over on publish.
CREATE TABLE lookup_negative (
    key_hash          bytea PRIMARY KEY,
    artist            text,
    track             text,
    artist_as_keyword boolean,
    attempted_at      timestamptz NOT NULL DEFAULT now(),
    ttl_seconds       integer NOT NULL DEFAULT 604800
);
-- Provenance of the published cache: one row per publish of this cache.
CREATE TABLE cache_build (
    build_key           text PRIMARY KEY,
    dump_id             text NOT NULL,
    library_fingerprint text NOT NULL,
    built_at            timestamptz NOT NULL DEFAULT now(),
    published_at        timestamptz
);
