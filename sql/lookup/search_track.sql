-- Run with psycopg named parameters, so the trigram operator is written doubled here.
-- Releases holding a track whose title is like the query, with the release's main artist.
WITH t AS (
    SELECT DISTINCT release_id, title,
           similarity(lower(f_unaccent(title)), lower(f_unaccent(%(track)s))) AS score
    FROM release_track
    WHERE lower(f_unaccent(title)) %% lower(f_unaccent(%(track)s))
    ORDER BY score DESC
    LIMIT 20
)
SELECT r.id, a.artist_name, r.title AS album, t.title AS track, round(t.score::numeric, 2) AS score
FROM t JOIN release r ON r.id = t.release_id
LEFT JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
ORDER BY t.score DESC, r.id
LIMIT 10
