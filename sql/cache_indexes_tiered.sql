-- Optional (DISCOGS_TIERED_INDEXES=1): what the tiered form of the searches reads (the track
-- searches' sql/lookup/tiered_search_track*.sql, the others' current SQL at raised thresholds).
-- Runs in the next cache's schema, after its indexes.
--
-- track_title_search holds each folded track title once: a title shared by thousands of tracks
-- ("Intro", "Bonus Track") is one row to recheck and score instead of thousands.
--
-- A short query needs more: its trigrams are the first letters of many titles ("the", "lov"),
-- so the trigram index alone hands over thousands of candidates. But similarity =
-- common / (a + b - common) cannot reach a threshold t unless the title's count of trigrams b
-- lies within [t * a, a / t] of the query's a. `windows` lists, for each query size a up to 8
-- trigrams and each tier's threshold (0.7, 0.5, 0.3: the tiers of the tiered form), the token
-- a * 10 + t * 10 when the title lies within that window; one token then selects, inside the
-- same GIN index as the trigrams, exactly the titles of a possible length.
CREATE OR REPLACE FUNCTION public.track_title_windows(trigrams integer) RETURNS smallint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
    SELECT coalesce(array_agg((a * 10 + tier)::smallint ORDER BY tier, a), '{}')
    FROM (VALUES (7), (5), (3)) AS t(tier), generate_series(1, 8) AS a
    WHERE trigrams BETWEEN ceil(a * tier / 10.0) AND floor(a * 10.0 / tier)
$$;

CREATE TABLE track_title_search (
    folded text NOT NULL,
    windows smallint[] NOT NULL
);
-- The windows depend on the count alone: computed once per count (MATERIALIZED: inlined, the
-- call would run once per title, ten times the cost of the whole statement).
INSERT INTO track_title_search (folded, windows)
WITH title AS (
    SELECT folded, coalesce(array_length(public.show_trgm(folded), 1), 0) AS trigrams
    FROM (SELECT DISTINCT lower(public.f_unaccent(title)) AS folded FROM release_track WHERE title IS NOT NULL) t
), window_of AS MATERIALIZED (
    SELECT trigrams, public.track_title_windows(trigrams) AS windows
    FROM generate_series(0, (SELECT max(trigrams) FROM title)) AS trigrams
)
SELECT title.folded, window_of.windows FROM title JOIN window_of USING (trigrams);

-- By hash: a b-tree entry cannot hold a title of several kilobytes, which real dumps have.
CREATE UNIQUE INDEX idx_track_title_search_folded ON track_title_search (md5(folded));
CREATE INDEX idx_track_title_search_trgm ON track_title_search USING gin (windows, folded gin_trgm_ops);
-- From a folded title back to its tracks.
CREATE INDEX idx_release_track_folded_title ON release_track USING hash ((lower(f_unaccent(title))));

-- The credits' trigram indexes every cache has hold the extra credits too (three in four rows
-- of release_artist); the searches read main credits only. Indexes of the main credits alone
-- have a quarter of the entries to read, which is what the searches with an artist spend
-- their time on at the lower tiers.
CREATE INDEX idx_release_artist_main_name_trgm ON release_artist
    USING gin ((lower(f_unaccent(artist_name))) gin_trgm_ops) WHERE extra = 0;
CREATE INDEX idx_release_track_artist_main_name_trgm ON release_track_artist
    USING gin ((lower(f_unaccent(artist_name))) gin_trgm_ops) WHERE extra = 0;

-- The lookup service's own writes add their titles: a track it hydrates is found by this form
-- too. Titles whose tracks are deleted stay until the next build; they match no track.
CREATE OR REPLACE FUNCTION public.track_title_search_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.title IS NOT NULL THEN
        -- The table beside the trigger's: the next cache's while it is built, then the published one.
        EXECUTE format('INSERT INTO %I.track_title_search (folded, windows) VALUES ($1, '
                       'public.track_title_windows(coalesce(array_length(public.show_trgm($1), 1), 0))) '
                       'ON CONFLICT DO NOTHING', TG_TABLE_SCHEMA)
            USING lower(public.f_unaccent(NEW.title));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER track_title_search_add AFTER INSERT OR UPDATE OF title ON release_track
    FOR EACH ROW EXECUTE FUNCTION public.track_title_search_add();

ANALYZE track_title_search;
ANALYZE release_artist;
ANALYZE release_track_artist;
