-- The aliases and name variations of the credited artist ids the library match judges the
-- survivors by (match_artist_ids.sql, composed in), from the artists files' rows release_tables
-- kept and validated (side_keep.sql): aliases first, each in file order.
SELECT v.artist_id, v.name
FROM (SELECT 0 AS kind, pos, artist_id, alias_name AS name, valid FROM discogs_build.side_artist_alias
      UNION ALL
      SELECT 1, pos, artist_id, name, valid FROM discogs_build.side_artist_name_variation) v
WHERE v.valid AND v.artist_id IN (SELECT c.artist_id FROM ({credited}) c)
ORDER BY v.kind, v.pos
