-- Nearest-neighbour form of search_track_title (needs sql/cache_indexes_nearest.sql): the
-- `limit` nearest track titles from the GiST index, those under the threshold dropped, each with
-- its release's main credits. Parameters: title, limit.
WITH hit AS (
    SELECT * FROM (
        SELECT t.release_id, t.title,
               similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(title)s))) AS score
        FROM release_track t
        ORDER BY (lower(f_unaccent(t.title)) COLLATE "C") <-> lower(f_unaccent(%(title)s))
        LIMIT %(limit)s
    ) nearest
    WHERE lower(f_unaccent(title)) %% lower(f_unaccent(%(title)s))
)
SELECT hit.release_id, hit.title, a.artist_name AS artist, max(hit.score) AS score
FROM hit
JOIN release_artist a ON a.release_id = hit.release_id AND a.extra = 0
GROUP BY hit.release_id, hit.title, a.artist_name
ORDER BY score DESC, hit.release_id
LIMIT %(limit)s
