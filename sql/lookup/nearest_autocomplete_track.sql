-- Nearest-neighbour form of autocomplete_track (needs sql/cache_indexes_nearest.sql). The
-- current form returns up to `limit` matching titles in no order; this one reads the 200 main
-- credits nearest the artist from the GiST index and returns the titles of their releases'
-- tracks that start with the prefix (optionally on a release like the given title), nearest
-- artist first. Parameters: artist, prefix, release (NULL for any), limit.
SELECT t.title
FROM (
    SELECT a.release_id, a.artist_name,
           (lower(f_unaccent(a.artist_name)) COLLATE "C") <-> lower(f_unaccent(%(artist)s)) AS distance
    FROM release_artist a
    WHERE a.extra = 0
    ORDER BY (lower(f_unaccent(a.artist_name)) COLLATE "C") <-> lower(f_unaccent(%(artist)s))
    LIMIT 200
) a
JOIN release_track t ON t.release_id = a.release_id
LEFT JOIN release r ON r.id = t.release_id
WHERE lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s))
  AND lower(f_unaccent(t.title)) ILIKE f_unaccent(%(prefix)s) || '%%'
  AND (%(release)s::text IS NULL OR lower(f_unaccent(r.title)) %% lower(f_unaccent(%(release)s::text)))
ORDER BY a.distance, t.release_id, t.sequence
LIMIT %(limit)s
