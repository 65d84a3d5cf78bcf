-- Run with psycopg named parameters, so the trigram operator is written doubled here.
-- Artist and album together (both must match), best first: the lookup service's album search.
SELECT DISTINCT ON (r.id) r.id, a.artist_name, r.title, r.release_year,
       greatest(similarity(lower(f_unaccent(r.title)), lower(f_unaccent(%(album)s))),
                similarity(lower(f_unaccent(a.artist_name)), lower(f_unaccent(%(artist)s)))) AS score
FROM release r
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
WHERE lower(f_unaccent(r.title)) %% lower(f_unaccent(%(album)s))
  AND lower(f_unaccent(a.artist_name)) %% lower(f_unaccent(%(artist)s))
ORDER BY r.id, score DESC
LIMIT 10
