-- Autocomplete: track titles of an artist (fuzzy, main credits) starting with a typed prefix,
-- optionally on a release like the given title. Parameters: artist, prefix, release (NULL for
-- any), limit.
SELECT t.title
FROM release_track t
JOIN release_artist a ON a.release_id = t.release_id AND a.extra = 0
LEFT JOIN release r ON r.id = t.release_id
WHERE lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s))
  AND lower(f_unaccent(t.title)) ILIKE f_unaccent(%(prefix)s) || '%%'
  AND (%(release)s::text IS NULL OR lower(f_unaccent(r.title)) %% lower(f_unaccent(%(release)s::text)))
LIMIT %(limit)s
