-- The lookup service's search by track title without an artist (its hot path for compilations
-- and song-as-track queries): the best-matching tracks first, bounded before the joins, then
-- each with its release and main credits. Parameters: track, limit. The trigram operator is
-- doubled because the file runs with psycopg parameters.
WITH hit AS (
    SELECT DISTINCT t.release_id, t.sequence, t.title AS track,
           similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(track)s))) AS score
    FROM release_track t
    WHERE lower(f_unaccent(t.title)) %% lower(f_unaccent(%(track)s))
    ORDER BY score DESC
    LIMIT %(limit)s
)
SELECT r.id AS release_id, r.title, a.artist_name, hit.track,
       lower(a.artist_name) LIKE '%%various%%' AS is_compilation
FROM hit
JOIN release r ON r.id = hit.release_id
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
ORDER BY hit.score DESC, r.id
