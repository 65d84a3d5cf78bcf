-- Title-only fallback: releases whose title is like the query, each with a main credit.
-- Parameters: title, limit.
SELECT release_id, title, artist, max(score) AS score FROM (
    SELECT r.id AS release_id, r.title, a.artist_name AS artist,
           similarity(lower(f_unaccent(r.title)), lower(f_unaccent(%(title)s))) AS score
    FROM release r
    JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
    WHERE lower(f_unaccent(r.title)) %% lower(f_unaccent(%(title)s))
) hit
GROUP BY release_id, title, artist
ORDER BY score DESC, release_id
LIMIT %(limit)s
