-- Tiered form of search_track_title over the optional track_title_search
-- (sql/cache_indexes_tiered.sql), at the threshold of its tier: the `limit` best folded titles
-- (see tiered_search_track.sql), up to `limit` tracks of each, each with its release's main
-- credit. Parameters: title, limit.
WITH query AS MATERIALIZED (
    SELECT lower(f_unaccent(%(title)s)) AS folded,
           coalesce(array_length(show_trgm(lower(f_unaccent(%(title)s))), 1), 0) AS trigrams,
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
)
SELECT t.release_id, t.title, a.artist_name AS artist, max(title.score) AS score
FROM title
CROSS JOIN LATERAL (
    SELECT t.release_id, t.title FROM release_track t
    WHERE lower(f_unaccent(t.title)) = title.folded
    LIMIT %(limit)s
) t
JOIN release_artist a ON a.release_id = t.release_id AND a.extra = 0
GROUP BY t.release_id, t.title, a.artist_name
ORDER BY score DESC, t.release_id
LIMIT %(limit)s
