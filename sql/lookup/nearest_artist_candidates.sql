-- Nearest-neighbour form of artist_candidates (needs sql/cache_indexes_nearest.sql): for each
-- input name, the 200 main credits nearest it from the GiST index, of which those at a
-- similarity of at least min_score (and the threshold) give their artist ids. Parameters:
-- names (text[]), min_score.
SELECT q.input, array_agg(DISTINCT n.artist_id ORDER BY n.artist_id) AS artist_ids
FROM unnest(%(names)s::text[]) AS q(input)
CROSS JOIN LATERAL (
    SELECT a.artist_id, a.artist_name
    FROM release_artist a
    WHERE a.extra = 0 AND a.artist_id IS NOT NULL
    ORDER BY (lower(f_unaccent(a.artist_name)) COLLATE "C") <-> lower(f_unaccent(q.input))
    LIMIT 200
) n
WHERE lower(f_unaccent(n.artist_name)) %% lower(f_unaccent(q.input))
  AND similarity(lower(f_unaccent(n.artist_name)), lower(f_unaccent(q.input))) >= %(min_score)s
GROUP BY q.input
ORDER BY q.input
