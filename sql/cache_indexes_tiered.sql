-- Optional (DISCOGS_TIERED_INDEXES=1): what the tiered form of the track searches reads
-- (sql/lookup/tiered_search_track*.sql). Runs in the next cache's schema, after its indexes.
--
-- track_title_search holds each folded track title once, with its count of distinct trigrams.
-- A title shared by thousands of tracks ("Intro", "Bonus Track") is then one row to recheck and
-- score instead of thousands, and the trigram count lets the index skip the titles whose length
-- alone keeps them under the threshold: similarity = common / (a + b - common) cannot reach t
-- unless the title's count b lies within [t * a, a / t] of the query's count a.
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

CREATE TABLE track_title_search (
    folded text NOT NULL,
    trigrams integer NOT NULL
);
INSERT INTO track_title_search (folded, trigrams)
SELECT folded, coalesce(array_length(public.show_trgm(folded), 1), 0)
FROM (SELECT DISTINCT lower(public.f_unaccent(title)) AS folded FROM release_track WHERE title IS NOT NULL) t;

-- By hash: a b-tree entry cannot hold a title of several kilobytes, which real dumps have.
CREATE UNIQUE INDEX idx_track_title_search_folded ON track_title_search (md5(folded));
CREATE INDEX idx_track_title_search_trgm ON track_title_search USING gin (trigrams, folded gin_trgm_ops);
-- From a folded title back to its tracks.
CREATE INDEX idx_release_track_folded_title ON release_track USING hash ((lower(f_unaccent(title))));

-- The lookup service's own writes add their titles: a track it hydrates is found by this form
-- too. Titles whose tracks are deleted stay until the next build; they match no track.
CREATE OR REPLACE FUNCTION public.track_title_search_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.title IS NOT NULL THEN
        -- The table beside the trigger's: the next cache's while it is built, then the published one.
        EXECUTE format('INSERT INTO %I.track_title_search (folded, trigrams) VALUES ($1, $2) '
                       'ON CONFLICT DO NOTHING', TG_TABLE_SCHEMA)
            USING lower(public.f_unaccent(NEW.title)),
                  coalesce(array_length(public.show_trgm(lower(public.f_unaccent(NEW.title))), 1), 0);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER track_title_search_add AFTER INSERT OR UPDATE OF title ON release_track
    FOR EACH ROW EXECUTE FUNCTION public.track_title_search_add();
ANALYZE track_title_search;
