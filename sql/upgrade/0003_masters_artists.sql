-- Version 3: the masters and artists of the published releases (master, master_artist, artist,
-- artist_alias, artist_name_variation, artist_member, artist_url), as cache_tables.sql,
-- cache_constraints.sql and cache_indexes.sql create them; empty until the next build publishes.
-- Nothing to add where no cache is published yet.
DO $$
BEGIN
    IF to_regclass('public.release') IS NULL THEN
        RETURN;
    END IF;
    CREATE TABLE public.master (
        id              integer PRIMARY KEY,
        title           text NOT NULL,
        year            smallint,
        main_release_id integer
    );
    CREATE TABLE public.master_artist (
        master_id   integer NOT NULL,
        artist_id   integer,
        artist_name text NOT NULL
    );
    CREATE TABLE public.artist (
        id         integer PRIMARY KEY,
        name       text NOT NULL,
        profile    text,
        image_url  text,
        fetched_at timestamptz,
        not_found  boolean NOT NULL DEFAULT false
    );
    CREATE TABLE public.artist_alias (
        artist_id  integer NOT NULL,
        alias_id   integer,
        alias_name text NOT NULL
    );
    CREATE TABLE public.artist_name_variation (
        artist_id integer NOT NULL,
        name      text NOT NULL
    );
    CREATE TABLE public.artist_member (
        artist_id   integer NOT NULL,
        member_id   integer NOT NULL,
        member_name text NOT NULL,
        active      boolean
    );
    CREATE TABLE public.artist_url (
        artist_id integer NOT NULL,
        url       text NOT NULL
    );
    ALTER TABLE public.master_artist ADD CONSTRAINT fk_master_artist_master
        FOREIGN KEY (master_id) REFERENCES public.master (id) ON DELETE CASCADE;
    ALTER TABLE public.artist_alias ADD CONSTRAINT fk_artist_alias_artist
        FOREIGN KEY (artist_id) REFERENCES public.artist (id) ON DELETE CASCADE;
    ALTER TABLE public.artist_name_variation ADD CONSTRAINT fk_artist_name_variation_artist
        FOREIGN KEY (artist_id) REFERENCES public.artist (id) ON DELETE CASCADE;
    ALTER TABLE public.artist_member ADD CONSTRAINT fk_artist_member_artist
        FOREIGN KEY (artist_id) REFERENCES public.artist (id) ON DELETE CASCADE;
    ALTER TABLE public.artist_url ADD CONSTRAINT fk_artist_url_artist
        FOREIGN KEY (artist_id) REFERENCES public.artist (id) ON DELETE CASCADE;
    CREATE INDEX idx_master_artist_master_id ON public.master_artist (master_id);
    CREATE INDEX idx_master_artist_name_trgm ON public.master_artist
        USING gin (lower(public.f_unaccent(artist_name)) public.gin_trgm_ops);
    CREATE INDEX idx_artist_alias_artist_id ON public.artist_alias (artist_id);
    CREATE INDEX idx_artist_name_variation_artist_id ON public.artist_name_variation (artist_id);
    CREATE INDEX idx_artist_member_artist_id ON public.artist_member (artist_id);
    CREATE INDEX idx_artist_url_artist_id ON public.artist_url (artist_id);
END
$$
