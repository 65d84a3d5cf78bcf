-- The credited artist ids the library match judges the survivors by: main credits, and the
-- extra credits of a release without a main one. Their aliases and name variations are read for
-- these ids alone.
SELECT DISTINCT a.artist_id
FROM dedup_survivor s
JOIN release_artist a ON a.release_id = s.id
WHERE a.artist_id IS NOT NULL
  AND (a.extra = 0
       OR NOT EXISTS (SELECT 1 FROM release_artist m WHERE m.release_id = s.id AND m.extra = 0))
