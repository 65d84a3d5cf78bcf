-- Nearest-neighbour form of search_track (needs sql/cache_indexes_nearest.sql; its GiST indexes
-- are on these COLLATE "C" expressions): the `limit` track titles nearest the query in trigram
-- distance (1 - similarity), read in that order from the GiST index, which stops after `limit`
-- rows; those under the search's similarity threshold are then dropped. So the rows are the
-- current form's best-scoring ones, up to the choice among equal scores. The threshold is applied
-- outside the LIMIT on purpose: inside it, a query with few matches would make the scan look
-- through every title. Parameters: track, limit.
WITH nearest AS (
    SELECT t.release_id, t.sequence, t.title AS track,
           similarity(lower(f_unaccent(t.title)), lower(f_unaccent(%(track)s))) AS score
    FROM release_track t
    ORDER BY (lower(f_unaccent(t.title)) COLLATE "C") <-> lower(f_unaccent(%(track)s))
    LIMIT %(limit)s
), hit AS (
    SELECT * FROM nearest WHERE lower(f_unaccent(track)) %% lower(f_unaccent(%(track)s))
)
SELECT r.id AS release_id, r.title, a.artist_name, hit.track,
       lower(a.artist_name) LIKE '%%various%%' AS is_compilation
FROM hit
JOIN release r ON r.id = hit.release_id
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
ORDER BY hit.score DESC, r.id
