-- Nearest-neighbour form of search_release (needs sql/cache_indexes_nearest.sql). Candidates
-- come from both sides, each a bounded GiST scan in distance order: the 100 release titles
-- nearest the album and the releases of the 100 main credits nearest the artist. One side alone
-- can miss: a common title ("Greatest Hits") has more than 100 equally near releases, a prolific
-- artist more than 100 equally near credits. The candidates are then filtered and scored as the
-- current form does (both at or above the threshold, the mean of the two similarities).
-- Parameters: artist, album, limit.
WITH candidate AS (
    (SELECT r.id FROM release r
     ORDER BY (lower(f_unaccent(r.title)) COLLATE "C") <-> lower(f_unaccent(%(album)s))
     LIMIT 100)
    UNION
    (SELECT a.release_id FROM release_artist a
     WHERE a.extra = 0
     ORDER BY (lower(f_unaccent(a.artist_name)) COLLATE "C") <-> lower(f_unaccent(%(artist)s))
     LIMIT 100)
), album AS MATERIALIZED (
    SELECT r.id, r.title, r.artwork_url,
           similarity(lower(f_unaccent(r.title)), lower(f_unaccent(%(album)s))) AS album_score
    FROM candidate c
    JOIN release r ON r.id = c.id
    WHERE lower(f_unaccent(r.title)) %% lower(f_unaccent(%(album)s))
)
SELECT * FROM (
    SELECT DISTINCT ON (r.id)
           r.id AS release_id, r.title, credit.artist_name, credit.artist_credits, r.artwork_url,
           (r.album_score
            + similarity(lower(f_unaccent(a.artist_name)), lower(f_unaccent(%(artist)s)))) / 2.0 AS score
    FROM album r
    JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
    CROSS JOIN LATERAL (
        SELECT string_agg(m.artist_name, ', ' ORDER BY m.artist_name) AS artist_name,
               array_agg(m.artist_name ORDER BY m.artist_name) AS artist_credits
        FROM release_artist m WHERE m.release_id = r.id AND m.extra = 0
    ) credit
    WHERE lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s))
    ORDER BY r.id, score DESC
) best
ORDER BY score DESC, release_id
LIMIT %(limit)s
