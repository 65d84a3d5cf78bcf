-- Raw aliases typed, in file order (pos): kept with an artist id and an alias name. alias_id
-- is read when the CSV has it (the converter's artist_alias.csv does not).
SELECT c.ctid AS pos,
       discogs_build.to_id(c.artist_id) IS NOT NULL AND coalesce(btrim(c.alias_name), '') <> '' AS valid,
       discogs_build.to_id(c.artist_id) AS artist_id, discogs_build.to_id(c.alias_id) AS alias_id, c.alias_name
FROM discogs_build.raw_artist_alias c
