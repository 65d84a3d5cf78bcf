-- Tiered form of search_track over the optional track_title_search (sql/cache_indexes_tiered.sql),
-- run at the threshold of its tier (pg_trgm.similarity_threshold, set by the caller). The
-- `limit` best folded titles first, each read once however many tracks share it, then their
-- tracks. A short query (up to 8 trigrams) at one of the tiers' thresholds also asks for its
-- length window's token (see cache_indexes_tiered.sql), which keeps it from rechecking every
-- short title that shares its first letters; a longer one is selective enough by its trigrams.
-- Among tracks of one title, which `limit` are read is left to the index, as the current form
-- leaves the choice among equal scores to its sort. Parameters: track, limit.
WITH query AS MATERIALIZED (
    SELECT lower(f_unaccent(%(track)s)) AS folded,
           coalesce(array_length(show_trgm(lower(f_unaccent(%(track)s))), 1), 0) AS trigrams,
           current_setting('pg_trgm.similarity_threshold')::numeric * 10 AS tier
), title AS MATERIALIZED (
    (SELECT s.folded, similarity(s.folded, q.folded) AS score
     FROM query q, track_title_search s
     WHERE q.trigrams <= 8 AND q.tier IN (3, 5, 7)
       AND s.windows @> ARRAY[(q.trigrams * 10 + q.tier)::smallint]
       AND s.folded %% q.folded
     ORDER BY score DESC LIMIT %(limit)s)
    UNION ALL
    (SELECT s.folded, similarity(s.folded, q.folded) AS score
     FROM query q, track_title_search s
     WHERE NOT (q.trigrams <= 8 AND q.tier IN (3, 5, 7)) AND s.folded %% q.folded
     ORDER BY score DESC LIMIT %(limit)s)
), hit AS (
    SELECT t.release_id, t.sequence, t.track, title.score
    FROM title CROSS JOIN LATERAL (
        SELECT t.release_id, t.sequence, t.title AS track FROM release_track t
        WHERE lower(f_unaccent(t.title)) = title.folded
        LIMIT %(limit)s
    ) t
    ORDER BY title.score DESC, t.release_id
    LIMIT %(limit)s
)
SELECT r.id AS release_id, r.title, a.artist_name, hit.track,
       lower(a.artist_name) LIKE '%%various%%' AS is_compilation
FROM hit
JOIN release r ON r.id = hit.release_id
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
ORDER BY hit.score DESC, r.id
