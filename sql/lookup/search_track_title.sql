-- Track-only fallback: tracks whose title is like the query, each with its release's main
-- credit. Parameters: title, limit.
SELECT release_id, title, artist, max(score) AS score FROM (
    SELECT t.release_id, t.title, a.artist_name AS artist,
           similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(title)s))) AS score
    FROM release_track t
    JOIN release_artist a ON a.release_id = t.release_id AND a.extra = 0
    WHERE lower(f_unaccent(t.title)) %% lower(f_unaccent(%(title)s))
) hit
GROUP BY release_id, title, artist
ORDER BY score DESC, release_id
LIMIT %(limit)s
