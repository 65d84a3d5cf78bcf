-- Nearest-neighbour form of search_track_artist (needs sql/cache_indexes_nearest.sql).
-- Candidate tracks come from three bounded GiST scans in distance order: the 100 track titles
-- nearest the title, the tracks of the releases of the 100 main release credits nearest the
-- artist, and the tracks of the 100 main track credits nearest the artist. A common title
-- ("Intro") has more than 100 equally near tracks, and a prolific artist more than 100 equally
-- near credits: either side alone can miss the one asked for. The candidates are then filtered
-- as the current form does (the title at or above the threshold, and the artist on the release's
-- or on the track's main credits) and the best titles kept. Parameters: track, artist, limit.
WITH candidate AS (
    (SELECT t.release_id, t.sequence FROM release_track t
     ORDER BY (lower(f_unaccent(t.title)) COLLATE "C") <-> lower(f_unaccent(%(track)s))
     LIMIT 100)
    UNION
    SELECT t.release_id, t.sequence
    FROM (SELECT a.release_id FROM release_artist a
          WHERE a.extra = 0
          ORDER BY (lower(f_unaccent(a.artist_name)) COLLATE "C") <-> lower(f_unaccent(%(artist)s))
          LIMIT 100) a
    JOIN release_track t ON t.release_id = a.release_id
    UNION
    (SELECT ta.release_id, ta.track_sequence FROM release_track_artist ta
     WHERE ta.extra = 0
     ORDER BY (lower(f_unaccent(ta.artist_name)) COLLATE "C") <-> lower(f_unaccent(%(artist)s))
     LIMIT 100)
), track AS MATERIALIZED (
    SELECT t.release_id, t.sequence, t.title AS track,
           similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(track)s))) AS score
    FROM candidate c
    JOIN release_track t ON t.release_id = c.release_id AND t.sequence = c.sequence
    WHERE lower(f_unaccent(t.title)) %% lower(f_unaccent(%(track)s))
), hit AS (
    SELECT tr.* FROM track tr
    WHERE EXISTS (SELECT FROM release_artist a
                  WHERE a.release_id = tr.release_id AND a.extra = 0
                    AND lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s)))
       OR EXISTS (SELECT FROM release_track_artist ta
                  WHERE ta.release_id = tr.release_id AND ta.track_sequence = tr.sequence AND ta.extra = 0
                    AND lower(f_unaccent(ta.artist_name)) %% lower(f_unaccent(%(artist)s)))
    ORDER BY tr.score DESC
    LIMIT %(limit)s
)
SELECT r.id AS release_id, r.title, a.artist_name, hit.track,
       lower(a.artist_name) LIKE '%%various%%' AS is_compilation
FROM hit
JOIN release r ON r.id = hit.release_id
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
ORDER BY hit.score DESC, r.id
