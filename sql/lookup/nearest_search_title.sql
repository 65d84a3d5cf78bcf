-- Nearest-neighbour form of search_title (needs sql/cache_indexes_nearest.sql): the `limit`
-- nearest release titles from the GiST index, those under the threshold dropped, each with its
-- main credits. Parameters: title, limit.
WITH hit AS (
    SELECT * FROM (
        SELECT r.id AS release_id, r.title,
               similarity(lower(f_unaccent(r.title)), lower(f_unaccent(%(title)s))) AS score
        FROM release r
        ORDER BY (lower(f_unaccent(r.title)) COLLATE "C") <-> lower(f_unaccent(%(title)s))
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
