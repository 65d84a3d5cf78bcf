-- Title-only fallback: releases whose title is like the query, each with a main credit.
-- Parameters: title, limit.
-- The matching releases are collected first (MATERIALIZED), then credited: left to itself, the
-- planner may read every release in id order through the primary key to save the grouping a
-- sort, which on a small cache costs about as much as the trigram index and scales like a
-- table scan.
WITH hit AS MATERIALIZED (
    SELECT r.id AS release_id, r.title,
           similarity(lower(f_unaccent(r.title)), lower(f_unaccent(%(title)s))) AS score
    FROM release r
    WHERE lower(f_unaccent(r.title)) %% lower(f_unaccent(%(title)s))
)
SELECT hit.release_id, hit.title, a.artist_name AS artist, max(hit.score) AS score
FROM hit
JOIN release_artist a ON a.release_id = hit.release_id AND a.extra = 0
GROUP BY hit.release_id, hit.title, a.artist_name
ORDER BY score DESC, hit.release_id
LIMIT %(limit)s
